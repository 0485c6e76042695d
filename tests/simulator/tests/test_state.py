"""Domain rules of boomisim.state used directly: ids, schedule validation, cascades, bulk helpers."""

import time

import pytest

from boomisim.state import (DomainError, State, attachment_id_for, instance_id_for, normalise_schedule_list,
                            parse_process_schedules_body, schedule_id_for)

ORDER_INTAKE = "4130c262-5e3b-4fd9-b5f2-d0d70fd5c063"
INVOICE_EXPORT = "6f181f3d-a32f-462d-824d-54b41fc388e3"
SALESFORCE = "acaa2640-d551-4f9c-b901-abede51fedbb"
PRODUCTION = "fbf43afc-02a8-4509-8875-7dc2972c17e1"
TEST_ENV = "c81372f1-c303-48e4-b32b-034258bfa6b3"


@pytest.fixture(name="state")
def fixture_state():
    return State()


def test_id_formats_match_the_docs():
    # Samples from the documentation pages decode to these.
    assert instance_id_for(25) == "SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UyNQ"
    assert attachment_id_for("SW50ZWdyYXRpb25QYWNrSW5zdGFuY2UzNDQ4Ng", "86b413a8-1ebf-4c95-bc5b-139573b77910") == (
        "QVRUQUNIX0lQQUNLX0VOVlNXNTBaV2R5WVhScGIyNVFZV05yU1c1emRHRnVZMlV6TkRRNE5nOjg2YjQxM2E4LTFlYmYtNGM5NS1iYzViLTEzOTU3M2I3NzkxMA")
    assert schedule_id_for("4bcb8312-2f45-4f29-ab2d-fa20598c0a76", "70d36151-4070-4a92-8d00-d7c832e4caf5") == (
        "Q1BTNGJjYjgzMTItMmY0NS00ZjI5LWFiMmQtZmEyMDU5OGMwYTc2OjcwZDM2MTUxLTQwNzAtNGE5Mi04ZDAwLWQ3YzgzMmU0Y2FmNQ")


def test_seed_catalogue(state):
    assert state.account_id == "acme-4F7K2Q"
    names = [p["name"] for p in state.packs.values()]
    assert names.count("Shipping Notifications") == 2
    assert [e["name"] for e in state.environments.values()].count("Sandbox") == 2
    assert not state.pack_shared_with("7d6a3c5e-2b1f-4e8d-9c0a-1b2c3d4e5f60", "c3d90a57-dad9-4a80-8c9f-ae0c4724e9c0")
    assert state.instances == {}
    ids = [p["id"] for p in state.packs.values()] + [proc["id"] for p in state.packs.values() for proc in p["processes"]]
    ids += [e["id"] for e in state.environments.values()] + [a["id"] for e in state.environments.values() for a in e["atoms"]]
    assert len(ids) == len(set(ids))


def test_authenticate(state):
    assert state.authenticate("ops@acme.example", "sim-password") == "ops@acme.example"
    assert state.authenticate("BOOMI_TOKEN.ops@acme.example", "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d") == "ops@acme.example"
    assert state.authenticate("ops@acme.example", "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d") is None
    assert state.authenticate("BOOMI_TOKEN.ops@acme.example", "sim-password") is None
    assert state.authenticate("nobody", "sim-password") is None
    assert state.authenticate("", "") is None


def test_uninstall_cascades_and_detach_removes_only_its_records(state):
    inst = state.install(ORDER_INTAKE, "EU")
    other = state.install(INVOICE_EXPORT, "EU")
    test_att, prod_att = state.attach(inst["id"], [TEST_ENV, PRODUCTION])
    state.attach(other["id"], [PRODUCTION])
    assert len(state.schedules) == 2 * 1 + 2 * 2 + 1 * 2
    state.detach(prod_att["id"])
    assert sorted(r["envId"] for r in state.schedules.values() if r["integrationPackInstanceId"] == inst["id"]) == [TEST_ENV, TEST_ENV]
    state.uninstall(inst["id"])
    assert test_att["id"] not in state.attachments
    assert all(r["integrationPackInstanceId"] == other["id"] for r in state.schedules.values())
    assert len(state.schedules) == 2


def test_domain_error_kinds(state):
    with pytest.raises(DomainError) as err:
        state.uninstall("nope")
    assert err.value.kind == "instance_not_found" and err.value.is_not_found
    with pytest.raises(DomainError) as err:
        state.install("nope")
    assert err.value.kind == "pack_not_found"
    with pytest.raises(DomainError) as err:
        state.install(SALESFORCE, "named")
    assert err.value.kind == "invalid" and not err.value.is_not_found


def test_reset_restores_the_seed(state):
    state.install(ORDER_INTAKE, "EU")
    state.add_packs(2, "SINGLE", "Extra")
    state.reset()
    assert state.instances == {} and len(state.packs) == 6
    assert state.install(ORDER_INTAKE, "EU")["id"] == instance_id_for(1000)


