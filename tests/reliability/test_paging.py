"""Paging stays correct while the list changes, and never loops forever."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests_mock
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from novaclient_lite import Client, exceptions, paging
from novaclient_lite.v2.client import Client as ClientV2
from tests.reliability.support import FAST_RETRY, within

COMPUTE = "http://compute.test/v2.1"
LIST_URL = re.compile(re.escape(COMPUTE) + r"/flavors/detail(\?.*)?$")

Mutation = Callable[[list[str]], None]


class PagedList:
    """Nova's marker paging over a list that tests change between requests."""

    def __init__(self, ids: list[str], page_size: int) -> None:
        self.ids = list(ids)
        self.page_size = page_size
        self.requests = 0
        #: request number (1-based) -> change applied just before answering it
        self.changes: dict[int, Mutation] = {}
        #: delete each page's marker just before the request that uses it
        self.drop_markers = False
        self._dropped: set[str] = set()

    def __call__(self, request: Any, context: Any) -> dict[str, Any]:
        self.requests += 1
        change = self.changes.get(self.requests)
        if change:
            change(self.ids)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(request.url).query)
        size = min(int(query.get("limit", [self.page_size])[0]), self.page_size)
        start = 0
        if "marker" in query:
            marker = query["marker"][0]
            if self.drop_markers and marker not in self._dropped and marker in self.ids:
                self._dropped.add(marker)
                self.ids.remove(marker)
            if marker not in self.ids:
                context.status_code = 400
                return {"badRequest": {"code": 400, "message": f"marker [{marker}] not found"}}
            start = self.ids.index(marker) + 1
        page = self.ids[start : start + size]
        body: dict[str, Any] = {"flavors": [{"id": i, "name": f"f-{i}"} for i in page]}
        if len(page) == size and page:
            href = f"{COMPUTE}/flavors/detail?limit={size}&marker={page[-1]}"
            body["flavors_links"] = [{"rel": "next", "href": href}]
        return body


@pytest.fixture
def mocked() -> Iterator[requests_mock.Mocker]:
    with requests_mock.Mocker() as m:
        yield m


def client() -> ClientV2:
    return Client("2", auth_token="t", endpoint_override=COMPUTE, retry=FAST_RETRY)


def serve(m: requests_mock.Mocker, paged: PagedList) -> None:
    m.get(LIST_URL, json=paged)


def ids(n: int) -> list[str]:
    return [f"{i:03d}" for i in range(n)]


def delete(*victims: str) -> Mutation:
    return lambda items: [items.remove(v) for v in victims if v in items] and None


def listed(limit: int | None = None, marker: str | None = None) -> list[str]:
    with within():
        return [f.id for f in client().flavors.list(limit=limit, marker=marker)]


def test_all_pages(mocked: requests_mock.Mocker) -> None:
    paged = PagedList(ids(7), 3)
    serve(mocked, paged)
    assert listed() == ids(7)
    assert paged.requests == 3


def test_vanished_marker_restarts_from_the_item_before(mocked: requests_mock.Mocker) -> None:
    paged = PagedList(ids(9), 3)
    paged.changes[2] = delete("002")  # the marker that ended page 1
    serve(mocked, paged)
    assert listed() == ids(9)  # "002" was listed before it vanished; nothing twice


def test_marker_and_its_predecessors_vanish(mocked: requests_mock.Mocker) -> None:
    paged = PagedList(ids(12), 3)
    paged.changes[3] = delete("005", "004", "003")
    serve(mocked, paged)
    assert listed() == ids(12)


def test_everything_seen_vanishes(mocked: requests_mock.Mocker) -> None:
    paged = PagedList(ids(9), 3)
    paged.changes[2] = delete("000", "001", "002")
    serve(mocked, paged)
    assert listed() == ids(9)


def test_each_step_back_doubles_while_markers_keep_vanishing(mocked: requests_mock.Mocker) -> None:
    """Page 2's ten items all vanish: 4 failed restarts, not 10 (one item back each)."""
    paged = PagedList(ids(40), 10)
    paged.changes[3] = delete(*ids(20)[10:])
    serve(mocked, paged)
    assert listed() == ids(40)
    # 2 pages; restarts at 019, 018, 016, 012 refused; from 004: 3 pages (15 one step at a time)
    assert paged.requests == 9


