"""Every microversion gate in v2/, at its boundary: the exact refusal, then the exact request.

Each case runs the call on a client pinned just outside the range (the refusal
names the argument, the range it needs and the version in use; nothing is
sent), then on the boundary version inside it (the exact method, path, query
or JSON body, and the microversion headers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL, compute_requests
from tests.unit.v2.helpers import (
    IMAGE_ID,
    NET_ID,
    SERVER_ID,
    VOLUME_ID,
    assert_version,
    body_of,
    nothing_sent,
    query_of,
)

MakeClient = Callable[..., Client]
BOOT = {"name": "vm1", "imageRef": IMAGE_ID, "flavorRef": "1"}
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
SERVER = {"server": {"id": SERVER_ID}}
KEY = "ssh-ed25519 AAAAC3Nza test"
BDM_TAG = [
    {
        "boot_index": 0,
        "uuid": VOLUME_ID,
        "source_type": "volume",
        "destination_type": "volume",
        "tag": "root",
    }
]
BDM_TYPE = [
    {
        "boot_index": 0,
        "uuid": IMAGE_ID,
        "source_type": "image",
        "destination_type": "volume",
        "volume_size": 1,
        "volume_type": "ssd",
    }
]


@dataclass
class Gate:
    call: Callable[[Client], Any]
    refused: str  # the version just outside the range
    allowed: str  # the boundary version inside it
    message: str  # the refusal, without "This session uses <refused>."
    method: str
    path: str
    reply: dict[str, Any] = field(default_factory=dict)
    query: dict[str, list[str]] = field(default_factory=dict)
    body: Any = None


def servers_list(**opts: Any) -> Callable[[Client], Any]:
    return lambda cs: cs.servers.list(search_opts=opts)


def boot(image: str | None = IMAGE_ID, **kwargs: Any) -> Callable[[Client], Any]:
    return lambda cs: cs.servers.create("vm1", image, "1", **kwargs)


def since(option: str, version: str) -> str:
    return f"'{option}' needs compute API microversion {version} or later."


def until(option: str, version: str) -> str:
    return f"'{option}' needs compute API microversion {version} or earlier."


NETWORK_TAG = "'network tag' needs compute API microversion 2.42 or later (or 2.32 to 2.36)."
BDM_TAG_NEEDS = (
    "'block_device_mapping_v2 tag' needs compute API microversion 2.42 or later (or 2.32)."
)
LIST = {"servers": []}
ACTIONS = f"/servers/{SERVER_ID}/os-instance-actions"

GATES = {
    # -- servers.list filters Nova would silently ignore ---------------------------------
    "list-tags": Gate(
        servers_list(tags=["a", "b"]),
        "2.25",
        "2.26",
        since("tags", "2.26"),
        "GET",
        "/servers/detail",
        LIST,
        query={"tags": ["a,b"]},
    ),
    "list-not-tags-any": Gate(
        servers_list(**{"not-tags-any": "a"}),
        "2.25",
        "2.26",
        since("not-tags-any", "2.26"),
        "GET",
        "/servers/detail",
        LIST,
        query={"not-tags-any": ["a"]},
    ),
    "list-changes-before": Gate(
        servers_list(**{"changes-before": "2026-01-01T00:00:00Z"}),
        "2.65",
        "2.66",
        since("changes-before", "2.66"),
        "GET",
        "/servers/detail",
        LIST,
        query={"changes-before": ["2026-01-01T00:00:00Z"]},
    ),
    "list-locked": Gate(
        servers_list(locked=True),
        "2.72",
        "2.73",
        since("locked", "2.73"),
        "GET",
        "/servers/detail",
        LIST,
        query={"locked": ["true"]},
    ),
    # -- servers.create ------------------------------------------------------------------
    "boot-description": Gate(
        boot(description="d"),
        "2.18",
        "2.19",
        since("description", "2.19"),
        "POST",
        "/servers",
        SERVER,
        body={"server": {**BOOT, "description": "d"}},
    ),
    "boot-tags": Gate(
        boot(tags=["t"]),
        "2.51",
        "2.52",
        since("tags", "2.52"),
        "POST",
        "/servers",
        SERVER,
        body={"server": {**BOOT, "networks": "auto", "tags": ["t"]}},
    ),
    "boot-hostname": Gate(
        boot(hostname="h"),
        "2.89",
        "2.90",
        since("hostname", "2.90"),
        "POST",
        "/servers",
        SERVER,
        body={"server": {**BOOT, "networks": "auto", "hostname": "h"}},
    ),
    "boot-networks-auto": Gate(
        boot(networks="auto"),
        "2.36",
        "2.37",
        since("networks=auto", "2.37"),
        "POST",
        "/servers",
        SERVER,
        body={"server": {**BOOT, "networks": "auto"}},
    ),
    "boot-networks-none": Gate(
        boot(networks="none"),
        "2.36",
        "2.37",
        since("networks=none", "2.37"),
        "POST",
        "/servers",
        SERVER,
        body={"server": {**BOOT, "networks": "none"}},
    ),
    "boot-nic-tag-2.42": Gate(
        boot(networks=[{"uuid": NET_ID, "tag": "t"}]),
        "2.41",
        "2.42",
        NETWORK_TAG,
        "POST",
        "/servers",
        SERVER,
        body={"server": {**BOOT, "networks": [{"uuid": NET_ID, "tag": "t"}]}},
    ),
    "boot-nic-tag-2.32": Gate(
        boot(networks=[{"uuid": NET_ID, "tag": "t"}]),
        "2.31",
        "2.32",
        NETWORK_TAG,
        "POST",
        "/servers",
        SERVER,
        body={"server": {**BOOT, "networks": [{"uuid": NET_ID, "tag": "t"}]}},
    ),
    "boot-nic-tag-2.36": Gate(
        boot(networks=[{"uuid": NET_ID, "tag": "t"}]),
        "2.37",
        "2.36",
        NETWORK_TAG,
        "POST",
        "/servers",
        SERVER,
        body={"server": {**BOOT, "networks": [{"uuid": NET_ID, "tag": "t"}]}},
    ),
    "boot-bdm-tag-2.42": Gate(
        boot(image=None, block_device_mapping_v2=BDM_TAG),
        "2.41",
        "2.42",
        BDM_TAG_NEEDS,
        "POST",
        "/servers",
        SERVER,
        body={
            "server": {
                "name": "vm1",
                "flavorRef": "1",
                "networks": "auto",
                "block_device_mapping_v2": BDM_TAG,
            }
        },
    ),
    "boot-bdm-tag-2.32": Gate(
        boot(image=None, block_device_mapping_v2=BDM_TAG),
        "2.31",
        "2.32",
        BDM_TAG_NEEDS,
        "POST",
        "/servers",
        SERVER,
        body={"server": {"name": "vm1", "flavorRef": "1", "block_device_mapping_v2": BDM_TAG}},
    ),
    "boot-bdm-tag-not-2.33": Gate(
        boot(image=None, block_device_mapping_v2=BDM_TAG),
        "2.33",
        "2.32",
        BDM_TAG_NEEDS,
        "POST",
        "/servers",
        SERVER,
        body={"server": {"name": "vm1", "flavorRef": "1", "block_device_mapping_v2": BDM_TAG}},
    ),
    "boot-bdm-volume-type": Gate(
        boot(image=None, block_device_mapping_v2=BDM_TYPE),
        "2.66",
        "2.67",
        since("block_device_mapping_v2 volume_type", "2.67"),
        "POST",
        "/servers",
        SERVER,
        body={
            "server": {
                "name": "vm1",
                "flavorRef": "1",
                "networks": "auto",
                "block_device_mapping_v2": BDM_TYPE,
            }
        },
    ),
    # -- servers.update and actions --------------------------------------------------------
    "update-description": Gate(
        lambda cs: cs.servers.update(SERVER_ID, description="d"),
        "2.18",
        "2.19",
        since("description", "2.19"),
        "PUT",
        f"/servers/{SERVER_ID}",
        SERVER,
        body={"server": {"description": "d"}},
    ),
    "rebuild-description": Gate(
        lambda cs: cs.servers.rebuild(SERVER_ID, IMAGE_ID, description="d"),
        "2.18",
        "2.19",
        since("description", "2.19"),
        "POST",
        f"/servers/{SERVER_ID}/action",
        SERVER,
        body={"rebuild": {"imageRef": IMAGE_ID, "description": "d"}},
    ),
    "rebuild-key-name": Gate(
        lambda cs: cs.servers.rebuild(SERVER_ID, IMAGE_ID, key_name=None),
        "2.53",
        "2.54",
        since("key_name", "2.54"),
        "POST",
        f"/servers/{SERVER_ID}/action",
        SERVER,
        body={"rebuild": {"imageRef": IMAGE_ID, "key_name": None}},
    ),
    "rebuild-user-data": Gate(
        lambda cs: cs.servers.rebuild(SERVER_ID, IMAGE_ID, user_data="x"),
        "2.56",
        "2.57",
        since("user_data", "2.57"),
        "POST",
        f"/servers/{SERVER_ID}/action",
        SERVER,
        body={"rebuild": {"imageRef": IMAGE_ID, "user_data": "eA=="}},
    ),
    "lock-reason": Gate(
        lambda cs: cs.servers.lock(SERVER_ID, reason="why"),
        "2.72",
        "2.73",
        since("reason", "2.73"),
        "POST",
        f"/servers/{SERVER_ID}/action",
        body={"lock": {"locked_reason": "why"}},
    ),
    # -- instance actions ----------------------------------------------------------------
    "actions-limit": Gate(
        lambda cs: cs.instance_actions.list(SERVER_ID, limit=5),
        "2.57",
        "2.58",
        since("limit", "2.58"),
        "GET",
        ACTIONS,
        {"instanceActions": []},
        query={"limit": ["5"]},
    ),
    "actions-marker": Gate(
        lambda cs: cs.instance_actions.list(SERVER_ID, marker="req-0"),
        "2.57",
        "2.58",
        since("marker", "2.58"),
        "GET",
        ACTIONS,
        {"instanceActions": []},
        query={"marker": ["req-0"]},
    ),
    "actions-changes-since": Gate(
        lambda cs: cs.instance_actions.list(SERVER_ID, changes_since="t0"),
        "2.57",
        "2.58",
        since("changes-since", "2.58"),
        "GET",
        ACTIONS,
        {"instanceActions": []},
        query={"changes-since": ["t0"]},
    ),
    "actions-changes-before": Gate(
        lambda cs: cs.instance_actions.list(SERVER_ID, changes_before="t1"),
        "2.65",
        "2.66",
        since("changes-before", "2.66"),
        "GET",
        ACTIONS,
        {"instanceActions": []},
        query={"changes-before": ["t1"]},
    ),
    # -- key pairs -------------------------------------------------------------------------
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
    matcher = mock.register_uri(
        gate.method,
        COMPUTE_URL + gate.path,
        json=gate.reply,
        status_code=200 if gate.reply else 202,
    )
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        gate.call(make_client(gate.refused))
    assert str(info.value) == f"{gate.message} This session uses {gate.refused}."
    nothing_sent(mock)

    gate.call(make_client(gate.allowed))
    sent = compute_requests(mock)
    assert len(sent) == 1 and matcher.called_once
    request = sent[0]
    assert (request.method, request.path) == (gate.method, "/v2.1" + gate.path)
    assert query_of(request) == gate.query
    assert body_of(request) == gate.body
    assert_version(request, gate.allowed)
