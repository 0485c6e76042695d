# boomi.platform — the two commands of the README, and the pieces they are made of.
#   make demo   run playbooks/demo.yml against the Boomi API simulator
#   make test   every test layer (sanity, units, ansible-lint, simulator suite, integration)
#               and the release checks (docs lint, changelog, galaxy build/import, EE context)

PYTHON      ?= python3.11
VENV        ?= .venv
BIN         := $(abspath $(VENV))/bin
BUILD       := $(abspath build)
COLLECTIONS := $(BUILD)/collections
COLLECTION  := $(COLLECTIONS)/ansible_collections/boomi/platform
SIM_PORT    ?= 8765
SIM_LOG     := $(BUILD)/simulator.log
# `make simulator` and `make demo` refuse a port in use with one line (the simulator would show a traceback).
SIM_PORT_FREE = $(BIN)/python -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); \
	s.bind(("127.0.0.1", int(sys.argv[1])))' $(SIM_PORT) 2>/dev/null \
	|| { echo "port $(SIM_PORT) is in use on 127.0.0.1: stop what listens there, or pick another port: make $@ SIM_PORT=8766" >&2; exit 1; }
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export PATH := $(BIN):$(PATH)
# ansible-test lists the collection's files with git when it finds a .git above the collection;
# the copy lives under the git-ignored build/, so git lists nothing there (sanity: "All targets
# skipped", units: "Cannot run unit tests"). Naming the content root makes it read the copy itself.
export ANSIBLE_TEST_CONTENT_ROOT := $(COLLECTION)
# Sanity also runs on the oldest ansible-core that meta/runtime.yml accepts, in its own venv.
ANSIBLE_CORE_OLDEST ?= 2.16.19
PYTEST_WORKERS ?= 2
VENV_OLDEST := $(BUILD)/venv-2.16
GALAXY_OUT  := $(BUILD)/galaxy
EE_OUT      := $(BUILD)/ee
VERSION     = $(shell sed -n 's/^version: *//p' galaxy.yml)

.PHONY: help demo test venv collection simulator sanity units lint pytest clean \
	sanity-2.16-start sanity-2.16 docs-lint changelog-lint changelog galaxy importer ee

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
	@$(SIM_PORT_FREE)
	PYTHONPATH=tests/simulator $(BIN)/python -m boomisim --port $(SIM_PORT)

demo: collection
	@$(SIM_PORT_FREE)
	@bash hack/demo.sh $(BIN)/python $(SIM_PORT) $(SIM_LOG)

sanity: collection
	cd $(COLLECTION) && $(BIN)/ansible-test sanity --python 3.11 --requirements --color no

units: collection
	cd $(COLLECTION) && $(BIN)/ansible-test units --python 3.11 --requirements --color no

lint: collection
	cd $(COLLECTION) && $(BIN)/ansible-lint --profile production --offline

# The simulator's suite and the integration suite on PYTEST_WORKERS processes (pytest-xdist), each with its own simulator;
# then the tests marked `serial` (timed to a fraction of a second) alone, so that no other test's CPU load shifts them.
pytest: collection
	$(BIN)/python -m pytest tests/simulator/tests tests/integration -p no:cacheprovider -n $(PYTEST_WORKERS) --dist worksteal -m 'not serial'
	$(BIN)/python -m pytest tests/simulator/tests tests/integration -p no:cacheprovider -m serial

# `make test` starts sanity on ansible-core 2.16 first, in the background on its own copy of the
# collection (sanity-2.16-start), and waits for it before pytest (sanity-2.16): its venvs and
# requirements install while the other layers run. Alone, `make sanity-2.16` runs in the foreground.
sanity-2.16-start: venv $(VENV_OLDEST)/.installed-$(ANSIBLE_CORE_OLDEST)
	@bash hack/sanity_oldest.sh start $(VENV_OLDEST) $(BUILD)

sanity-2.16: venv $(VENV_OLDEST)/.installed-$(ANSIBLE_CORE_OLDEST)
	@bash hack/sanity_oldest.sh wait $(VENV_OLDEST) $(BUILD)

$(VENV_OLDEST)/.installed-$(ANSIBLE_CORE_OLDEST):
	rm -rf $(VENV_OLDEST)
	$(PYTHON) -m venv $(VENV_OLDEST)
	$(VENV_OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check ansible-core==$(ANSIBLE_CORE_OLDEST)
	bash hack/install_get_pip_standin.sh $(VENV_OLDEST)/bin/python
	touch $@

# Module and role docs as docs.ansible.com renders them (schema, markup, references to this
# collection and to ansible.builtin; a reference to a collection that is not installed is an error).
docs-lint: collection
	cd $(COLLECTION) && $(BIN)/antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs all \
		--disallow-unknown-collection-refs .

# Fragments and changelogs/changelog.yaml are valid, and CHANGELOG.rst is what changelog.yaml generates.
changelog-lint: venv
	$(BIN)/antsibull-changelog lint
	$(BIN)/antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml
	mkdir -p $(BUILD)
	$(BIN)/antsibull-changelog generate --output $(BUILD)/CHANGELOG.rst
	diff -u CHANGELOG.rst $(BUILD)/CHANGELOG.rst || { echo "CHANGELOG.rst is stale: run make changelog" >&2; exit 1; }

# Fold the new fragments into the release of galaxy.yml's version and regenerate CHANGELOG.rst
# (until that version is tagged; see changelogs/README.md).
changelog: collection
	$(BIN)/antsibull-changelog release --version $(VERSION) --update-existing
	rm -f changelogs/.plugin-cache.yaml

galaxy: collection
	@bash hack/galaxy_check.sh $(BIN) $(COLLECTION) $(GALAXY_OUT)

importer: galaxy
	@bash hack/galaxy_importer.sh $(BIN) $(GALAXY_OUT)

ee: galaxy
	@bash hack/ee_check.sh $(BIN) $(CURDIR) $(GALAXY_OUT) $(EE_OUT)

test: sanity-2.16-start sanity units lint docs-lint changelog-lint galaxy importer ee sanity-2.16 pytest

clean:
	rm -rf $(BUILD) tests/output

# Benchmarks (not part of `make test`): the collection against hand-written ansible.builtin.uri
# playbooks, on the Boomi API simulator; prints a markdown table (see docs/performance.md).
.PHONY: bench
bench: collection
	$(BIN)/python bench/bench.py --collections $(COLLECTIONS)
