# -*- coding: utf-8 -*-
# Copyright: (c) 2026, boomi.platform contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The integration harness proper (the fixtures are in ``conftest.py``); see ``README.md``.

Tests import from this module (``from boomi_harness import ...``): its name is unique on
``sys.path``, unlike ``conftest``, which the simulator's own test suite has too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PLAYBOOKS = HERE / "playbooks"
CALLBACKS = HERE / "callback_plugins"
SIM_DIR = REPO / "tests" / "simulator"
BIN = Path(sys.executable).parent

ACCOUNT_ID = "acme-4F7K2Q"
USERNAME = "ops@acme.example"
PASSWORD = "sim-password"
API_TOKEN = "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
SPACE_GUID = "7d6a3c5e-2b1f-4e8d-9c0a-1b2c3d4e5f60"
SECRETS = (PASSWORD, API_TOKEN)
APIS = ("rest", "graphql")

RECAP_RE = re.compile(
    r"^(?P<host>\S+)\s+:\s+ok=(?P<ok>\d+)\s+changed=(?P<changed>\d+)\s+unreachable=(?P<unreachable>\d+)\s+"
    r"failed=(?P<failed>\d+)\s+skipped=(?P<skipped>\d+)\s+rescued=(?P<rescued>\d+)\s+ignored=(?P<ignored>\d+)",
    re.MULTILINE)
JWT_RE = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")
# The REST objects the client calls with api: graphql, for what GraphQL lacks (REST_WITH_GRAPHQL in plugins/module_utils/client.py).
REST_WITH_GRAPHQL = ("ProcessScheduleStatus.", "ProcessSchedules.", "ExecutionRecord.", "ExecutionRequest.", "Account", "EnvironmentAtomAttachment.")
INSTANCE_KEYS = {"id", "integration_pack_id", "integration_pack_name", "override_name", "installation_type", "processes"}
ATTACHMENT_KEYS = {"id", "environment_id", "environment_name", "instance_id"}


def connection(api, sim_url):
    """Connection options of the modules for ``api`` (REST with a password, GraphQL with an API token)."""
    if api == "rest":
        return {"api": "rest", "account_id": ACCOUNT_ID, "username": USERNAME, "password": PASSWORD, "api_url": sim_url}
    if api == "graphql":
        return {"api": "graphql", "account_id": ACCOUNT_ID, "username": USERNAME, "api_token": API_TOKEN,
                "space_guid": SPACE_GUID, "api_url": sim_url, "graphql_url": sim_url + "/graphql"}
    raise ValueError(api)


def connection_env(api, sim_url, token=None):
    """The same as BOOMI_* environment variables (no ``BOOMI_API``: it is inferred from BOOMI_SPACE_GUID)."""
    env = {"BOOMI_ACCOUNT_ID": ACCOUNT_ID, "BOOMI_USERNAME": USERNAME, "BOOMI_API_URL": sim_url}
    use_token = (api == "rest") if token is None else token
    if use_token:
        env["BOOMI_API_TOKEN"] = API_TOKEN
    else:
        env["BOOMI_PASSWORD"] = PASSWORD
    if api == "graphql":
        env.update(BOOMI_SPACE_GUID=SPACE_GUID, BOOMI_GRAPHQL_URL=sim_url + "/graphql")
    return env


# ---------------------------------------------------------------------------------------------------
# Results of one run
# ---------------------------------------------------------------------------------------------------


