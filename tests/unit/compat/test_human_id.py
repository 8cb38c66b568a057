"""``resource.human_id``: python-novaclient's slug of a name, for the kinds that have one."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
import requests_mock

from novaclient_lite.v2.client import Client
from tests.reference_novaclient import importable
from tests.unit.support import COMPUTE_URL

#: module:Class of python-novaclient's -> of ours, and the key each slugs.
KINDS = {
    "servers:Server": ("servers:Server", "name"),
    "flavors:Flavor": ("flavors:Flavor", "name"),
    "images:Image": ("images:Image", "name"),
    "networks:Network": ("networks:Network", "name"),
    "keypairs:Keypair": ("keypairs:Keypair", "name"),
    "hypervisors:Hypervisor": ("hypervisors:Hypervisor", "hypervisor_hostname"),
    "aggregates:Aggregate": ("aggregates:Aggregate", "name"),
}
NAMES = ["My Web Server #2", "m1.tiny", "Über  ñame", "--x--", ""]


def _cls(package: str, spec: str) -> Any:
    module, name = spec.split(":")
    return getattr(importlib.import_module(f"{package}.{module}"), name)


@pytest.mark.parametrize("theirs", KINDS)
@pytest.mark.parametrize("name", NAMES)
def test_human_id_is_python_novaclients(theirs: str, name: str) -> None:
    ours, key = KINDS[theirs]
    info = {"id": "1", key: name}
    with importable():
        expected = _cls("novaclient.v2", theirs)(None, dict(info), loaded=True).human_id
    assert _cls("novaclient_lite.v2", ours)(None, info).human_id == expected


def test_no_name_no_human_id() -> None:
    assert _cls("novaclient_lite.v2", "servers:Server")(None, {"id": "1"}).human_id is None


def test_find_by_human_id(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        COMPUTE_URL + "/flavors/detail",
        json={"flavors": [{"id": "1", "name": "m1.tiny"}, {"id": "2", "name": "m1.small"}]},
    )
    assert cs.flavors.find(human_id="m1small").id == "2"
