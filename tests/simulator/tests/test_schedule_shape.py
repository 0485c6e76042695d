"""The schedule_shape switch (issue 19): processSchedules as one object per process, as seeds/002 shows it."""

import json
import re

import pytest

from boomisim.faults import FaultError

PROCESSES = """query p($id: ID!) { integrationPackInstanceProcesses(integrationPackInstanceId: $id) {
  id name integrationPack { integrationPackId integrationPackInstanceId }
  processSchedules { id processId atomId envId schedule { minutes hours } retry { schedule { minutes } maxRetry } } } }"""
PROD_ATOM_1 = "b8a19c6c-3cc5-4f92-abba-c35b6eee2fb7"


def _processes(api, instance_id):
    return api.gql_data(PROCESSES, {"id": instance_id})["integrationPackInstanceProcesses"]


def _seed_sample_response(api):
    """The sample response of seeds/002 (processSchedules one object per process)."""
    text = next((api.shared_dir / "seeds").glob("002_*.txt")).read_text(encoding="utf-8")
    block = text[text.index("#### Sample response"):]
    return re.search(r"```[^\n]*\n(?P<code>.*?)^```", block, re.M | re.S).group("code")


def test_object_shape_gives_the_first_atoms_record(api):
    inst = api.install("Order Intake", "EU")
    api.attach(inst["id"], "Production")  # two atoms: two records per process
    as_lists = _processes(api, inst["id"])
    assert all(isinstance(p["processSchedules"], list) and len(p["processSchedules"]) == 2 for p in as_lists)
    api.sim.set_faults(schedule_shape="object")
    as_objects = _processes(api, inst["id"])
    assert [p["processSchedules"] for p in as_objects] == [p["processSchedules"][0] for p in as_lists]
    assert all(p["processSchedules"]["atomId"] == PROD_ATOM_1 for p in as_objects)
    assert [p["integrationPack"] for p in as_objects] == [p["integrationPack"] for p in as_lists]  # only processSchedules changes
    # The keys are those of the seed page's sample object.
    sample = _seed_sample_response(api)
    sample_keys = set(re.findall(r'"(\w+)":', sample[sample.index('"processSchedules": {'):sample.index('"retry"')])) - {"processSchedules"}
    assert sample_keys == {"id", "processId", "atomId", "envId", "schedule"}
    assert sample_keys | {"retry"} == set(as_objects[0]["processSchedules"])


def test_object_shape_without_records_is_null_and_rest_is_unaffected(api):
    inst = api.install("Order Intake", "EU")
    api.admin("POST", "faults", {"schedule_shape": "object"})
    assert [p["processSchedules"] for p in _processes(api, inst["id"])] == [None, None]
    api.attach(inst["id"], "Production")
    rest_records = api.query("ProcessSchedules")["result"]
    assert len(rest_records) == 4 and api.query("ProcessScheduleStatus")["numberOfResults"] == 4
    assert api.rest_ok("GET", "ProcessSchedules/" + rest_records[1]["id"])["atomId"] == rest_records[1]["atomId"]
    assert api.admin("GET", "faults").json()["schedule_shape"] == "object"
    api.admin("POST", "faults", {"schedule_shape": None})
    assert api.admin("GET", "faults").json()["schedule_shape"] == "list"
    assert all(isinstance(p["processSchedules"], list) for p in _processes(api, inst["id"]))


def test_seed_request_sample_accepted_under_both_shapes(api):
    inst = api.install("Order Intake", "EU")
    api.attach(inst["id"], "Test")
    text = next((api.shared_dir / "seeds").glob("002_*.txt")).read_text(encoding="utf-8")
    block = text[text.index("#### Sample request"):]
    query = re.search(r"```[^\n]*\n(?P<code>.*?)^```", block, re.M | re.S).group("code").replace('"ID"', json.dumps(inst["id"]), 1)
    for shape, kind in (("list", list), ("object", dict)):
        api.sim.set_faults(schedule_shape=shape)
        data = api.gql_data(query)["integrationPackInstanceProcesses"]
        assert len(data) == 2 and all(isinstance(p["processSchedules"], kind) for p in data)


def test_with_shape_variant(api):
    inst = api.install("Order Intake", "EU")
    api.attach(inst["id"], "Production")
    api.sim.set_faults(schedule_shape="object", shape_variant=True)
    processes = _processes(api, inst["id"])
    assert all(isinstance(p["processSchedules"], dict) and isinstance(p["integrationPack"], dict) for p in processes)
    api.sim.clear_faults()
    assert all(isinstance(p["processSchedules"], list) for p in _processes(api, inst["id"]))


def test_mutation_answers_are_untouched(api):
    inst = api.install("Order Intake", "EU")
    api.attach(inst["id"], "Test")
    record = api.query("ProcessSchedules")["result"][0]
    api.sim.set_faults(schedule_shape="object")
    mutation = "mutation u($s: String!, $id: String!) { processSchedulesUpdate(processSchedules: $s, processSchedulesId: $id) { id schedule { hours } } }"
    updated = api.gql_data(mutation, {"s": json.dumps(record), "id": record["id"]})["processSchedulesUpdate"]
    assert updated["id"] == record["id"]


@pytest.mark.parametrize("value", ["objects", "LIST", 1, True, {"shape": "object"}])
def test_bad_values(api, value):
    with pytest.raises(FaultError):
        api.sim.set_faults(schedule_shape=value)
    assert api.admin("POST", "faults", {"schedule_shape": value}).status_code == 400