class Run:
    """The outcome of one ansible-playbook / ansible run."""

    def __init__(self, argv, proc, records, log):
        self.argv = argv
        self.rc = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.records = records
        self.log = log

    # -- task results ---------------------------------------------------------------------------
    @property
    def results(self):
        """One record per task (loop items are folded into their task's record)."""
        return [r for r in self.records if not r["item"]]

    def tasks(self, name):
        return [r for r in self.results if r["task"] == name]

    def task(self, name):
        """The one record of the task called ``name``."""
        found = self.tasks(name)
        assert len(found) == 1, "expected one result of task %r, got %d; tasks: %s\n%s" % (
            name, len(found), [r["task"] for r in self.results], self.output())
        return found[0]

    def __getitem__(self, name):
        """``run["task name"]`` is the module's result dict of that task."""
        return self.task(name)["result"]

    # -- recap and log ---------------------------------------------------------------------------
    @property
    def recap(self):
        """``{host: {"ok": n, "changed": n, ...}}`` parsed from the PLAY RECAP."""
        found = {}
        for match in RECAP_RE.finditer(self.stdout):
            found[match.group("host")] = {k: int(v) for k, v in match.groupdict().items() if k != "host"}
        return found

    @property
    def writes(self):
        """Simulator log entries of writes made during the run."""
        return [e for e in self.log if e["write"]]

    def operations(self):
        return [e["operation"] for e in self.log]

    def output(self):
        return "--- argv: %s\n--- rc=%s\n--- stdout:\n%s\n--- stderr:\n%s" % (" ".join(self.argv), self.rc, self.stdout, self.stderr)

    # -- assertions ------------------------------------------------------------------------------
    def assert_ok(self):
        assert self.rc == 0, self.output()
        failed = [r["task"] for r in self.results if r["failed"] and not r["ignored"]]
        assert not failed, "failed tasks %s\n%s" % (failed, self.output())
        return self

    def apis(self):
        """The APIs the run talked to (``rest``, ``graphql``, ``jwt``)."""
        return {e["api"] for e in self.log}

    def assert_api(self, api):
        """Every request of the run went to ``api`` (GraphQL also generates JWTs, and calls REST for what GraphQL lacks:
        ``REST_WITH_GRAPHQL`` in client.py, the schedule status for instance)."""
        allowed = {"rest"} if api == "rest" else {"graphql", "jwt"}
        apis = {e["api"] for e in self.log if not (api == "graphql" and e["api"] == "rest" and e["operation"].startswith(REST_WITH_GRAPHQL))}
        assert self.log and apis <= allowed, "expected only %s requests, got %s" % (api, sorted(apis))
        return self

    def assert_no_writes(self):
        assert self.writes == [], "expected zero writes, the simulator logged: %s\n%s" % (self.writes, self.output())
        return self

    def assert_no_traceback(self):
        text = self.stdout + self.stderr
        assert "Traceback" not in text and "The full traceback is" not in text, self.output()
        for record in self.results:
            result = record["result"]
            for key in ("module_stderr", "module_stdout"):
                assert not result.get(key), "task %r returned %s:\n%s" % (record["task"], key, result.get(key))
            # ansible-core 2.19 puts a placeholder in `exception` of every fail_json when tracebacks are off
            assert result.get("exception") in (None, "(traceback unavailable)"), \
                "task %r returned a traceback:\n%s" % (record["task"], result.get("exception"))
            msg = str(record["msg"] or "")
            assert "MODULE FAILURE" not in msg and "unexpected error" not in msg, "task %r crashed: %s" % (record["task"], msg)
        return self

    def assert_no_secrets(self, extra=()):
        text = self.stdout + self.stderr + json.dumps(self.records)
        for secret in tuple(SECRETS) + tuple(extra):
            assert secret not in text, "a secret leaked into the output of %s" % " ".join(self.argv)
        jwt = JWT_RE.search(text)
        assert jwt is None, "a JWT leaked into the output of %s: %s..." % (" ".join(self.argv), jwt.group(0)[:20])
        return self


# ---------------------------------------------------------------------------------------------------
# Running ansible
# ---------------------------------------------------------------------------------------------------


