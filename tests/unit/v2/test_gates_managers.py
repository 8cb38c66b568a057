"""Every microversion gate of the other managers (keypairs, flavors, server groups,
limits, quotas), at its boundary (see gates.py)."""

from __future__ import annotations

import pytest
import requests_mock

from tests.unit.v2.gates import Gate, MakeClient, check_gate, since, until

FLAVOR = {
    "name": "f",
    "ram": 1,
    "vcpus": 1,
    "disk": 0,
    "id": None,
    "OS-FLV-EXT-DATA:ephemeral": 0,
    "swap": 0,
    "os-flavor-access:is_public": True,
}
KEY = "ssh-ed25519 AAAAC3Nza test"

GATES = {
    "keypairs-list-user": Gate(
        lambda cs: cs.keypairs.list(user_id="u1"),
        "2.9",
        "2.10",
        since("user_id", "2.10"),
        "GET",
        "/os-keypairs",
        {"keypairs": []},
        query={"user_id": ["u1"]},
    ),
    "keypairs-list-limit": Gate(
        lambda cs: cs.keypairs.list(limit=5),
        "2.34",
        "2.35",
        since("limit", "2.35"),
        "GET",
        "/os-keypairs",
        {"keypairs": []},
        query={"limit": ["5"]},
    ),
    "keypairs-list-marker": Gate(
        lambda cs: cs.keypairs.list(marker="k0"),
        "2.34",
        "2.35",
        since("marker", "2.35"),
        "GET",
        "/os-keypairs",
        {"keypairs": []},
        query={"marker": ["k0"]},
    ),
    "keypairs-get-user": Gate(
        lambda cs: cs.keypairs.get("k", user_id="u1"),
        "2.9",
        "2.10",
        since("user_id", "2.10"),
        "GET",
        "/os-keypairs/k",
        {"keypair": {"name": "k"}},
        query={"user_id": ["u1"]},
    ),
    "keypairs-delete-user": Gate(
        lambda cs: cs.keypairs.delete("k", user_id="u1"),
        "2.9",
        "2.10",
        since("user_id", "2.10"),
        "DELETE",
        "/os-keypairs/k",
        query={"user_id": ["u1"]},
    ),
    "keypairs-create-type": Gate(
        lambda cs: cs.keypairs.create("k", KEY, key_type="x509"),
        "2.1",
        "2.2",
        since("key_type", "2.2"),
        "POST",
        "/os-keypairs",
        {"keypair": {"name": "k"}},
        body={"keypair": {"name": "k", "public_key": KEY, "type": "x509"}},
    ),
    "keypairs-create-user": Gate(
        lambda cs: cs.keypairs.create("k", KEY, user_id="u1"),
        "2.9",
        "2.10",
        since("user_id", "2.10"),
        "POST",
        "/os-keypairs",
        {"keypair": {"name": "k"}},
        body={"keypair": {"name": "k", "public_key": KEY, "type": "ssh", "user_id": "u1"}},
    ),
    # -- flavors -----------------------------------------------------------------------------
    "flavor-create-description": Gate(
        lambda cs: cs.flavors.create("f", 1, 1, 0, description="d"),
        "2.54",
        "2.55",
        since("description", "2.55"),
        "POST",
        "/flavors",
        {"flavor": {"id": "1"}},
        body={"flavor": {**FLAVOR, "rxtx_factor": 1.0, "description": "d"}},
    ),
    "flavor-update": Gate(
        lambda cs: cs.flavors.update("1", "d"),
        "2.54",
        "2.55",
        since("description", "2.55"),
        "PUT",
        "/flavors/1",
        {"flavor": {"id": "1"}},
        body={"flavor": {"description": "d"}},
    ),
    "flavor-rxtx-factor": Gate(
        lambda cs: cs.flavors.create("f", 1, 1, 0, rxtx_factor=2),
        "2.102",
        "2.101",
        until("rxtx_factor", "2.101"),
        "POST",
        "/flavors",
        {"flavor": {"id": "1"}},
        body={"flavor": {**FLAVOR, "rxtx_factor": 2.0}},
    ),
    # -- server groups, limits, quotas --------------------------------------------------------
    "group-rules": Gate(
        lambda cs: cs.server_groups.create("g", "anti-affinity", {"max_server_per_host": 2}),
        "2.63",
        "2.64",
        since("rules", "2.64"),
        "POST",
        "/os-server-groups",
        {"server_group": {"id": "g1"}},
        body={
            "server_group": {
                "name": "g",
                "policy": "anti-affinity",
                "rules": {"max_server_per_host": 2},
            }
        },
    ),
    "group-soft-policy": Gate(
        lambda cs: cs.server_groups.create("g", "soft-affinity"),
        "2.14",
        "2.15",
        since("policy=soft-affinity", "2.15"),
        "POST",
        "/os-server-groups",
        {"server_group": {"id": "g1"}},
        body={"server_group": {"name": "g", "policies": ["soft-affinity"]}},
    ),
    "limits-reserved": Gate(
        lambda cs: cs.limits.get(reserved=True),
        "2.75",
        "2.74",
        until("reserved", "2.74"),
        "GET",
        "/limits",
        {"limits": {"absolute": {}, "rate": []}},
        query={"reserved": ["1"]},
    ),
    "quota-floating-ips": Gate(
        lambda cs: cs.quotas.update("p1", floating_ips=10),
        "2.36",
        "2.35",
        until("floating_ips", "2.35"),
        "PUT",
        "/os-quota-sets/p1",
        {"quota_set": {"id": "p1"}},
        body={"quota_set": {"floating_ips": 10}},
    ),
    "quota-injected-files": Gate(
        lambda cs: cs.quotas.update("p1", injected_files=5),
        "2.57",
        "2.56",
        until("injected_files", "2.56"),
        "PUT",
        "/os-quota-sets/p1",
        {"quota_set": {"id": "p1"}},
        body={"quota_set": {"injected_files": 5}},
    ),
}


@pytest.mark.parametrize("gate", GATES.values(), ids=GATES.keys())
def test_gate_refuses_outside_and_sends_at_the_boundary(
    mock: requests_mock.Mocker, make_client: MakeClient, gate: Gate
) -> None:
    check_gate(mock, make_client, gate)
