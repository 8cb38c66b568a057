"""AvailabilityZoneManager: GET /os-availability-zone[/detail]."""

from __future__ import annotations

import requests_mock

from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import assert_version, only_request, walk

ZONES = {
    "availabilityZoneInfo": [
        {"zoneName": "nova", "zoneState": {"available": True}, "hosts": None},
        {"zoneName": "down", "zoneState": {"available": False}, "hosts": None},
    ]
}


def test_list(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(COMPUTE_URL + "/os-availability-zone", json=ZONES)
    zones = cs.availability_zones.list(False)
    assert_version(only_request(matcher), "2.104")
    assert [(z.name, z.available) for z in zones] == [("nova", True), ("down", False)]
    assert repr(zones[0]) == "<AvailabilityZone zoneName='nova'>"


def test_list_detailed(mock: requests_mock.Mocker, cs: Client) -> None:
    detail = {
        "availabilityZoneInfo": [
            {
                "zoneName": "internal",
                "zoneState": {"available": True},
                "hosts": {"h1": {"nova-conductor": {"active": True}}},
            }
        ]
    }
    matcher = mock.get(COMPUTE_URL + "/os-availability-zone/detail", json=detail)
    zones = cs.availability_zones.list(detailed=True)
    assert only_request(matcher).path == "/v2.1/os-availability-zone/detail"
    assert zones[0].hosts == {"h1": {"nova-conductor": {"active": True}}}


def test_list_carries_the_request_id(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        COMPUTE_URL + "/os-availability-zone",
        json=ZONES,
        headers={"x-openstack-request-id": "req-az"},
    )
    zones = cs.availability_zones.list(detailed=False)
    assert zones.request_ids == ["req-az"]
    assert zones[1].request_ids == ["req-az"]


def test_iter_sends_one_get_on_the_first_next(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(COMPUTE_URL + "/os-availability-zone/detail", json=ZONES)
    zones = cs.availability_zones.iter(detailed=True)
    assert walk(zones, matcher, "name") == [(1, "nova"), (1, "down")]
    assert only_request(matcher).path == "/v2.1/os-availability-zone/detail"
