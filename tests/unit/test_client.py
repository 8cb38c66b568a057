"""The Client factory: positional credentials, session=, token + endpoint."""

from __future__ import annotations

import json

import pytest
import requests_mock
from keystoneauth1 import session as ksa_session
from keystoneauth1 import token_endpoint

from novaclient_lite import Client, exceptions
from novaclient_lite.api_versions import APIVersion
from novaclient_lite.v2.client import Client as ClientV2
from tests.unit.support import AUTH_URL, COMPUTE_URL, TOKEN


def identity_requests(m: requests_mock.Mocker) -> list[str]:
    return [f"{r.method} {r.url}" for r in m.request_history if r.url.startswith(AUTH_URL)]


def test_positional_form_logs_in_with_those_credentials(mock: requests_mock.Mocker) -> None:
    flavors = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    cs = Client("2", "alice", "pa55word", "demo", AUTH_URL)
    assert isinstance(cs, ClientV2)
    cs.flavors.list()
    login = next(r for r in mock.request_history if r.url.endswith("/auth/tokens"))
    auth = json.loads(login.body)["auth"]
    user = auth["identity"]["password"]["user"]
    assert (user["name"], user["password"], user["domain"]) == (
        "alice",
        "pa55word",
        {"id": "default"},
    )
    # python-novaclient's fourth positional is the project *id* (keystoneauth1's project_id).
    assert auth["scope"]["project"] == {"id": "demo"}
    assert flavors.last_request.headers["X-Auth-Token"] == TOKEN


def test_keyword_credentials_and_domains(mock: requests_mock.Mocker) -> None:
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    Client(
        "2",
        username="bob",
        password="pw",
        project_id="p-1",
        auth_url=AUTH_URL,
        user_domain_name="corp",
    ).flavors.list()
    login = next(r for r in mock.request_history if r.url.endswith("/auth/tokens"))
    auth = json.loads(login.body)["auth"]
    assert auth["identity"]["password"]["user"]["domain"] == {"name": "corp"}
    assert auth["scope"]["project"] == {"id": "p-1"}


def test_session_path_uses_the_given_session(mock: requests_mock.Mocker) -> None:
    session = ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, "sess-token-1"))
    flavors = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    cs = Client("2.60", session=session)
    assert cs.session is session
    cs.flavors.list()
    assert flavors.last_request.headers["X-Auth-Token"] == "sess-token-1"
    assert identity_requests(mock) == []
    assert cs.api_version == APIVersion(2, 60)


def test_token_and_endpoint_need_no_keystone(mock: requests_mock.Mocker) -> None:
    flavors = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    cs = Client("auto", auth_token="pre-issued-token", endpoint_override=COMPUTE_URL)
    cs.flavors.list()
    assert flavors.last_request.headers["X-Auth-Token"] == "pre-issued-token"
    assert identity_requests(mock) == []
    assert "compute.test" in repr(cs)


def test_too_many_or_duplicate_positional_arguments() -> None:
    with pytest.raises(TypeError, match="positional arguments"):
        Client("2", "u", "p", "proj", AUTH_URL, "extra")
    with pytest.raises(TypeError, match="multiple values for argument 'username'"):
        Client("2", "u", username="again")


def test_missing_credentials() -> None:
    with pytest.raises(ValueError, match="auth_url"):
        Client("2")
    with pytest.raises(ValueError, match=r"username \(or user_id\) and password"):
        Client("2", auth_url=AUTH_URL, project_name="p")


def test_bad_version() -> None:
    with pytest.raises(exceptions.UnsupportedVersion):
        Client("3.1", "u", "p", "proj", AUTH_URL)


def test_every_manager_is_attached() -> None:
    cs = Client("2", auth_token="t", endpoint_override=COMPUTE_URL)
    for name in (
        "servers",
        "flavors",
        "keypairs",
        "limits",
        "availability_zones",
        "server_groups",
        "quotas",
        "versions",
    ):
        assert getattr(cs, name).api is cs.api
