"""HypervisorManager and HypervisorStatsManager at the 2.33, 2.53 and 2.88 boundaries."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.v2.bodies_admin import (
    HYP_URL,
    HYP_UUID,
    STATISTICS,
    hypervisor,
    hypervisor_detail,
)
from tests.unit.v2.helpers import assert_version, nothing_sent, only_request, query_of

MakeClient = Callable[..., Client]


def test_list_detailed_or_short(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    detail = mock.get(HYP_URL + "/detail", json={"hypervisors": [hypervisor_detail()]})
    short = mock.get(HYP_URL, json={"hypervisors": [hypervisor()]})
    cs = make_client("2.1")
    assert [h.hypervisor_hostname for h in cs.hypervisors.list()] == ["compute1"]
    assert [h.id for h in cs.hypervisors.list(False)] == [HYP_UUID]
    assert query_of(only_request(detail)) == {}
    assert_version(only_request(short), "2.1")


def test_list_pages_from_2_33(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(HYP_URL, json={"hypervisors": [hypervisor()]})
    make_client("2.33").hypervisors.list(False, marker="5", limit=1)
    assert query_of(only_request(get)) == {"marker": ["5"], "limit": ["1"]}


@pytest.mark.parametrize("option", ["marker", "limit"])
def test_paging_refused_before_2_33(
    mock: requests_mock.Mocker, make_client: MakeClient, option: str
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client("2.32").hypervisors.list(**{option: 1})  # type: ignore[arg-type]
    assert str(info.value) == (
        f"'{option}' needs compute API microversion 2.33 or later. This session uses 2.32."
    )
    nothing_sent(mock)


def test_search_before_2_53_uses_the_old_urls(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    search = mock.get(HYP_URL + "/comp%25/search", json={"hypervisors": [hypervisor(1)]})
    servers = mock.get(HYP_URL + "/comp%25/servers", json={"hypervisors": [hypervisor(1)]})
    cs = make_client("2.52")
    assert [h.id for h in cs.hypervisors.search("comp%")] == [1]
    cs.hypervisors.search("comp%", servers=True)
    assert_version(only_request(search), "2.52")
    only_request(servers)


def test_search_detailed_refused_before_2_53(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute):
        make_client("2.52").hypervisors.search("compute", detailed=True)
    nothing_sent(mock)


def test_search_from_2_53_uses_the_pattern_query(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    short = mock.get(HYP_URL, json={"hypervisors": [hypervisor()]})
    detail = mock.get(HYP_URL + "/detail", json={"hypervisors": [hypervisor_detail()]})
    cs = make_client("2.53")
    cs.hypervisors.search("Compute", servers=True)
    assert query_of(only_request(short)) == {
        "hypervisor_hostname_pattern": ["Compute"],
        "with_servers": ["True"],
    }
    cs.hypervisors.search("Compute", detailed=True)
    assert query_of(only_request(detail)) == {"hypervisor_hostname_pattern": ["Compute"]}


def test_find_by_hostname_gets_the_details(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    mock.get(HYP_URL, json={"hypervisors": [hypervisor(), hypervisor("x", "compute10")]})
    got = mock.get(f"{HYP_URL}/{HYP_UUID}", json={"hypervisor": hypervisor_detail()})
    found = make_client("2.88").hypervisors.find("compute1")
    assert found.host_ip == "192.0.2.10"
    only_request(got)


def test_find_by_id(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    new = mock.get(f"{HYP_URL}/{HYP_UUID}", json={"hypervisor": hypervisor_detail()})
    old = mock.get(f"{HYP_URL}/3", json={"hypervisor": hypervisor_detail(3)})
    assert make_client("2.53").hypervisors.find(HYP_UUID).id == HYP_UUID
    assert make_client("2.52").hypervisors.find("3").id == 3
    only_request(new)
    only_request(old)


def test_find_nothing(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    mock.get(
        HYP_URL,
        status_code=404,
        json={"itemNotFound": {"code": 404, "message": "No hypervisor matching ghost"}},
    )
    with pytest.raises(exceptions.ResourceNotFound) as info:
        make_client().hypervisors.find("ghost")
    assert str(info.value) == "No hypervisor with a name or ID of 'ghost' exists."


def test_uptime_before_and_from_2_88(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    old = mock.get(
        f"{HYP_URL}/{HYP_UUID}/uptime", json={"hypervisor": hypervisor(uptime="up 1 day")}
    )
    new = mock.get(f"{HYP_URL}/{HYP_UUID}", json={"hypervisor": hypervisor_detail()})
    assert make_client("2.87").hypervisors.uptime(HYP_UUID).uptime == "up 1 day"
    only_request(old)
    shown = make_client("2.88").hypervisors.uptime(HYP_UUID)
    assert sorted(shown.to_dict()) == ["hypervisor_hostname", "id", "state", "status", "uptime"]
    assert_version(only_request(new), "2.88")


def test_statistics_until_2_87(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(HYP_URL + "/statistics", json={"hypervisor_statistics": STATISTICS})
    cs = make_client("2.87")
    assert cs.hypervisor_stats.statistics().count == 2
    assert cs.hypervisors.statistics().vcpus == 16
    assert get.call_count == 2


def test_statistics_refused_from_2_88(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client("2.88").hypervisor_stats.statistics()
    assert str(info.value) == (
        "'hypervisor statistics' needs compute API microversion 2.87 "
        "or earlier. This session uses 2.88."
    )
    nothing_sent(mock)


def test_iter_is_lazy_and_gated_at_the_call(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    get = mock.get(HYP_URL, json={"hypervisors": [hypervisor()]})
    cs = make_client("2.33")
    listing = cs.hypervisors.iter(False, limit=1)
    assert not get.called
    assert [h.id for h in listing] == [HYP_UUID]
    assert query_of(only_request(get)) == {"limit": ["1"]}
    with pytest.raises(exceptions.UnsupportedAttribute):
        make_client("2.32").hypervisors.iter(limit=1)