def test_a_marker_that_vanishes_later_steps_back_one_again(mocked: requests_mock.Mocker) -> None:
    """The step back grows only while markers vanish in a row; a page resets it."""
    paged = PagedList(ids(4), 1)
    paged.changes[3] = delete("001")
    paged.changes[5] = delete("002")
    serve(mocked, paged)
    assert listed() == ids(4)
    assert paged.requests == 7  # not 8: after 002 vanishes, restart at 000 (one back)


def test_pages_walked_again_after_a_restart_are_no_loop(mocked: requests_mock.Mocker) -> None:
    """Stepping back two places repeats next links already followed: that is expected."""
    paged = PagedList(ids(4), 1)
    paged.changes[5] = delete("002", "003")
    serve(mocked, paged)
    assert listed() == ids(4)  # both were listed before they vanished
    assert paged.requests == 8


def test_pages_walked_again_after_a_restart_are_not_stale(mocked: requests_mock.Mocker) -> None:
    """After a restart, pages already listed bring nothing new: that is no "no progress"."""
    paged = PagedList(ids(12), 1)
    paged.changes[2] = delete("003")
    paged.changes[6] = delete("002")
    paged.changes[7] = delete("006")
    paged.changes[8] = delete("005")
    serve(mocked, paged)
    assert listed() == [i for i in ids(12) if i != "003"]
    assert paged.requests == 18


def test_a_marker_vanishes_on_every_page(mocked: requests_mock.Mocker) -> None:
    """More vanished markers than MAX_MARKER_RECOVERIES, but each one makes progress."""
    n, size = 100, 3
    paged = PagedList(ids(n), size)
    paged.drop_markers = True
    serve(mocked, paged)
    assert listed() == ids(n)
    assert len(paged._dropped) > paging.MAX_MARKER_RECOVERIES


def test_insertions_cause_no_duplicates(mocked: requests_mock.Mocker) -> None:
    paged = PagedList(ids(9), 3)
    paged.changes[2] = lambda items: items.insert(0, "new-front")
    paged.changes[3] = lambda items: items.insert(7, "new-middle")
    serve(mocked, paged)
    result = listed()
    assert len(result) == len(set(result))
    assert set(ids(9)) <= set(result)


def test_limit_with_vanished_marker(mocked: requests_mock.Mocker) -> None:
    paged = PagedList(ids(20), 3)
    paged.changes[2] = delete("002")
    serve(mocked, paged)
    assert listed(limit=7) == ids(7)


def test_callers_own_marker_not_found_fails_at_once(mocked: requests_mock.Mocker) -> None:
    paged = PagedList(ids(5), 3)
    serve(mocked, paged)
    with pytest.raises(exceptions.BadRequest, match=r"marker \[zzz\] not found"):
        listed(marker="zzz")
    assert paged.requests == 1


def test_other_400_is_not_a_vanished_marker(mocked: requests_mock.Mocker) -> None:
    mocked.get(
        LIST_URL, status_code=400, json={"badRequest": {"code": 400, "message": "Invalid sort_key"}}
    )
    with pytest.raises(exceptions.BadRequest, match="Invalid sort_key"):
        listed()
    assert mocked.call_count == 1


def test_every_marker_refused_is_bounded(mocked: requests_mock.Mocker) -> None:
    """A server that answers 'marker not found' to every marker."""

    def answer(request: Any, context: Any) -> dict[str, Any]:
        if "marker=" in request.url:
            context.status_code = 400
            return {"badRequest": {"message": "marker [x] not found"}}
        href = f"{COMPUTE}/flavors/detail?marker=002"
        return {
            "flavors": [{"id": i} for i in ids(3)],
            "flavors_links": [{"rel": "next", "href": href}],
        }

    mocked.get(LIST_URL, json=answer)
    with pytest.raises((exceptions.BadRequest, exceptions.InvalidResponse)):
        listed()
    assert mocked.call_count <= 2 * paging.MAX_MARKER_RECOVERIES + 2


