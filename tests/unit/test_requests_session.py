"""The requests session under the sessions we build: requests' proxy and CA-bundle answer
from the environment, asked once per origin, and again when the environment changes."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
import requests
import requests_mock
from keystoneauth1 import session as ksa_session
from keystoneauth1 import token_endpoint

from novaclient_lite import Client, requests_session
from novaclient_lite.requests_session import ProxyEnvironmentOnce
from tests.unit.support import COMPUTE_URL

NOVA = "https://nova.example:8774/v2.1/servers"
GLANCE = "https://glance.example/v2/images"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in requests_session.WATCHED_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def sent(http: requests.Session, url: str = NOVA, **kwargs: Any) -> Any:
    """The request as the transport got it (its proxies and verify)."""
    with requests_mock.Mocker() as mock:
        mock.get(url, json={})
        http.get(url, **kwargs)
        return mock.last_request


@pytest.mark.parametrize(
    "environment",
    [
        {},
        {"HTTPS_PROXY": "http://proxy:3128"},
        {"https_proxy": "http://lower:3128", "HTTPS_PROXY": "http://upper:3128"},
        {"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "nova.example"},
        {"HTTPS_PROXY": "http://proxy:3128", "no_proxy": "other.example"},
        {"ALL_PROXY": "socks5://proxy:1080"},
        {"HTTP_PROXY": "http://proxy:3128", "REQUEST_METHOD": "GET"},
        {"REQUESTS_CA_BUNDLE": "/etc/bundle.pem"},
        {"CURL_CA_BUNDLE": "/etc/curl.pem"},
    ],
)
def test_it_answers_as_plain_requests_does(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str]
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    plain = sent(requests.Session())
    http = ProxyEnvironmentOnce()
    for _ in range(2):  # asked, then remembered
        ours = sent(http)
        assert (ours.proxies, ours.verify) == (plain.proxies, plain.verify)


def test_the_environment_is_asked_once_per_origin(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    real = requests.sessions.get_environ_proxies

    def spy(url: str, no_proxy: str | None = None) -> dict[str, str]:
        asked.append(url)
        return real(url, no_proxy=no_proxy)

    monkeypatch.setattr(requests.sessions, "get_environ_proxies", spy)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy:3128")
    http = ProxyEnvironmentOnce()
    with requests_mock.Mocker() as mock:
        mock.get(requests_mock.ANY, json={})
        for n in range(20):
            http.get(f"{NOVA}/{n}?limit=1")
            http.get(f"{GLANCE}/{n}")
        assert [r.proxies for r in mock.request_history[-2:]] == [
            {"https": "http://proxy:3128"}
        ] * 2
    assert asked == [f"{NOVA}/0?limit=1", f"{GLANCE}/0"]


def test_a_changed_variable_is_read_on_the_next_request(monkeypatch: pytest.MonkeyPatch) -> None:
    http = ProxyEnvironmentOnce()
    assert sent(http).proxies == {}
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy:3128")
    assert sent(http).proxies == {"https": "http://proxy:3128"}
    monkeypatch.setenv("NO_PROXY", ".example")
    assert sent(http).proxies == {}
    monkeypatch.delenv("NO_PROXY")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/bundle.pem")
    assert (sent(http).proxies, sent(http).verify) == (
        {"https": "http://proxy:3128"},
        "/etc/bundle.pem",
    )


def test_the_callers_settings_are_part_of_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/bundle.pem")
    http = ProxyEnvironmentOnce()
    assert sent(http).verify == "/etc/bundle.pem"
    assert sent(http, verify=False).verify is False
    assert sent(http, verify="/mine.pem").verify == "/mine.pem"
    assert sent(http, proxies={"https": "http://mine:1"}).proxies == {"https": "http://mine:1"}
    http.proxies = {"https": "http://session:2"}
    assert sent(http).proxies == {"https": "http://session:2"}


def test_a_shared_answer_is_not_changed_through_a_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy:3128")
    http = ProxyEnvironmentOnce()
    first = http.merge_environment_settings(NOVA, {}, None, None, None)
    first["proxies"]["https"] = "http://tampered:1"
    assert http.merge_environment_settings(NOVA, {}, None, None, None)["proxies"] == {
        "https": "http://proxy:3128"
    }


def test_an_unhashable_setting_is_asked_every_time() -> None:
    http = ProxyEnvironmentOnce()
    cert = ["/c.pem", "/k.pem"]  # requests accepts a list; it cannot be a key
    assert http.merge_environment_settings(NOVA, {}, None, None, cert)["cert"] == cert
    assert not http._answers


def test_the_sessions_we_build_use_it_and_a_callers_is_left_alone() -> None:
    ours = Client("2.1", auth_token="tok", endpoint_override=COMPUTE_URL).session.session
    assert isinstance(ours, ProxyEnvironmentOnce)
    assert isinstance(ours.get_adapter("https://x"), ksa_session.TCPKeepAliveAdapter)
    callers = ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, "tok"))
    underneath = callers.session
    assert Client("2.1", session=callers).session.session is underneath
    assert type(underneath) is requests.Session


def test_an_unpickled_session_still_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy:3128")
    http = ProxyEnvironmentOnce()
    sent(http)
    copy = pickle.loads(pickle.dumps(http))
    assert sent(copy).proxies == {"https": "http://proxy:3128"}
