# boomi.platform — the two commands of the README, and the pieces they are made of.
#   make demo   run playbooks/demo.yml against the Boomi API simulator
#   make test   every test layer (sanity, units, ansible-lint, simulator suite, integration)

PYTHON      ?= python3.11
VENV        ?= .venv
BIN         := $(abspath $(VENV))/bin
BUILD       := $(abspath build)
COLLECTIONS := $(BUILD)/collections
COLLECTION  := $(COLLECTIONS)/ansible_collections/boomi/platform
SIM_PORT    ?= 8765
SIM_LOG     := $(BUILD)/simulator.log
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export PATH := $(BIN):$(PATH)

.PHONY: help demo test venv collection simulator sanity units lint pytest clean

help:
	@echo "make demo   - run the demo playbook against the Boomi API simulator"
	@echo "make test   - run every test layer"

venv: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	bash hack/install_get_pip_standin.sh $(BIN)/python
	touch $@

collection: venv
	@bash hack/copy_collection.sh $(COLLECTIONS) >/dev/null

simulator: venv
	PYTHONPATH=tests/simulator $(BIN)/python -m boomisim --port $(SIM_PORT)

demo: collection
	@bash hack/demo.sh $(BIN)/python $(SIM_PORT) $(SIM_LOG)

sanity: collection
	cd $(COLLECTION) && $(BIN)/ansible-test sanity --python 3.11 --requirements --color no

units: collection
	cd $(COLLECTION) && $(BIN)/ansible-test units --python 3.11 --requirements --color no

lint: collection
	cd $(COLLECTION) && $(BIN)/ansible-lint --profile production --offline

pytest: collection
	$(BIN)/python -m pytest tests/simulator/tests tests/integration -p no:cacheprovider

test: sanity units lint pytest

clean:
	rm -rf $(BUILD) tests/output
