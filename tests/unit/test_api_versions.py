"""Versions: parsing, headers, negotiation, and exactly one discovery GET per client."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import Client, api_versions, exceptions
from novaclient_lite.api_versions import (
    MAX_VERSION,
    MIN_VERSION,
    APIVersion,
    ServerVersions,
    VersionRequest,
    negotiate,
    require,
    within,
)
from novaclient_lite.v2.client import Client as ClientV2
from tests.unit.support import AUTH_URL, COMPUTE_URL, version_document
from tests.unit.v2.helpers import assert_version

V = APIVersion


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2", V(2, 0)), ("2.0", V(2, 0)), ("2.45", V(2, 45)), (" 2.104 ", V(2, 104))],
)
def test_parse(text: str, expected: APIVersion) -> None:
    assert APIVersion.parse(text) == expected


@pytest.mark.parametrize("text", ["2.x", "x", "", "2.", ".1", "2.01", "2.1.1", "2.latest", "v2"])
def test_parse_malformed(text: str) -> None:
    with pytest.raises(exceptions.UnsupportedVersion):
        APIVersion.parse(text)


def test_ordering_and_str() -> None:
    assert V(2, 9) < V(2, 10) < V(2, 100)
    assert str(V(2, 45)) == "2.45"


def test_headers() -> None:
    assert V(2, 0).headers() == {}
    assert V(2, 26).headers() == {"X-OpenStack-Nova-API-Version": "2.26"}
    assert V(2, 27).headers() == {
        "X-OpenStack-Nova-API-Version": "2.27",
        "OpenStack-API-Version": "compute 2.27",
    }


def test_each_named_version_is_spelt_once_and_named_after_itself() -> None:
    named = {name: value for name, value in vars(api_versions).items() if name.startswith("V2_")}
    assert len(named) >= 20
    for name, value in named.items():
        assert value == APIVersion(2, int(name[3:])), name


def test_within_is_inclusive_and_open_ended() -> None:
    assert within(V(2, 19), since=V(2, 19)) and not within(V(2, 18), since=V(2, 19))
    assert within(V(2, 101), until=V(2, 101)) and not within(V(2, 102), until=V(2, 101))
    assert within(V(2, 5)) and within(V(2, 33), V(2, 32), V(2, 36))


@pytest.mark.parametrize(
    ("version", "kwargs", "message"),
    [
        (
            V(2, 18),
            {"since": V(2, 19)},
            "'x' needs compute API microversion 2.19 or later. This session uses 2.18.",
        ),
        (
            V(2, 102),
            {"until": V(2, 101)},
            "'x' needs compute API microversion 2.101 or earlier. This session uses 2.102.",
        ),
        (
            V(2, 37),
            {"since": V(2, 32), "until": V(2, 36)},
            "'x' needs compute API microversions 2.32 to 2.36. This session uses 2.37.",
        ),
        (
            V(2, 41),
            {"since": V(2, 42), "also": (V(2, 32), V(2, 36))},
            "'x' needs compute API microversion 2.42 or later (or 2.32 to 2.36). "
            "This session uses 2.41.",
        ),
    ],
)
def test_require_refuses_naming_the_option_the_range_and_the_session(
    version: APIVersion, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        require("x", version, **kwargs)
    assert str(info.value) == message


def test_require_hint_ends_the_last_sentence() -> None:
    # The shell's @arg gate: the same wording, with where to change the version.
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        require("--hostname", V(2, 89), since=V(2, 90), hint="(see --os-compute-api-version)")
    assert str(info.value) == (
        "'--hostname' needs compute API microversion 2.90 or later. This session uses 2.89 "
        "(see --os-compute-api-version)."
    )
    assert (info.value.argument, info.value.start, info.value.version) == (
        "--hostname",
        "2.90",
        "2.89",
    )


def test_require_message_keeps_python_novaclients_text() -> None:
    text = "'tag' in block device mapping is not supported in API version {version}."
    with pytest.raises(exceptions.CommandError) as info:
        require("tag", V(2, 31), since=V(2, 42), also=(V(2, 32), V(2, 32)), message=text)
    assert str(info.value) == (
        "'tag' in block device mapping is not supported in API version 2.31."
    )
    require("tag", V(2, 32), since=V(2, 42), also=(V(2, 32), V(2, 32)), message=text)


def test_require_lets_the_range_and_the_second_window_through() -> None:
    for version in (V(2, 32), V(2, 36), V(2, 42), V(2, 104)):
        require("network tag", version, since=V(2, 42), also=(V(2, 32), V(2, 36)))
    require("rxtx_factor", V(2, 101), until=V(2, 101))
    require("anything", V(2, 1))


@pytest.mark.parametrize("text", ["auto", "AUTO", "2.latest", "latest", None])
def test_request_negotiable(text: str | None) -> None:
    assert VersionRequest.parse(text).version is None
    assert VersionRequest.parse(text).needs_discovery


@pytest.mark.parametrize("text", ["3.1", "3", "1.1", "2.x", "2.105", "2.0.1"])
def test_request_rejects(text: str) -> None:
    with pytest.raises(exceptions.UnsupportedVersion):
        VersionRequest.parse(text)


def test_request_out_of_client_range_names_the_range() -> None:
    with pytest.raises(exceptions.UnsupportedVersion) as info:
        VersionRequest.parse("2.105")
    assert f"({MIN_VERSION} - {MAX_VERSION})" in info.value.message


def test_request_2_needs_no_discovery() -> None:
    request = VersionRequest.parse("2")
    assert request.version == V(2, 0) and not request.needs_discovery


def test_server_versions_from_documents() -> None:
    assert ServerVersions.from_document(version_document("2.60", "2.1")) == ServerVersions(
        V(2, 1), V(2, 60)
    )
    listing = {
        "versions": [
            {"id": "v2.0", "status": "SUPPORTED", "version": ""},
            {"id": "v2.1", "status": "CURRENT", "version": "2.90", "min_version": "2.1"},
        ]
    }
    assert ServerVersions.from_document(listing) == ServerVersions(V(2, 1), V(2, 90))
    legacy = {"version": {"id": "v2.0", "status": "SUPPORTED", "version": "", "min_version": ""}}
    assert ServerVersions.from_document(legacy) == ServerVersions(None, None)
    for bad in ({}, [], {"version": "2.1"}, {"version": {"version": "two"}}):
        with pytest.raises(exceptions.InvalidResponse):
            ServerVersions.from_document(bad)


def server(low: str, high: str) -> ServerVersions:
    return ServerVersions(APIVersion.parse(low), APIVersion.parse(high))


def test_negotiate_auto_is_min_of_both_maxima() -> None:
    auto = VersionRequest(None)
    assert negotiate(auto, server("2.1", "2.60")) == V(2, 60)
    assert negotiate(auto, server("2.1", "2.300")) == MAX_VERSION
    assert negotiate(auto, ServerVersions(None, None)) == V(2, 0)


def test_negotiate_explicit_inside_and_outside_server_range() -> None:
    assert negotiate(VersionRequest.parse("2.50"), server("2.1", "2.60")) == V(2, 50)
    with pytest.raises(exceptions.UnsupportedVersion) as info:
        negotiate(VersionRequest.parse("2.70"), server("2.1", "2.60"))
    message = info.value.message
    assert "2.70" in message
    assert "server supports 2.1 - 2.60" in message
    assert f"client supports {MIN_VERSION} - {MAX_VERSION}" in message


def test_negotiate_no_common_version() -> None:
    with pytest.raises(exceptions.UnsupportedVersion, match="No common"):
        negotiate(VersionRequest(None), server("3.1", "3.5"))


def test_negotiate_explicit_against_server_without_microversions() -> None:
    with pytest.raises(exceptions.UnsupportedVersion, match="does not support microversions"):
        negotiate(VersionRequest.parse("2.10"), ServerVersions(None, None))
    assert negotiate(VersionRequest.parse("2"), ServerVersions(None, None)) == V(2, 0)


# -- against the HTTP fake ------------------------------------------------------------------


def discovery_gets(m: requests_mock.Mocker) -> int:
    return sum(
        1 for r in m.request_history if r.method == "GET" and r.url.rstrip("/") == COMPUTE_URL
    )


def test_one_discovery_get_for_many_calls(
    mock: requests_mock.Mocker, make_client: Callable[..., ClientV2]
) -> None:
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    mock.get(COMPUTE_URL + "/os-keypairs", json={"keypairs": []})
    cs = make_client("auto")
    assert discovery_gets(mock) == 0  # lazy: nothing before the first call
    cs.flavors.list()
    cs.keypairs.list()
    cs.flavors.list()
    assert discovery_gets(mock) == 1
    assert cs.api_version == V(2, 104)
    for request in mock.request_history[-3:]:
        assert_version(request, "2.104")


def test_auto_uses_the_server_maximum_when_lower(
    mock: requests_mock.Mocker, make_client: Callable[..., ClientV2]
) -> None:
    mock.get(COMPUTE_URL + "/", json=version_document("2.60"))
    flavors = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    make_client("2.latest").flavors.list()
    assert_version(flavors.last_request, "2.60")


def test_explicit_version_out_of_server_range(
    mock: requests_mock.Mocker, make_client: Callable[..., ClientV2]
) -> None:
    mock.get(COMPUTE_URL + "/", json=version_document("2.60"))
    flavors = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    with pytest.raises(exceptions.UnsupportedVersion, match="server supports 2.1 - 2.60"):
        make_client("2.79").flavors.list()
    assert not flavors.called


def test_server_without_microversions_gets_no_headers(
    mock: requests_mock.Mocker, make_client: Callable[..., ClientV2]
) -> None:
    mock.get(
        COMPUTE_URL + "/",
        json={"version": {"id": "v2.0", "status": "SUPPORTED", "version": "", "min_version": ""}},
    )
    flavors = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    cs = make_client("auto")
    cs.flavors.list()
    assert_version(flavors.last_request, None)
    assert cs.api_version == V(2, 0)


def test_version_2_sends_no_header_and_no_discovery(
    mock: requests_mock.Mocker, make_client: Callable[..., ClientV2]
) -> None:
    flavors = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    make_client("2").flavors.list()
    assert_version(flavors.last_request, None)
    assert discovery_gets(mock) == 0


def test_discovery_falls_back_to_the_parent_of_a_project_endpoint(
    mock: requests_mock.Mocker, make_client: Callable[..., ClientV2]
) -> None:
    project = COMPUTE_URL + "/p1"
    mock.get(project + "/", status_code=404)
    flavors = mock.get(project + "/flavors/detail", json={"flavors": []})
    make_client("auto", endpoint_override=project).flavors.list()
    assert_version(flavors.last_request, "2.104")


@pytest.mark.parametrize("version", ["2.x", "3.1", "2.105", "banana"])
def test_factory_rejects_bad_versions_before_any_request(
    mock: requests_mock.Mocker, version: str
) -> None:
    with pytest.raises(exceptions.UnsupportedVersion):
        Client(version, "u", "p", "proj", AUTH_URL)
    assert mock.request_history == []


@pytest.mark.parametrize(("low", "high"), [("2.1", "3.5"), ("1.0", "2.10")])
def test_version_document_outside_v2_is_invalid(low: str, high: str) -> None:
    with pytest.raises(exceptions.InvalidResponse, match="not a compute API v2 microversion"):
        ServerVersions.from_document({"version": {"version": high, "min_version": low}})
