"""python-novaclient-style library calls on the real Nova: find/findall(**attrs), resource
methods, positional forms and request ids (issue 14).  One mode (noauth) and one server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from novaclient_lite import exceptions
from tests.devcloud import DevCloud
from tests.functional.conftest import unique as name


@pytest.fixture(scope="module")
def cs(clouds: Any) -> Any:
    return clouds.client("noauth")


@pytest.fixture(scope="module")
def server(cs: Any, devcloud: DevCloud) -> Iterator[Any]:
    created = cs.servers.create(name("pyapi"), devcloud.image_id, "1", networks="none")
    server = cs.servers.wait(created, "ACTIVE", timeout=60)
    yield server
    try:
        cs.servers.delete(server.id)
    except exceptions.NotFound:
        pass


def test_find_and_findall_by_attributes(cs: Any, server: Any) -> None:
    found = cs.servers.findall(name=server.name)
    assert [s.id for s in found] == [server.id] and found.request_ids
    assert cs.servers.find(name=server.name, status="ACTIVE").id == server.id
    with pytest.raises(exceptions.NotFound):
        cs.servers.find(name=server.name, status="SHUTOFF")
    assert cs.servers.find(server.name).id == server.id  # ours, positional
    tiny = cs.flavors.get("1")
    assert cs.flavors.find(name=tiny.name, is_public=None).id == "1"


def test_resource_methods_and_explicit_refresh(cs: Any, server: Any) -> None:
    result = server.lock()
    assert result == () and result.request_ids[0].startswith("req-")
    assert server.get() is None and server.locked is True  # one GET, in place
    server.unlock()
    server.stop()
    cs.servers.wait(server, "SHUTOFF", timeout=60)
    server.start()
    assert cs.servers.wait(server, "ACTIVE", timeout=60).status == "ACTIVE"


def test_positional_forms(cs: Any, clouds: Any, ssh_public_key: Path) -> None:
    key = cs.keypairs.create(name("kp"), ssh_public_key.read_text(), "ssh")
    try:
        assert cs.keypairs.get(key.name).type == "ssh"
    finally:
        assert key.delete().request_ids
    project = clouds.project_id("noauth")
    assert cs.limits.get(False, project).absolute["maxTotalInstances"] == 500
    assert cs.quotas.get(project, None, True).instances["limit"] == 500
    assert cs.availability_zones.list()[0].name  # python-novaclient's default: detailed
