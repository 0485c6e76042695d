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
# Sanity and units also run on the oldest ansible-core that meta/runtime.yml accepts (on Python 3.11) and on the
# newest release (on Python 3.12, which it needs; the demo too), each in its own venv under build/ (pinned in
# requirements-oldest.txt, requirements-newest.txt) and on its own copy of the collection: `make core-2.16`,
# `make core-2.21`. hack/find_python.sh finds the interpreters (PATH, else pyenv) or names what to install.
PYTHON_OLDEST ?= 3.11
PYTHON_NEWEST ?= 3.12
PYTEST_WORKERS ?= 2
VENV_OLDEST := $(BUILD)/venv-2.16
VENV_NEWEST := $(BUILD)/venv-2.21
GALAXY_OUT  := $(BUILD)/galaxy
EE_OUT      := $(BUILD)/ee
VERSION     = $(shell sed -n 's/^version: *//p' galaxy.yml)
# Each layer of `make test` prints one line with its wall and CPU time when done: "[stage] sanity: 98 s wall, 61 s CPU ...".
TIMED       = bash $(CURDIR)/hack/timed.sh

.PHONY: help demo test venv collection simulator sanity units lint pytest pytest-parallel pytest-serial pytest-start pytest-wait \
	clean docs-lint changelog-lint changelog \
	galaxy importer ee sanity-2.16 units-2.16 core-2.16 core-2.16-start core-2.16-wait \
	sanity-2.21 units-2.21 units-2.21-py3.13 demo-2.21 core-2.21 core-2.21-start core-2.21-wait

help:
	@echo "make demo   - run the demo playbook against the Boomi API simulator"
	@echo "make test   - run every test layer"