def test_bulk_install_10000_is_fast(state):
    started = time.monotonic()
    created = state.bulk_install(INVOICE_EXPORT, 10000, "bench")
    assert time.monotonic() - started < 2.0
    assert len(created) == 10000 and len(state.instances) == 10000
    assert created[0]["integrationPackOverrideName"] == "bench-00001"
    assert created[-1]["integrationPackOverrideName"] == "bench-10000"
    assert len({p["id"] for inst in created for p in inst["processes"]}) == 10000
    with pytest.raises(DomainError):
        state.bulk_install(INVOICE_EXPORT, 1, "bench")  # bench-00001 exists
    with pytest.raises(DomainError):
        state.bulk_install(SALESFORCE, 1, "x")  # not a multi-install pack


def test_add_packs(state):
    packs = state.add_packs(20, "MULTI", "Bench")
    assert len(packs) == 20 and len({p["id"] for p in packs}) == 20
    assert all(len(p["processes"]) == 2 for p in packs)
    assert all(state.pack_shared_with("7d6a3c5e-2b1f-4e8d-9c0a-1b2c3d4e5f60", p["id"]) for p in packs)
    inst = state.install(packs[0]["id"], "one", space_id="7d6a3c5e-2b1f-4e8d-9c0a-1b2c3d4e5f60")
    assert [p["name"] for p in inst["processes"]] == ["one - Process A", "one - Process B"]
    with pytest.raises(DomainError):
        state.add_packs(1, "DOUBLE", "x")


# -- schedule validation --------------------------------------------------------------------------


@pytest.mark.parametrize("field, value", [
    ("minutes", "0"), ("minutes", "59"), ("minutes", "*"), ("minutes", "0-59/15"), ("minutes", "*/5"), ("minutes", "1,2,30-40"),
    ("hours", "0"), ("hours", "23"), ("hours", "8-18"),
    ("daysOfWeek", "1"), ("daysOfWeek", "7"), ("daysOfWeek", "2,3,4,5,6"), ("daysOfWeek", "*"),
    ("daysOfMonth", "1"), ("daysOfMonth", "31"), ("months", "1-12"), ("years", "2025"), ("years", "*"),
    ("daysOfMonth", ""),
])
def test_valid_schedule_fields(field, value):
    assert normalise_schedule_list("Schedule", [{field: value}])[0][field] == value


@pytest.mark.parametrize("field, value", [
    ("minutes", "60"), ("minutes", "-1"), ("minutes", "a"), ("minutes", "1-"), ("minutes", "5-3"), ("minutes", "*/0"),
    ("minutes", "1,,2"), ("minutes", " 1"), ("minutes", 5), ("minutes", None),
    ("hours", "24"), ("daysOfWeek", "0"), ("daysOfWeek", "8"), ("daysOfMonth", "32"), ("daysOfMonth", "0"),
    ("months", "13"), ("months", "0"), ("years", "99"), ("minutes", "\u0661"),
])
def test_invalid_schedule_fields(field, value):
    with pytest.raises(DomainError) as err:
        normalise_schedule_list("Schedule", [{field: value}])
    assert field in err.value.message


def test_schedule_items_must_be_objects_with_known_keys():
    for value in ("x", [1], [{"minute": "1"}], {"minutes": "1"}):
        with pytest.raises(DomainError):
            normalise_schedule_list("Schedule", value)
    assert normalise_schedule_list("Schedule", [{"@type": "Schedule"}]) == [
        {"minutes": "*", "hours": "*", "daysOfWeek": "*", "daysOfMonth": "*", "months": "*", "years": "*"}]


def test_parse_body_requires_matching_ids():
    record = {"id": "R", "atomId": "A", "processId": "P"}
    schedule, retry = parse_process_schedules_body(record, {"id": "R", "atomId": "A", "processId": "P", "Retry": {"maxRetry": 4}})
    assert schedule == [] and retry == {"Schedule": [], "maxRetry": 4}
    for body in ({"atomId": "A", "processId": "P"}, {"id": "R", "atomId": "B", "processId": "P"}, [], {"id": "R", "atomId": "A", "processId": "P", "Retry": []},
                 {"id": "R", "atomId": "A", "processId": "P", "Retry": {"maxRetry": 1, "x": 1}}):
        with pytest.raises(DomainError):
            parse_process_schedules_body(record, body)


def test_a_state_sharing_the_catalogue_has_its_own_instances(state):
    sub = State(account_id="sub-1account-ABCDEF", shared_from=state, first_instance_number=1001000)
    assert sub.account_id == "sub-1account-ABCDEF" and state.account_id == "acme-4F7K2Q"
    assert sub.packs is state.packs and sub.environments is state.environments and sub.spaces is state.spaces and sub.lock is state.lock
    inst = sub.install(ORDER_INTAKE, "EU")
    assert inst["id"] == instance_id_for(1001000) and state.instances == {}
    sub.attach(inst["id"], [TEST_ENV])
    assert state.attachments == {} and state.schedules == {}
    assert state.install(ORDER_INTAKE, "EU")["id"] == instance_id_for(1000)  # the same name in another account
    added = state.add_packs(1, "MULTI", "Shared")[0]
    assert sub.get_pack(added["id"]) is added  # packs added to the catalogue are everyone's
    sub.reset()
    assert sub.instances == {} and len(state.instances) == 1 and sub.account_id == "sub-1account-ABCDEF"
