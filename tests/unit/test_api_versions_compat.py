"""python-novaclient's api_versions names: APIVersion("2.45"), get_api_version, discover_version."""

from __future__ import annotations

import pytest
import requests_mock

from novaclient_lite import Client, api_versions, exceptions
from novaclient_lite.api_versions import APIVersion
from tests.unit.support import COMPUTE_URL


def test_built_from_text_as_python_novaclient_builds_it() -> None:
    assert APIVersion("2.45") == APIVersion(2, 45)
    assert (APIVersion("2.45").ver_major, APIVersion("2.45").ver_minor) == (2, 45)
    assert APIVersion("2.45").get_string() == "2.45"
    assert APIVersion("2.latest").is_latest() and APIVersion("2.latest").get_string() == "2.latest"
    assert APIVersion("2.latest") > APIVersion(2, 104)
    assert APIVersion().is_null() and not APIVersion("2.0").is_null()
    assert repr(APIVersion("2.3")) == "<APIVersion: 2.3>" and repr(APIVersion()) == (
        "<APIVersion: null>"
    )
    assert {APIVersion("2.3"): 1}[APIVersion(2, 3)] == 1


@pytest.mark.parametrize("text", ["2", "2.x", "v2.1", "2.01", ""])
def test_malformed_text_is_unsupported_version(text: str) -> None:
    with pytest.raises(exceptions.UnsupportedVersion, match="Invalid format of client version"):
        APIVersion(text)


def test_null_version_refuses_string_and_matches() -> None:
    with pytest.raises(ValueError, match="Null APIVersion"):
        APIVersion().get_string()
    with pytest.raises(ValueError, match="Null APIVersion"):
        APIVersion().matches(APIVersion("2.1"), APIVersion("2.5"))


def test_versions_are_immutable() -> None:
    with pytest.raises(AttributeError):
        APIVersion(2, 1).minor = 5  # type: ignore[misc]


def test_matches_with_open_bounds() -> None:
    v = APIVersion("2.30")
    assert v.matches(APIVersion("2.1"), APIVersion("2.30"))
    assert not v.matches(APIVersion("2.31"), APIVersion())
    assert v.matches(APIVersion(), APIVersion("2.30")) and v.matches(APIVersion(), APIVersion())
    assert not v.matches(APIVersion(), APIVersion("2.29"))


def test_get_api_version_and_major_checks() -> None:
    assert api_versions.get_api_version("2") == APIVersion(2, 0)
    assert api_versions.get_api_version("2.60") == APIVersion(2, 60)
    with pytest.raises(exceptions.UnsupportedVersion, match="Major part should be '2'"):
        api_versions.get_api_version("3.1")
    api_versions.check_major_version(APIVersion())
    with pytest.raises(exceptions.UnsupportedVersion, match="Max version supported"):
        api_versions.check_version(APIVersion(2, 999))
    with pytest.raises(exceptions.UnsupportedVersion, match="Min version supported"):
        api_versions.check_version(APIVersion(1, 1))
    assert api_versions.get_available_major_versions() == ["2"]


def test_constants_and_headers() -> None:
    import novaclient_lite

    assert novaclient_lite.API_MAX_VERSION == api_versions.MAX_VERSION  # novaclient.API_MAX_VERSION
    assert novaclient_lite.API_MIN_VERSION == api_versions.MIN_VERSION
    assert api_versions.MAX_API_VERSION == api_versions.API_MAX_VERSION == api_versions.MAX_VERSION
    assert api_versions.MIN_API_VERSION == APIVersion("2.1")
    headers: dict[str, str] = {}
    api_versions.update_headers(headers, APIVersion("2.30"))
    assert headers == {
        api_versions.LEGACY_HEADER_NAME: "2.30",
        api_versions.HEADER_NAME: "compute 2.30",
    }
    untouched: dict[str, str] = {}
    api_versions.update_headers(untouched, APIVersion())
    api_versions.update_headers(untouched, APIVersion("2.0"))
    assert untouched == {}


def test_discover_version_asks_the_server_once(mock: requests_mock.Mocker) -> None:
    cs = Client("2", auth_token="t", endpoint_override=COMPUTE_URL)
    latest = api_versions.discover_version(cs, APIVersion("2.latest"))
    assert latest == min(api_versions.MAX_VERSION, APIVersion(2, 104))
    assert api_versions.discover_version(cs, APIVersion("2.10")) == APIVersion(2, 10)
    discovery = [r for r in mock.request_history if r.url == COMPUTE_URL + "/"]
    assert len(discovery) == 1
    with pytest.raises(exceptions.UnsupportedVersion):
        api_versions.discover_version(cs, APIVersion("2.200"))
