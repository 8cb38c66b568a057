"""migrate, live_migrate and evacuate: the exact action bodies at each microversion boundary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.v2.helpers import SERVER_ID, S, assert_version, body_of, nothing_sent, only_request

MakeClient = Callable[..., Client]
ACTION = f"{S}/{SERVER_ID}/action"


@pytest.fixture
def action(mock: requests_mock.Mocker) -> Any:
    return mock.post(ACTION, status_code=202)


def sent(action: Any, version: str) -> Any:
    request = only_request(action)
    assert_version(request, version)
    return body_of(request)


# -- migrate ---------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2.1", "2.56"])
def test_migrate_without_host(make_client: MakeClient, action: Any, version: str) -> None:
    assert make_client(version).servers.migrate(SERVER_ID) == ()  # python-novaclient's shape
    assert sent(action, version) == {"migrate": None}


def test_migrate_to_a_host_from_2_56(make_client: MakeClient, action: Any) -> None:
    make_client("2.56").servers.migrate(SERVER_ID, "compute1")
    assert sent(action, "2.56") == {"migrate": {"host": "compute1"}}


def test_migrate_to_a_host_needs_2_56(make_client: MakeClient, mock: requests_mock.Mocker) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client("2.55").servers.migrate(SERVER_ID, host="compute1")
    assert str(info.value) == (
        "'host' needs compute API microversion 2.56 or later. This session uses 2.55."
    )
    nothing_sent(mock)


# -- live_migrate ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "args", "kwargs", "body"),
    [
        # until 2.24 Nova requires disk_over_commit: None sends False
        (
            "2.24",
            ("h1", True),
            {},
            {"host": "h1", "block_migration": True, "disk_over_commit": False},
        ),
        (
            "2.1",
            (None, False, True),
            {},
            {"host": None, "block_migration": False, "disk_over_commit": True},
        ),
        # from 2.25: no disk_over_commit, and "auto"
        ("2.25", (None, "auto"), {}, {"host": None, "block_migration": "auto"}),
        ("2.29", ("h1", False), {"force": False}, {"host": "h1", "block_migration": False}),
        (
            "2.30",
            ("h1", "auto"),
            {"force": True},
            {"host": "h1", "block_migration": "auto", "force": True},
        ),
        (
            "2.67",
            ("h1", True),
            {"force": True},
            {"host": "h1", "block_migration": True, "force": True},
        ),
        ("2.68", ("h1", "auto"), {}, {"host": "h1", "block_migration": "auto"}),
    ],
)
def test_live_migrate_bodies(
    make_client: MakeClient,
    action: Any,
    version: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    body: dict[str, Any],
) -> None:
    assert make_client(version).servers.live_migrate(SERVER_ID, *args, **kwargs) == ()
    assert sent(action, version) == {"os-migrateLive": body}


@pytest.mark.parametrize(
    ("version", "kwargs", "message"),
    [
        (
            "2.24",
            {"block_migration": "auto"},
            "'block_migration='auto'' needs compute API "
            "microversion 2.25 or later. This session uses 2.24.",
        ),
        (
            "2.25",
            {"block_migration": True, "disk_over_commit": False},
            "'disk_over_commit' "
            "needs compute API microversion 2.24 or earlier. This session uses 2.25.",
        ),
        (
            "2.29",
            {"block_migration": True, "force": True},
            "'force' needs compute API microversions 2.30 to 2.67. This session uses 2.29.",
        ),
        (
            "2.68",
            {"block_migration": True, "force": True},
            "'force' needs compute API microversions 2.30 to 2.67. This session uses 2.68.",
        ),
    ],
)
def test_live_migrate_refuses_options_outside_their_range(
    make_client: MakeClient, mock: requests_mock.Mocker, version: str, kwargs: Any, message: str
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client(version).servers.live_migrate(SERVER_ID, "h1", **kwargs)
    assert str(info.value) == message
    nothing_sent(mock)


@pytest.mark.parametrize(("version", "block"), [("2.24", False), ("2.25", "auto")])
def test_live_migrate_defaults_as_python_novaclient(
    make_client: MakeClient, action: Any, version: str, block: Any
) -> None:
    """No block_migration: False before 2.25, "auto" from 2.25 (and no host)."""
    make_client(version).servers.live_migrate(SERVER_ID)
    assert sent(action, version)["os-migrateLive"]["block_migration"] == block


def test_server_resource_methods_move_the_server(
    make_client: MakeClient, mock: requests_mock.Mocker, action: Any
) -> None:
    mock.get(f"{S}/{SERVER_ID}", json={"server": {"id": SERVER_ID}})
    server = make_client("2.104").servers.get(SERVER_ID)
    server.live_migrate("h1")
    server.evacuate("h2", "pw")  # python-novaclient's newest positions: host, password
    server.migrate()
    assert [body_of(r) for r in action.request_history] == [
        {"os-migrateLive": {"host": "h1", "block_migration": "auto"}},
        {"evacuate": {"host": "h2", "adminPass": "pw"}},
        {"migrate": None},
    ]


def test_live_migrate_refuses_a_bad_block_migration(
    make_client: MakeClient, mock: requests_mock.Mocker
) -> None:
    with pytest.raises(exceptions.ValidationError) as info:
        make_client("2.25").servers.live_migrate(SERVER_ID, None, "yes")  # type: ignore[arg-type]
    assert str(info.value) == "block_migration must be True, False or 'auto'; got 'yes'."
    nothing_sent(mock)


# -- evacuate --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "kwargs", "body"),
    [
        # until 2.13 Nova requires onSharedStorage: None sends python-novaclient's True
        ("2.13", {}, {"onSharedStorage": True}),
        (
            "2.1",
            {"host": "h1", "on_shared_storage": False, "password": "pw"},
            {"host": "h1", "onSharedStorage": False, "adminPass": "pw"},
        ),
        ("2.14", {"host": "h1"}, {"host": "h1"}),
        ("2.29", {"host": "h1", "force": True}, {"host": "h1", "force": True}),
        ("2.67", {"force": False, "password": "pw"}, {"adminPass": "pw"}),
        ("2.68", {}, {}),
    ],
)
def test_evacuate_bodies(
    make_client: MakeClient, action: Any, version: str, kwargs: Any, body: Any
) -> None:
    make_client(version).servers.evacuate(SERVER_ID, **kwargs)
    assert sent(action, version) == {"evacuate": body}


def test_evacuate_returns_the_password_nova_chose_before_2_14(
    make_client: MakeClient, mock: requests_mock.Mocker
) -> None:
    mock.post(ACTION, json={"adminPass": "s3cret"})
    _response, body = make_client("2.13").servers.evacuate(SERVER_ID)
    assert body == {"adminPass": "s3cret"}


@pytest.mark.parametrize(
    ("version", "kwargs", "message"),
    [
        (
            "2.14",
            {"on_shared_storage": True},
            "'on_shared_storage' needs compute API "
            "microversion 2.13 or earlier. This session uses 2.14.",
        ),
        (
            "2.28",
            {"force": True},
            "'force' needs compute API microversions 2.29 to 2.67. This session uses 2.28.",
        ),
        (
            "2.68",
            {"force": True},
            "'force' needs compute API microversions 2.29 to 2.67. This session uses 2.68.",
        ),
    ],
)
def test_evacuate_refuses_options_outside_their_range(
    make_client: MakeClient, mock: requests_mock.Mocker, version: str, kwargs: Any, message: str
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client(version).servers.evacuate(SERVER_ID, "h1", **kwargs)
    assert str(info.value) == message
    nothing_sent(mock)
