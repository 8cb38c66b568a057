"""UsageManager: /os-simple-tenant-usage, one page and all pages (2.40 markers)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL, compute_requests
from tests.unit.v2.bodies_usage import (
    PROJECT,
    PROJECT2,
    S1,
    S2,
    S3,
    tenant_usage,
    usage_list,
)
from tests.unit.v2.helpers import assert_version, nothing_sent, only_request, query_of

U = COMPUTE_URL + "/os-simple-tenant-usage"
START = datetime.datetime(2026, 11, 3)
END = datetime.datetime(2026, 12, 2, 10, 30, 5, 123456)


def test_list_one_page(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(U, json=usage_list(tenant_usage(PROJECT, S1)))
    usages = cs.usage.list(START, END, detailed=True, marker=S3, limit=5)
    req = only_request(matcher)
    assert query_of(req) == {
        "start": ["2026-11-03T00:00:00"],
        "end": ["2026-12-02T10:30:05.123456"],
        "detailed": ["1"],
        "limit": ["5"],
        "marker": [S3],
    }
    assert_version(req, "2.104")
    assert [u.tenant_id for u in usages] == [PROJECT]
    assert usages[0].server_usages[0]["instance_id"] == S1


def test_list_not_detailed_and_text_window(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(U, json=usage_list())
    assert cs.usage.list("2026-11-03T00:00:00", "2026-11-04T00:00:00") == []
    assert query_of(only_request(matcher)) == {
        "start": ["2026-11-03T00:00:00"],
        "end": ["2026-11-04T00:00:00"],
        "detailed": ["0"],
    }


def test_get_one_project(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(f"{U}/{PROJECT}", json={"tenant_usage": tenant_usage(PROJECT, S1)})
    usage = cs.usage.get(PROJECT, START, END, limit=1)
    assert query_of(only_request(matcher)) == {
        "start": ["2026-11-03T00:00:00"],
        "end": ["2026-12-02T10:30:05.123456"],
        "limit": ["1"],
    }
    assert usage.total_vcpus_usage == 1.0 and usage.id == PROJECT


@pytest.mark.parametrize("kwargs", [{"marker": S1}, {"limit": 2}])
def test_paging_needs_2_40(
    mock: requests_mock.Mocker, make_client: Callable[..., Client], kwargs: dict[str, object]
) -> None:
    cs = make_client("2.39")
    with pytest.raises(
        exceptions.UnsupportedAttribute,
        match="needs compute API microversion 2.40 or later. This session uses 2.39",
    ):
        cs.usage.list(START, END, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(exceptions.UnsupportedAttribute):
        cs.usage.get(PROJECT, START, END, **kwargs)  # type: ignore[arg-type]
    nothing_sent(mock)


@pytest.mark.parametrize(
    "call",
    [
        lambda cs: cs.usage.list("", END),
        lambda cs: cs.usage.get("", START, END),
        lambda cs: cs.usage.list(START, END, limit=0),
    ],
)
def test_bad_input_sends_nothing(
    mock: requests_mock.Mocker, cs: Client, call: Callable[[Client], object]
) -> None:
    with pytest.raises(exceptions.ValidationError):
        call(cs)
    nothing_sent(mock)


def test_list_all_follows_markers_and_merges_a_project(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    pages = [
        {"json": usage_list(tenant_usage(PROJECT, S1, S2), next_marker=S2)},
        {"json": usage_list(tenant_usage(PROJECT, S3), tenant_usage(PROJECT2, S1), next_marker=S1)},
        {"json": usage_list()},
    ]
    matcher = mock.get(U, pages)
    usages = cs.usage.list_all(START, END)
    markers = [query_of(r).get("marker") for r in matcher.request_history]
    assert markers == [None, [S2], [S1]]
    assert all(query_of(r)["detailed"] == ["1"] for r in matcher.request_history)
    assert [u.tenant_id for u in usages] == [PROJECT, PROJECT2]
    first = usages[0]
    assert [s["instance_id"] for s in first.server_usages] == [S1, S2, S3]
    assert first.total_hours == 3.0 and first.total_memory_mb_usage == 1536.0
    assert first.total_vcpus_usage == 3.0 and first.total_local_gb_usage == 3.0


def test_list_all_stops_on_a_repeated_marker(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(U, json=usage_list(tenant_usage(PROJECT, S1)))
    usages = cs.usage.list_all(START, END)
    assert matcher.call_count == 2  # the second page repeats S1: no third request
    assert [s["instance_id"] for s in usages[0].server_usages] == [S1, S1]


def test_list_all_before_2_40_is_one_request(
    mock: requests_mock.Mocker, make_client: Callable[..., Client]
) -> None:
    matcher = mock.get(U, json=usage_list(tenant_usage(PROJECT, S1)))
    usages = make_client("2.39").usage.list_all(START, END)
    req = only_request(matcher)
    assert "marker" not in query_of(req)
    assert_version(req, "2.39")
    assert len(usages) == 1


def test_get_all_merges_pages(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(
        f"{U}/{PROJECT}",
        [
            {"json": {"tenant_usage": tenant_usage(PROJECT, S1)}},
            {"json": {"tenant_usage": tenant_usage(PROJECT, S2)}},
            {"json": {"tenant_usage": {}}},
        ],
    )
    usage = cs.usage.get_all(PROJECT, START, END)
    assert [query_of(r).get("marker") for r in matcher.request_history] == [None, [S1], [S2]]
    assert usage.total_hours == 2.0
    assert [s["instance_id"] for s in usage.server_usages] == [S1, S2]
    assert [r.method for r in compute_requests(mock)] == ["GET"] * 3
