"""Every microversion gate of the server manager, at its boundary (see gates.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite.v2.client import Client
from tests.unit.v2.gates import Gate, MakeClient, check_gate, since
from tests.unit.v2.helpers import (
    IMAGE_ID,
    NET_ID,
    SERVER_ID,
    VOLUME_ID,
)

BOOT = {"name": "vm1", "imageRef": IMAGE_ID, "flavorRef": "1"}
SERVER = {"server": {"id": SERVER_ID}}
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


def servers_list(**opts: Any) -> Callable[[Client], Any]:
    return lambda cs: cs.servers.list(search_opts=opts)


def boot(image: str | None = IMAGE_ID, **kwargs: Any) -> Callable[[Client], Any]:
    return lambda cs: cs.servers.create("vm1", image, "1", **kwargs)


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
}


@pytest.mark.parametrize("gate", GATES.values(), ids=GATES.keys())
def test_gate_refuses_outside_and_sends_at_the_boundary(
    mock: requests_mock.Mocker, make_client: MakeClient, gate: Gate
) -> None:
    check_gate(mock, make_client, gate)
