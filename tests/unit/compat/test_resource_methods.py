"""python-novaclient's resource methods: each calls its manager's method of the same name with
the resource first; ``resource.get()`` reloads in place; nothing fetches behind the caller."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import requests_mock

from novaclient_lite.v2.client import Client
from novaclient_lite.v2.flavors import Flavor
from novaclient_lite.v2.servers import SERVER_METHODS, UNSET, Server, ServerManager
from tests.unit.support import COMPUTE_URL, compute_requests
from tests.unit.v2.helpers import SERVER_ID, body_of, only_request, query_of


class FakeManager:
    """Records every call; answers with the call itself."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        def method(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            return (name, args, kwargs)

        return method


@pytest.mark.parametrize("name", SERVER_METHODS)
def test_each_server_method_calls_the_manager_method_of_its_name(name: str) -> None:
    manager = FakeManager()
    server = Server(manager, {"id": SERVER_ID})  # type: ignore[arg-type]
    assert getattr(server, name)("a", b=2) == (name, (server, "a"), {"b": 2})
    assert manager.calls == [(name, (server, "a"), {"b": 2})]


def test_server_has_every_python_novaclient_server_method() -> None:
    import ast
    from pathlib import Path

    from tests.reference_novaclient import importable

    with importable() as path:
        source = (Path(path) / "novaclient" / "v2" / "servers.py").read_text()
    tree = ast.parse(source)
    theirs = {
        node.name
        for cls in tree.body
        if isinstance(cls, ast.ClassDef) and cls.name == "Server"
        for node in cls.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    }
    written_out = {"rebuild"}  # its own signature differs from the manager's: see Server.rebuild
    assert theirs - {"networks"} == set(SERVER_METHODS) | written_out  # networks: a property
    assert len(SERVER_METHODS) + len(written_out) == 53
    assert "rebuild" in vars(Server)


def test_server_rebuild_puts_preserve_ephemeral_third() -> None:
    from unittest import mock

    manager = mock.create_autospec(ServerManager, instance=True)
    server = Server(manager, {"id": SERVER_ID})
    server.rebuild("img", "pw", True, name="n")
    args, kwargs = manager.rebuild.call_args
    assert args == (server, "img", "pw", None, True, "n", None, None)
    assert kwargs["description"] is UNSET and kwargs["hostname"] is UNSET


def test_server_rebuild_without_a_manager_says_so() -> None:
    with pytest.raises(TypeError, match=r"Server\.rebuild\(\) needs a manager"):
        Server(None, {"id": SERVER_ID}).rebuild("img")


def test_signature_is_the_manager_methods_without_the_resource() -> None:
    assert str(inspect.signature(Server.reboot)) == "(self, reboot_type: 'str' = 'SOFT')"
    assert list(inspect.signature(Flavor.set_keys).parameters) == ["self", "metadata"]
    server = Server(None, {"id": SERVER_ID})
    assert list(inspect.signature(server.reboot).parameters) == ["reboot_type"]


def test_a_resource_without_a_manager_says_so() -> None:
    with pytest.raises(TypeError, match=r"Server\.reboot\(\) needs a manager: no manager"):
        Server(None, {"id": SERVER_ID}).reboot()


def test_server_methods_send_the_managers_request(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(f"{COMPUTE_URL}/servers/{SERVER_ID}", json={"server": {"id": SERVER_ID}})
    action = mock.post(f"{COMPUTE_URL}/servers/{SERVER_ID}/action", status_code=202)
    gone = mock.delete(f"{COMPUTE_URL}/servers/{SERVER_ID}", status_code=204)
    server = cs.servers.get(SERVER_ID)
    server.reboot("HARD")
    assert body_of(only_request(action)) == {"reboot": {"type": "HARD"}}
    server.stop()
    assert body_of(action.last_request) == {"os-stop": None}
    server.delete()
    assert gone.called_once


def test_other_resources_methods(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(COMPUTE_URL + "/flavors/f1", json={"flavor": {"id": "f1", "name": "m1"}})
    specs = mock.get(COMPUTE_URL + "/flavors/f1/os-extra_specs", json={"extra_specs": {"a": "b"}})
    mock.get(COMPUTE_URL + "/os-keypairs/k", json={"keypair": {"name": "k"}})
    key_gone = mock.delete(COMPUTE_URL + "/os-keypairs/k", status_code=202)
    group = {"id": "g1", "name": "g", "policy": "affinity"}
    mock.get(COMPUTE_URL + "/os-server-groups/g1", json={"server_group": group})
    group_gone = mock.delete(COMPUTE_URL + "/os-server-groups/g1", status_code=204)
    mock.get(COMPUTE_URL + "/os-aggregates/1", json={"aggregate": {"id": 1, "name": "ag"}})
    add = mock.post(COMPUTE_URL + "/os-aggregates/1/action", json={"aggregate": {"id": 1}})
    assert cs.flavors.get("f1").get_keys() == {"a": "b"} and specs.called_once
    cs.keypairs.get("k").delete()
    assert key_gone.called_once
    cs.server_groups.get("g1").delete()
    assert group_gone.called_once
    cs.aggregates.get(1).add_host("h1")
    assert body_of(only_request(add)) == {"add_host": {"host": "h1"}}


def test_get_reloads_in_place_with_one_get(mock: requests_mock.Mocker, cs: Client) -> None:
    url = f"{COMPUTE_URL}/servers/{SERVER_ID}"
    get = mock.get(
        url,
        [
            {"json": {"server": {"id": SERVER_ID, "status": "BUILD"}}},
            {"json": {"server": {"id": SERVER_ID, "status": "ACTIVE", "name": "vm"}}},
        ],
    )
    server = cs.servers.get(SERVER_ID)
    assert server.get() is None
    assert (server.status, server.name) == ("ACTIVE", "vm")
    assert get.call_count == 2
    assert server.get("status") == "ACTIVE" and server.get("nope", 5) == 5
    assert get.call_count == 2  # a key read never fetches
    with pytest.raises(AttributeError, match="objects from a list may hold less"):
        _ = server.flavor
    assert len(compute_requests(mock)) == 2


def test_usage_get_reloads_the_same_window(mock: requests_mock.Mocker, cs: Client) -> None:
    url = COMPUTE_URL + "/os-simple-tenant-usage/p1"
    usage = {"tenant_id": "p1", "start": "2026-01-01T00:00:00", "stop": "2026-02-01T00:00:00"}
    get = mock.get(url, json={"tenant_usage": {**usage, "total_hours": 1.0}})
    found = cs.usage.get("p1", "2026-01-01T00:00:00", "2026-02-01T00:00:00")
    found.get()
    assert get.call_count == 2
    assert query_of(get.last_request) == {
        "start": ["2026-01-01T00:00:00"],
        "end": ["2026-02-01T00:00:00"],
    }
