"""The one session builder: TLS options, user agent and default domains (the shell's use of
it: tests/unit/shell/test_connect_login.py)."""

from __future__ import annotations

from typing import Any

import pytest
import requests_mock

from novaclient_lite import Client, __version__, session
from tests.unit.support import AUTH_URL, COMPUTE_URL


@pytest.mark.parametrize(
    ("given", "verify"),
    [
        ({}, True),
        ({"cacert": "/etc/ca.pem"}, "/etc/ca.pem"),
        ({"insecure": True}, False),
        ({"insecure": True, "cacert": "/etc/ca.pem"}, False),  # --insecure wins
    ],
)
def test_verify(given: dict[str, Any], verify: bool | str) -> None:
    assert session.tls_options(**given)["verify"] == verify


@pytest.mark.parametrize(
    ("given", "cert"),
    [
        ({}, None),
        ({"cert": "/c.pem"}, "/c.pem"),  # one file holding both
        ({"cert": "/c.pem", "key": "/k.pem"}, ("/c.pem", "/k.pem")),
        ({"key": "/k.pem"}, None),  # a key alone is no certificate
        ({"cert": ("/c.pem", "/k.pem")}, ("/c.pem", "/k.pem")),
    ],
)
def test_client_certificate(given: dict[str, Any], cert: Any) -> None:
    assert session.tls_options(**given)["cert"] == cert


def test_user_agent() -> None:
    assert session.user_agent() == f"novaclient-lite/{__version__}"
    assert session.user_agent("nova") == f"nova/{__version__} novaclient-lite/{__version__}"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            {"username": "u", "project_name": "p"},
            {"user_domain_id": "default", "project_domain_id": "default"},
        ),
        (
            {
                "username": "u",
                "project_name": "p",
                "user_domain_name": "U",
                "project_domain_id": "d",
            },
            {"user_domain_name": "U", "project_domain_id": "d"},
        ),
        ({"username": None, "project_name": None}, {}),  # ids need no domain
    ],
)
def test_default_domains(given: dict[str, Any], expected: dict[str, str]) -> None:
    empty = dict.fromkeys(
        ("user_domain_name", "user_domain_id", "project_domain_name", "project_domain_id")
    )
    assert session.default_domains(**given) == {**empty, **expected}


def test_library_client_sends_its_user_agent_and_tls_options(mock: requests_mock.Mocker) -> None:
    cs = Client(
        "2",
        auth_token="t",
        endpoint_override=COMPUTE_URL,
        cacert="/etc/ca.pem",
        cert="/c.pem",
        timeout=7,
    )
    assert (cs.session.verify, cs.session.cert, cs.session.timeout) == ("/etc/ca.pem", "/c.pem", 7)
    matcher = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    cs.flavors.list()
    agent = matcher.last_request.headers["User-Agent"]
    assert agent.startswith(f"novaclient-lite/{__version__} keystoneauth1/"), agent


def login_scope(mock: requests_mock.Mocker) -> tuple[Any, Any]:
    """The user's and the project's domain in the password login that was sent."""
    (login,) = [r for r in mock.request_history if r.url == AUTH_URL + "/auth/tokens"]
    body = login.json()["auth"]
    return (body["identity"]["password"]["user"]["domain"], body["scope"]["project"]["domain"])


def test_library_password_login_uses_the_default_domains(mock: requests_mock.Mocker) -> None:
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    Client("2", username="u", password="p", project_name="p", auth_url=AUTH_URL).flavors.list()
    assert login_scope(mock) == ({"id": "default"}, {"id": "default"})