venv: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(TIMED) venv $(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
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

# hack/ansible_test.sh: sanity fails when shellcheck is missing (ansible-test would skip that test and pass).
sanity: collection
	$(TIMED) sanity bash hack/ansible_test.sh sanity $(BIN) 3.11 $(COLLECTION)

units: collection
	$(TIMED) units bash hack/ansible_test.sh units $(BIN) 3.11 $(COLLECTION)

lint: collection
	cd $(COLLECTION) && $(TIMED) lint $(BIN)/ansible-lint --profile production --offline

# The simulator's suite and the integration suite on PYTEST_WORKERS processes (pytest-xdist), each with its own simulator
# (pytest-parallel); then the tests marked `serial` (timed to a fraction of a second) alone, so that no other test's CPU load
# shifts them (pytest-serial). Neither needs the collection copy of build/: the integration suite makes its own.
pytest: pytest-parallel pytest-serial

pytest-parallel: venv
	$(TIMED) pytest-parallel $(BIN)/python -m pytest tests/simulator/tests tests/integration -p no:cacheprovider -n $(PYTEST_WORKERS) --dist worksteal \
		-m 'not serial'

pytest-serial: venv
	$(TIMED) pytest-serial $(BIN)/python -m pytest tests/simulator/tests tests/integration -p no:cacheprovider -m serial

# `make test` starts pytest-parallel first, in the background, beside the other layers (much of its time and theirs is spent
# waiting: for a subprocess, an answer, a download), waits for it after them, then runs pytest-serial on an idle machine.
pytest-start: venv
	@bash hack/background.sh start pytest $(BUILD) $(MAKE) --no-print-directory pytest-parallel

pytest-wait: venv
	@$(TIMED) pytest-wait bash hack/background.sh wait pytest $(BUILD) $(MAKE) --no-print-directory pytest-parallel

# The other ansible-core versions: `make core-2.16` (sanity and units on 2.16, Python 3.11) and `make core-2.21`
# (sanity on 2.21, Python 3.12, units on Python 3.13, and the demo with 2.21's ansible-playbook on 3.12; its output, as
# `make demo > log 2>&1` would keep it, in build/demo-2.21.log). `make test` starts both early, in the background
# (core-*-start), and waits for them after its foreground layers (core-*-wait): their venvs and requirements install
# while the other layers run. Each runs on its own copy of the collection (build/collections-2.xx).
# Sanity on 2.16 and 2.21 leaves out the tests that check nothing of ansible-core and run elsewhere already: changelog
# (antsibull-changelog lint: make changelog-lint, and sanity on 2.19), yamllint (sanity on 2.19, and ansible-lint) and
# shellcheck (sanity on 2.19, with the same shellcheck binary). Every test that reads the collection with that
# ansible-core (ansible-doc, validate-modules, pylint, import, compile, runtime-metadata...) runs on all three, on every
# file that runs with that ansible-core: not on tests/simulator, tests/integration and bench, which run only with the tool
# chain's ansible-core and Python (pytest and make bench use $(VENV); the demos start the simulator with its Python) and
# are checked by sanity on 2.19 (pylint on them alone costs ~10 CPU s per version).
SANITY_OTHER_CORES := --skip-test changelog --skip-test yamllint --skip-test shellcheck \
	--exclude tests/simulator/ --exclude tests/integration/ --exclude bench/

sanity-2.16: venv $(VENV_OLDEST)/.installed
	$(TIMED) sanity-2.16 bash hack/ansible_test.sh sanity $(VENV_OLDEST)/bin $(PYTHON_OLDEST) $$(bash hack/copy_collection.sh $(BUILD)/collections-2.16) \
		$(SANITY_OTHER_CORES)

units-2.16: venv $(VENV_OLDEST)/.installed
	$(TIMED) units-2.16 bash hack/ansible_test.sh units $(VENV_OLDEST)/bin $(PYTHON_OLDEST) $$(bash hack/copy_collection.sh $(BUILD)/collections-2.16)

core-2.16: sanity-2.16 units-2.16

sanity-2.21: venv $(VENV_NEWEST)/.installed
	$(TIMED) sanity-2.21 bash hack/ansible_test.sh sanity $(VENV_NEWEST)/bin $(PYTHON_NEWEST) $$(bash hack/copy_collection.sh $(BUILD)/collections-2.21) \
		$(SANITY_OTHER_CORES)

units-2.21: venv $(VENV_NEWEST)/.installed
	$(TIMED) units-2.21 bash hack/ansible_test.sh units $(VENV_NEWEST)/bin $(PYTHON_NEWEST) $$(bash hack/copy_collection.sh $(BUILD)/collections-2.21)

# The unit suite on Python 3.13, with 2.21's ansible-test, in a venv that ansible-test makes (--venv) from the python3.13
# that hack/find_python.sh finds. `make core-2.21` runs the units there and not on 3.12 (`make units-2.21`, not part of
# `make test`): each Python of the range meets the modules (3.11: units and sanity on 2.16 and 2.19; 3.12: sanity's compile
# and import tests and the demo's real module runs on 2.21; 3.13: the unit suite on 2.21), and a second unit run of 2.21
# would cost `make test` ~75 CPU seconds on 2 cores for a Python that sanity and the demo already run the modules on.
units-2.21-py3.13: venv $(VENV_NEWEST)/.installed
	@python=$$(bash hack/find_python.sh 3.13) && PATH="$$(dirname "$$python"):$$PATH" \
		$(TIMED) units-2.21-py3.13 bash hack/ansible_test.sh units $(VENV_NEWEST)/bin 3.13 $$(bash hack/copy_collection.sh $(BUILD)/collections-2.21) --venv

# On a free port (SIM_PORT may be `make demo`'s); the simulator runs on the tool chain's Python.
demo-2.21: venv $(VENV_NEWEST)/.installed
	@$(TIMED) demo-2.21 bash hack/demo_check.sh $(BIN)/python $(VENV_NEWEST)/bin/python $(BUILD)/collections-2.21 $(BUILD)/demo-2.21.log

core-2.21: sanity-2.21 units-2.21-py3.13 demo-2.21

core-2.16-start: venv $(VENV_OLDEST)/.installed
	@bash hack/background.sh start core-2.16 $(BUILD) $(TIMED) core-2.16 $(MAKE) --no-print-directory core-2.16

core-2.21-start: venv $(VENV_NEWEST)/.installed
	@bash hack/find_python.sh 3.13 >/dev/null
	@bash hack/background.sh start core-2.21 $(BUILD) $(TIMED) core-2.21 $(MAKE) --no-print-directory core-2.21

core-2.16-wait core-2.21-wait: core-%-wait: venv
	@$(TIMED) core-$*-wait bash hack/background.sh wait core-$* $(BUILD) $(MAKE) --no-print-directory core-$*

# A missing interpreter stops here, in the foreground, with hack/find_python.sh's one line.
$(VENV_OLDEST)/.installed: requirements-oldest.txt
	@python=$$(bash hack/find_python.sh $(PYTHON_OLDEST)) && rm -rf $(VENV_OLDEST) && echo "$$python -m venv $(VENV_OLDEST)" \
		&& $$python -m venv $(VENV_OLDEST)
	$(TIMED) venv-2.16 $(VENV_OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-oldest.txt
	bash hack/install_get_pip_standin.sh $(VENV_OLDEST)/bin/python
	touch $@

$(VENV_NEWEST)/.installed: requirements-newest.txt
	@python=$$(bash hack/find_python.sh $(PYTHON_NEWEST)) && rm -rf $(VENV_NEWEST) && echo "$$python -m venv $(VENV_NEWEST)" \
		&& $$python -m venv $(VENV_NEWEST)
	$(TIMED) venv-2.21 $(VENV_NEWEST)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-newest.txt
	bash hack/install_get_pip_standin.sh $(VENV_NEWEST)/bin/python
	touch $@

# Module and role docs as docs.ansible.com renders them (schema, markup, references to this
# collection and to ansible.builtin; a reference to a collection that is not installed is an error).
docs-lint: collection
	cd $(COLLECTION) && $(TIMED) docs-lint $(BIN)/antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs all \
		--disallow-unknown-collection-refs .

# Fragments and changelogs/changelog.yaml are valid, and CHANGELOG.rst is what changelog.yaml generates.
changelog-lint: venv
	$(TIMED) changelog-lint $(BIN)/antsibull-changelog lint
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
	@$(TIMED) galaxy bash hack/galaxy_check.sh $(BIN) $(COLLECTION) $(GALAXY_OUT)

importer: galaxy
	@$(TIMED) importer bash hack/galaxy_importer.sh $(BIN) $(GALAXY_OUT)

ee: galaxy
	@$(TIMED) ee bash hack/ee_check.sh $(BIN) $(CURDIR) $(GALAXY_OUT) $(EE_OUT)

test: pytest-start core-2.16-start core-2.21-start sanity units lint docs-lint changelog-lint galaxy importer ee \
	core-2.16-wait core-2.21-wait pytest-wait pytest-serial

clean:
	rm -rf $(BUILD) tests/output

# Benchmarks (not part of `make test`): the collection against hand-written ansible.builtin.uri
# playbooks, on the Boomi API simulator; prints a markdown table (see docs/performance.md).
.PHONY: bench
bench: collection
	$(BIN)/python bench/bench.py --collections $(COLLECTIONS)
