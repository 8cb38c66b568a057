"""Paging against the real Nova API: ``limit``/``marker`` and following the
``<key>_links`` "next" links until every item was seen exactly once.

Nova's page size is ``[api]max_limit`` (1000), so small pages are forced with a
``limit`` on the first request: the next links Nova returns carry that limit.
The managers have no page-size argument: for servers the ``limit`` query
parameter passes through ``search_opts``; flavors and key pairs need the
manager's ``_list(params=...)``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.devcloud import DevCloud

COUNT = 7  # more than three pages of two


@pytest.fixture(scope="module")
def fleet(cs: Any, devcloud: DevCloud, wait_server: Any) -> Iterator[tuple[str, list[Any]]]:
    """COUNT ACTIVE servers booted by one request (``min_count``): (name prefix, servers)."""
    prefix = f"page-{uuid.uuid4().hex[:6]}"
    cs.servers.create(
        prefix, devcloud.image_id, "1", networks="none", min_count=COUNT, max_count=COUNT
    )
    servers = cs.servers.list(search_opts={"name": f"^{prefix}-"})
    assert len(servers) == COUNT
    # NOTE: paging while servers are still building can list a server twice (Nova merges
    # build requests and instances), so the tests page over ACTIVE servers.
    yield prefix, [wait_server(s.id) for s in servers]
    for server in servers:
        cs.servers.delete(server.id)


def by_name(prefix: str, **extra: Any) -> dict[str, Any]:
    return {"name": f"^{prefix}-", **extra}


def test_limit_returns_one_short_page(cs: Any, fleet: tuple[str, list[Any]]) -> None:
    prefix, servers = fleet
    page = cs.servers.list(limit=2, search_opts=by_name(prefix))
    assert len(page) == 2
    assert len(page.request_ids) == 1
    assert {s.id for s in page} <= {s.id for s in servers}


def test_all_pages_with_a_small_page_size(cs: Any, fleet: tuple[str, list[Any]]) -> None:
    prefix, servers = fleet
    listed = cs.servers.list(search_opts=by_name(prefix, limit=2))
    ids = [s.id for s in listed]
    assert len(ids) == COUNT and set(ids) == {s.id for s in servers}  # each exactly once
    assert len(listed.request_ids) == (COUNT + 1) // 2  # one request per page
    assert ids == [s.id for s in cs.servers.list(search_opts=by_name(prefix))]  # same order
    lazy = [s.id for s in cs.servers.iter(detailed=False, search_opts=by_name(prefix, limit=3))]
    assert sorted(lazy) == sorted(ids)


def test_limit_larger_than_a_page_follows_next_links(cs: Any, fleet: tuple[str, list[Any]]) -> None:
    prefix, _servers = fleet
    # The manager's limit caps the total; the page size comes from the first request.
    got = list(cs.servers._iter("/servers", "servers", params=by_name(prefix, limit=2), limit=5))
    assert len(got) == 5 and len({s.id for s in got}) == 5


def test_marker_continues_after_the_given_server(cs: Any, fleet: tuple[str, list[Any]]) -> None:
    prefix, _ = fleet
    ordered = [
        s.id
        for s in cs.servers.list(
            search_opts=by_name(prefix), sort_keys=["display_name"], sort_dirs=["asc"]
        )
    ]
    rest = cs.servers.list(
        marker=ordered[2],
        search_opts=by_name(prefix, limit=2),
        sort_keys=["display_name"],
        sort_dirs=["asc"],
    )
    assert [s.id for s in rest] == ordered[3:]
    names = [
        s.name
        for s in cs.servers.list(
            search_opts=by_name(prefix), sort_keys=["display_name"], sort_dirs=["desc"]
        )
    ]
    assert names == sorted(names, reverse=True)


def test_cli_limit_and_all_pages(
    cli: Any, clouds: Any, mode: str, fleet: tuple[str, list[Any]]
) -> None:
    prefix, servers = fleet
    env = clouds.env(mode)
    assert len(cli.json(env, "list", "--name", f"^{prefix}-", "--limit", "2")) == 2
    everything = cli.json(env, "list", "--name", f"^{prefix}-")
    assert sorted(r["ID"] for r in everything) == sorted(s.id for s in servers)
    assert [r["Name"] for r in everything] == sorted(r["Name"] for r in everything)
    assert len(cli.json(env, "list", "--name", f"^{prefix}-", "--limit", "-1")) == COUNT
    ordered = cli.json(env, "list", "--name", f"^{prefix}-", "--sort", "display_name:asc")
    after = cli.json(
        env,
        "list",
        "--name",
        f"^{prefix}-",
        "--sort",
        "display_name:asc",
        "--marker",
        ordered[4]["ID"],
    )
    assert [r["ID"] for r in after] == [r["ID"] for r in ordered[5:]]


def test_flavor_pages(cs: Any) -> None:
    everything = cs.flavors.list()
    paged = cs.flavors._list("/flavors/detail", "flavors", params={"limit": 2})
    assert [f.id for f in paged] == [f.id for f in everything]
    assert len(paged.request_ids) >= 3
    assert [f.id for f in cs.flavors.list(limit=2, marker="2")] == ["3", "4"]


def test_keypair_pages(clouds: Any, mode: str) -> None:
    cs = clouds.client(mode, "2.91")
    created = [cs.keypairs.create(f"pagekp-{uuid.uuid4().hex[:6]}-{i}") for i in range(3)]
    try:
        latest = clouds.client(mode)
        names = [k.name for k in latest.keypairs.list()]
        assert {k.name for k in created} <= set(names)
        assert [k.name for k in latest.keypairs.list(limit=1)] == names[:1]
        assert [k.name for k in latest.keypairs.list(marker=names[0])] == names[1:]
        paged = latest.keypairs._list("/os-keypairs", "keypairs", params={"limit": 1})
        assert [k.name for k in paged] == names
        assert len(paged.request_ids) == len(names)
    finally:
        for keypair in created:
            cs.keypairs.delete(keypair)