def test_same_next_link_twice(mocked: requests_mock.Mocker) -> None:
    href = f"{COMPUTE}/flavors/detail?marker=a"
    pages = iter([["a"], ["b"], ["c"]])
    mocked.get(
        LIST_URL,
        json=lambda r, c: {
            "flavors": [{"id": i} for i in next(pages)],
            "flavors_links": [{"rel": "next", "href": href}],
        },
    )
    with pytest.raises(exceptions.InvalidResponse, match="same next link twice"):
        listed()
    assert mocked.call_count == 3  # one repeat is tolerated when it brings new items


def test_empty_page_with_next_link_ends(mocked: requests_mock.Mocker) -> None:
    mocked.get(
        LIST_URL,
        [
            {
                "json": {
                    "flavors": [{"id": "a"}],
                    "flavors_links": [
                        {"rel": "next", "href": f"{COMPUTE}/flavors/detail?marker=a"}
                    ],
                }
            },
            {
                "json": {
                    "flavors": [],
                    "flavors_links": [
                        {"rel": "next", "href": f"{COMPUTE}/flavors/detail?marker=a&x=1"}
                    ],
                }
            },
        ],
    )
    assert listed() == ["a"]
    assert mocked.call_count == 2


def test_same_items_with_fresh_links_forever(mocked: requests_mock.Mocker) -> None:
    counter = iter(range(10**6))
    mocked.get(
        LIST_URL,
        json=lambda r, c: {
            "flavors": [{"id": "a"}, {"id": "b"}],
            "flavors_links": [
                {"rel": "next", "href": f"{COMPUTE}/flavors/detail?marker=b&n={next(counter)}"}
            ],
        },
    )
    with pytest.raises(exceptions.InvalidResponse, match="no progress"):
        listed()
    assert mocked.call_count <= paging.MAX_STALE_PAGES + 2


def test_malformed_links_end_paging(mocked: requests_mock.Mocker) -> None:
    mocked.get(
        LIST_URL,
        json={"flavors": [{"id": "a"}], "flavors_links": [{"rel": "next"}, "junk", {"href": 3}]},
    )
    assert listed() == ["a"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(0, 30),
    page_size=st.integers(1, 6),
    schedule=st.lists(
        st.tuples(st.integers(1, 15), st.sampled_from(["delete", "insert"]), st.integers(0, 40)),
        max_size=8,
    ),
    limit=st.one_of(st.none(), st.integers(1, 40)),
    drop_markers=st.booleans(),
)
# A marker and the item before it vanish, and an item is inserted before the restart
# point: the re-walk meets the new item first, then pages it already listed.
@example(
    n=17,
    page_size=1,
    schedule=[(7, "delete", 21), (9, "delete", 5), (9, "delete", 5), (9, "insert", 1)],
    limit=None,
    drop_markers=False,
)
def test_paging_under_churn(
    n: int,
    page_size: int,
    schedule: list[tuple[int, str, int]],
    limit: int | None,
    drop_markers: bool,
) -> None:
    """Whatever changes between requests: no id twice, and every item that stays is listed."""
    paged = PagedList(ids(n), page_size)
    paged.drop_markers = drop_markers
    deleted: set[str] = set()
    inserted = iter(f"new-{i}" for i in range(100))

    def make(kind: str, where: int) -> Mutation:
        def change(items: list[str]) -> None:
            if kind == "delete" and items:
                deleted.add(items.pop(where % len(items)))
            elif kind == "insert":
                items.insert(where % (len(items) + 1), next(inserted))

        return change

    grouped: dict[int, list[Mutation]] = {}
    for request, kind, where in schedule:
        grouped.setdefault(request, []).append(make(kind, where))
    for request, changes in grouped.items():
        paged.changes[request] = lambda items, cs=changes: [c(items) for c in cs] and None

    with requests_mock.Mocker() as m:
        serve(m, paged)
        result = listed(limit=limit)
    assert len(result) == len(set(result)), result
    stayed = [i for i in ids(n) if i not in deleted and i not in paged._dropped]
    if limit is None:
        assert [i for i in result if i in stayed] == stayed
    else:
        assert len(result) <= limit
        assert [i for i in result if i in stayed] == stayed[
            : len([i for i in result if i in stayed])
        ]
    assert paged.requests <= 4 * (n + 20) // page_size + 3 * paging.MAX_MARKER_RECOVERIES