class Ansible:
    """Runs ansible-playbook / ansible against the simulator with the collection copy."""

    def __init__(self, sim, collections_dir, workdir):
        self.sim = sim
        self.collections_dir = collections_dir
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._count = 0
        self.inventory = self.workdir / "inventory.ini"
        self.inventory.write_text(
            "[local]\nlocalhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable, encoding="utf-8")
        self.config = self.workdir / "ansible.cfg"
        self.config.write_text("[defaults]\n", encoding="utf-8")

    def _env(self, results_file, env=None):
        base = {k: v for k, v in os.environ.items() if not k.startswith(("BOOMI_", "ANSIBLE_"))}
        home = self.workdir / "ansible_home"
        tmp = self.workdir / "ansible_tmp"
        base.update({
            "ANSIBLE_CONFIG": str(self.config),
            "ANSIBLE_COLLECTIONS_PATH": str(self.collections_dir),
            "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false",
            "ANSIBLE_HOME": str(home),
            "ANSIBLE_LOCAL_TEMP": str(tmp),
            "ANSIBLE_REMOTE_TEMP": str(tmp),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORCE_COLOR": "0",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_STDOUT_CALLBACK": "default",
            "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACKS),
            "ANSIBLE_CALLBACKS_ENABLED": "boomi_results",
            "ANSIBLE_LOAD_CALLBACK_PLUGINS": "1",
            "ANSIBLE_HOST_PATTERN_MISMATCH": "error",
            "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
            "BOOMI_TEST_RESULTS": str(results_file),
            "BOOMI_TEST_SIM_URL": self.sim.url,
            "PYTHONIOENCODING": "utf-8",
        })
        base.update(env or {})
        return {name: value for name, value in base.items() if value is not None}

    def _execute(self, argv, env, timeout):
        self._count += 1
        results_file = self.workdir / ("results-%03d.jsonl" % self._count)
        self.sim.clear_log()
        proc = subprocess.run(argv, cwd=str(self.workdir), env=self._env(results_file, env), capture_output=True,
                              text=True, encoding="utf-8", timeout=timeout, check=False)
        log = self.sim.log_snapshot()
        records = []
        if results_file.exists():
            with open(results_file, encoding="utf-8") as handle:
                records = [json.loads(line) for line in handle if line.strip()]
        return Run(argv, proc, records, log)

    def _vars_file(self, api, extra_vars):
        variables = {
            "boomi_api": api,
            "boomi_conn": connection(api, self.sim.url) if api else {},
            "boomi_rest": connection("rest", self.sim.url),
            "boomi_graphql": connection("graphql", self.sim.url),
        }
        variables.update(extra_vars or {})
        self._count += 1
        path = self.workdir / ("vars-%03d.json" % self._count)
        path.write_text(json.dumps(variables, ensure_ascii=False), encoding="utf-8")
        return path

    def playbook(self, name, api, extra_vars=None, check=False, diff=False, verbosity=0, env=None, conn="vars", timeout=300):
        """Run ``playbooks/<name>`` with the connection for ``api``.

        ``conn='vars'`` passes the connection as extra vars (``boomi_conn``); ``conn='env'`` as
        ``BOOMI_*`` environment variables (``boomi_conn`` is then empty); ``conn='none'`` passes
        nothing. ``env`` adds environment variables.
        """
        run_env = dict(env or {})
        if conn == "env":
            run_env.update(connection_env(api, self.sim.url))
        vars_file = self._vars_file(api if conn == "vars" else None, dict(extra_vars or {}, boomi_api=api))
        argv = [str(BIN / "ansible-playbook"), "-i", str(self.inventory), "-e", "@%s" % vars_file, str(PLAYBOOKS / name)]
        if check:
            argv.append("--check")
        if diff:
            argv.append("--diff")
        if verbosity:
            argv.append("-" + "v" * verbosity)
        return self._execute(argv, run_env, timeout)

    def background(self, name, api, extra_vars=None, tag="bg"):
        """Start ``playbooks/<name>`` without waiting (several runs at once, or a run to kill); returns the ``Popen`` (output piped)."""
        vars_file = self._vars_file(api, dict(extra_vars or {}, boomi_api=api))
        self._count += 1
        results_file = self.workdir / ("%s-%03d.jsonl" % (tag, self._count))
        argv = [str(BIN / "ansible-playbook"), "-i", str(self.inventory), "-e", "@%s" % vars_file, str(PLAYBOOKS / name)]
        return subprocess.Popen(argv, cwd=str(self.workdir), env=self._env(results_file), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, encoding="utf-8")

    def command(self, argv, env=None, timeout=300):
        """Run the command line ``argv`` as a user types it, from :attr:`workdir` (relative paths are the user's files there);
        ``argv[0]`` is the name of an ansible program (``ansible-playbook``...) and runs from next to ``sys.executable``.
        ``env`` adds environment variables; one set to ``None`` is removed (``ANSIBLE_PYTHON_INTERPRETER``, that the
        harness sets for the other runs, to run as a user who did not set it)."""
        argv = [str(BIN / argv[0])] + list(argv[1:])
        return self._execute(argv, env, timeout)

    def adhoc(self, module, args=None, env=None, check=False, verbosity=0, timeout=120):
        """``ansible localhost -m <module> [-a args]`` (connection only from ``env``)."""
        argv = [str(BIN / "ansible"), "localhost", "-i", str(self.inventory), "-m", module]
        if args:
            argv += ["-a", args]
        if check:
            argv.append("--check")
        if verbosity:
            argv.append("-" + "v" * verbosity)
        return self._execute(argv, env, timeout)


# ---------------------------------------------------------------------------------------------------
# Direct access to the simulator (setup and inspection, over real HTTP)
# ---------------------------------------------------------------------------------------------------


class SimSeed:
    """Set up and inspect the simulator over HTTP: its REST API for setup, ``/_sim/*`` for inspection."""

    def __init__(self, sim):
        self.sim = sim
        self.http = requests.Session()
        self.http.auth = (USERNAME, PASSWORD)
        self.http.headers["Accept"] = "application/json"
        self.base = "%s/api/rest/v1/%s" % (sim.url, ACCOUNT_ID)

    def state(self):
        answer = self.http.get(self.sim.url + "/_sim/state", timeout=30)
        answer.raise_for_status()
        return answer.json()

    def counts(self):
        return self.http.get(self.sim.url + "/_sim/counts", timeout=30).json()

    def pack_id(self, name, installation_type=None):
        found = [p["id"] for p in self.state()["packs"]
                 if p["name"] == name and (installation_type is None or p["installationType"] == installation_type)]
        assert len(found) == 1, (name, found)
        return found[0]

    def environments(self):
        """``{id: {"id", "name", "classification", "atom_ids"}}`` read through REST."""
        envs = self._query("Environment")
        links = self._query("EnvironmentAtomAttachment")
        out = {}
        for env in envs:
            atoms = sorted(link["atomId"] for link in links if link["environmentId"] == env["id"])
            out[env["id"]] = {"id": env["id"], "name": env["name"], "classification": env["classification"], "atom_ids": atoms}
        return out

    def env_id(self, name):
        found = [e["id"] for e in self.environments().values() if e["name"] == name]
        assert len(found) == 1, (name, found)
        return found[0]

    def env_ids(self, name):
        return sorted(e["id"] for e in self.environments().values() if e["name"] == name)

    def _query(self, obj):
        answer = self.http.post("%s/%s/query" % (self.base, obj), json=None, timeout=30)
        answer.raise_for_status()
        body = answer.json()
        assert "queryToken" not in body, "paging not expected in the seed"
        return body.get("result", [])

    def install(self, pack_name, override_name=None, installation_type=None):
        body = {"integrationPackId": self.pack_id(pack_name, installation_type)}
        if override_name is not None:
            body["integrationPackOverrideName"] = override_name
        answer = self.http.post(self.base + "/IntegrationPackInstance", json=body, timeout=30)
        assert answer.status_code == 200, answer.text
        return answer.json()["id"]

    def attach(self, instance_id, env_names):
        ids = []
        for name in env_names:
            answer = self.http.post(self.base + "/IntegrationPackEnvironmentAttachment",
                                    json={"integrationPackInstanceId": instance_id, "environmentId": self.env_id(name)}, timeout=30)
            assert answer.status_code == 200, answer.text
            ids.append(answer.json()["id"])
        return ids


# ---------------------------------------------------------------------------------------------------
# Helpers shared by the tests
# ---------------------------------------------------------------------------------------------------


def state_instance(state, instance_id):
    found = [i for i in state["instances"] if i["id"] == instance_id]
    assert len(found) == 1, (instance_id, state["instances"])
    return found[0]


def expected_instance(state, instance_id):
    """What ``instance`` must be for an instance of the simulator's state."""
    raw = state_instance(state, instance_id)
    return {
        "id": raw["id"],
        "integration_pack_id": raw["integrationPackId"],
        "integration_pack_name": raw["integrationPackName"],
        "override_name": raw["integrationPackOverrideName"],
        "installation_type": raw["installationType"],
        "processes": sorted(({"id": p["id"], "name": p["name"]} for p in raw["processes"]), key=lambda p: (p["name"], p["id"])),
    }
