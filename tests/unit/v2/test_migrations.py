"""cs.migrations (every filter, gated, paged) and cs.server_migrations (list/get/force/abort)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import (
    SERVER_ID,
    S,
    assert_version,
    body_of,
    nothing_sent,
    only_request,
    query_of,
    walk,
)

MakeClient = Callable[..., Client]
M = f"{COMPUTE_URL}/os-migrations"
SM = f"{S}/{SERVER_ID}/migrations"


def migration(number: int, **fields: Any) -> dict[str, Any]:
    return {"id": number, "uuid": f"uuid-{number}", "status": "completed", **fields}


# -- cs.migrations ---------------------------------------------------------------------


def test_list_sends_every_filter_at_2_80(
    make_client: MakeClient, mock: requests_mock.Mocker
) -> None:
    get = mock.get(M, json={"migrations": [migration(1)]})
    found = make_client("2.80").migrations.list(
        "h1",
        "running",
        instance_uuid=SERVER_ID,
        marker="uuid-9",
        limit=5,
        changes_since="2026-01-01T00:00:00Z",
        changes_before="2026-01-02T00:00:00Z",
        migration_type="live-migration",
        source_compute="compute",
        user_id="u1",
        project_id="p1",
    )
    request = only_request(get)
    assert_version(request, "2.80")
    assert query_of(request) == {
        "host": ["h1"],
        "status": ["running"],
        "instance_uuid": [SERVER_ID],
        "migration_type": ["live-migration"],
        "source_compute": ["compute"],
        "marker": ["uuid-9"],
        "changes-since": ["2026-01-01T00:00:00Z"],
        "changes-before": ["2026-01-02T00:00:00Z"],
        "user_id": ["u1"],
        "project_id": ["p1"],
        "limit": ["5"],
    }
    assert [(m.id, m.status) for m in found] == [(1, "completed")]


def test_list_without_filters_sends_no_query(
    make_client: MakeClient, mock: requests_mock.Mocker
) -> None:
    get = mock.get(M, json={"migrations": []})
    assert make_client("2.1").migrations.list() == []
    assert query_of(only_request(get)) == {}


@pytest.mark.parametrize(
    ("version", "kwargs", "label", "needs"),
    [
        ("2.58", {"marker": "u"}, "marker", "2.59"),
        ("2.58", {"limit": 1}, "limit", "2.59"),
        ("2.58", {"changes_since": "2026-01-01"}, "changes-since", "2.59"),
        ("2.65", {"changes_before": "2026-01-01"}, "changes-before", "2.66"),
        ("2.79", {"user_id": "u1"}, "user_id", "2.80"),
        ("2.79", {"project_id": "p1"}, "project_id", "2.80"),
    ],
)
def test_list_refuses_a_filter_before_its_version(
    make_client: MakeClient,
    mock: requests_mock.Mocker,
    version: str,
    kwargs: Any,
    label: str,
    needs: str,
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client(version).migrations.list(**kwargs)
    assert str(info.value) == (
        f"'{label}' needs compute API microversion {needs} or later. This session uses {version}."
    )
    nothing_sent(mock)


@pytest.mark.parametrize(
    ("version", "argument", "query"),
    [
        ("2.59", "changes_since", "changes-since"),
        ("2.66", "changes_before", "changes-before"),
        ("2.80", "project_id", "project_id"),
    ],
)
def test_each_filter_is_sent_from_its_version(
    make_client: MakeClient, mock: requests_mock.Mocker, version: str, argument: str, query: str
) -> None:
    get = mock.get(M, json={"migrations": []})
    make_client(version).migrations.list(**{argument: "x"})
    assert query_of(only_request(get)) == {query: ["x"]}


def test_iter_follows_the_migrations_links(
    make_client: MakeClient, mock: requests_mock.Mocker
) -> None:
    def respond(request: Any, context: Any) -> dict[str, Any]:
        if "marker" not in query_of(request):
            return {
                "migrations": [migration(3), migration(2)],
                "migrations_links": [{"rel": "next", "href": M + "?marker=uuid-2"}],
            }
        return {"migrations": [migration(1)]}

    get = mock.get(M, json=respond)
    assert walk(make_client("2.59").migrations.iter(status="done"), get) == [
        (1, 3),
        (1, 2),
        (2, 1),
    ]
    assert [query_of(r) for r in get.request_history] == [
        {"status": ["done"]},
        {"marker": ["uuid-2"]},
    ]


def test_iter_gates_at_the_call(make_client: MakeClient, mock: requests_mock.Mocker) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="limit"):
        make_client("2.58").migrations.iter(limit=2)
    nothing_sent(mock)


# -- cs.server_migrations --------------------------------------------------------------


def test_server_migrations_list_and_get(
    make_client: MakeClient, mock: requests_mock.Mocker
) -> None:
    listed = mock.get(SM, json={"migrations": [migration(7, server_uuid=SERVER_ID)]})
    shown = mock.get(SM + "/7", json={"migration": migration(7, memory_total_bytes=10)})
    cs = make_client("2.23")
    assert [m.id for m in cs.server_migrations.list(SERVER_ID)] == [7]
    assert cs.server_migrations.get(SERVER_ID, 7).memory_total_bytes == 10
    assert_version(only_request(listed), "2.23")
    assert_version(only_request(shown), "2.23")
    assert [m.id for m in cs.server_migrations.iter(SERVER_ID)] == [7]


def test_force_complete_posts_the_action(
    make_client: MakeClient, mock: requests_mock.Mocker
) -> None:
    post = mock.post(SM + "/7/action", status_code=202, headers={"x-openstack-request-id": "r"})
    done = make_client("2.22").server_migrations.live_migrate_force_complete(SERVER_ID, 7)
    assert done == () and done.request_ids == ["r"]
    assert body_of(only_request(post)) == {"force_complete": None}


def test_abort_deletes_the_migration(make_client: MakeClient, mock: requests_mock.Mocker) -> None:
    delete = mock.delete(SM + "/7", status_code=202, headers={"x-openstack-request-id": "r"})
    assert make_client("2.24").server_migrations.live_migration_abort(SERVER_ID, "7") == ["r"]
    assert_version(only_request(delete), "2.24")


@pytest.mark.parametrize(
    ("version", "call", "label"),
    [
        (
            "2.21",
            lambda m: m.live_migrate_force_complete(SERVER_ID, 7),
            "live_migrate_force_complete",
        ),
        ("2.22", lambda m: m.list(SERVER_ID), "server_migrations.list"),
        ("2.22", lambda m: m.iter(SERVER_ID), "server_migrations.list"),
        ("2.22", lambda m: m.get(SERVER_ID, 7), "server_migrations.get"),
        ("2.23", lambda m: m.live_migration_abort(SERVER_ID, 7), "live_migration_abort"),
    ],
)
def test_server_migrations_need_their_version(
    make_client: MakeClient,
    mock: requests_mock.Mocker,
    version: str,
    call: Callable[[Any], Any],
    label: str,
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        call(make_client(version).server_migrations)
    assert str(info.value).startswith(f"'{label}' needs compute API microversion")
    nothing_sent(mock)


def test_findall_matches_on_one_listing(
    make_client: MakeClient, mock: requests_mock.Mocker
) -> None:
    get = mock.get(M, json={"migrations": [migration(1), migration(2, status="error")]})
    assert [m.id for m in make_client("2.1").migrations.findall(status="error")] == [2]
    only_request(get)
    listed = mock.get(SM, json={"migrations": [migration(7, status="running")]})
    cs = make_client("2.23")
    assert cs.server_migrations.find(server=SERVER_ID, status="running").id == 7
    only_request(listed)
    with pytest.raises(TypeError, match="needs server="):
        cs.server_migrations.findall(status="running")
