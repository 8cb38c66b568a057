"""The HTTP choke point: retries, headers, parsing, redacted logging."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
import requests
import requests_mock
from keystoneauth1 import session as ksa_session
from keystoneauth1 import token_endpoint

from novaclient_lite import exceptions
from novaclient_lite.api_versions import APIVersion, ServerVersions, VersionRequest
from novaclient_lite.http import (
    MAX_BODY_BYTES,
    NO_RETRIES,
    HTTPClient,
    RetryPolicy,
    new_request_id,
)
from novaclient_lite.v2.client import Client
from tests.unit.support import AUTH_URL, COMPUTE_URL, TOKEN, version_document
from tests.unit.v2.helpers import body_of

URL = COMPUTE_URL + "/servers"


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def api(mock: requests_mock.Mocker, sleeps: list[float]) -> HTTPClient:
    session = ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, "static-token-12345"))
    return HTTPClient(
        session,
        version_request=VersionRequest.parse("2.50"),
        endpoint_override=COMPUTE_URL,
        sleep=sleeps.append,
        retry=RetryPolicy(retries=3, backoff=0.5),
    )


def test_get_retried_on_503_then_succeeds(
    mock: requests_mock.Mocker, api: HTTPClient, sleeps: list[float]
) -> None:
    matcher = mock.get(
        URL,
        [
            {"status_code": 503, "json": {}},
            {"status_code": 503, "json": {}},
            {"status_code": 200, "json": {"servers": []}},
        ],
    )
    assert api.get("/servers").body == {"servers": []}
    assert matcher.call_count == 3
    assert len(sleeps) == 2 and 0.4 <= sleeps[0] <= 0.6 and 0.8 <= sleeps[1] <= 1.2


def test_backoff_doubles_up_to_the_cap(mock: requests_mock.Mocker, sleeps: list[float]) -> None:
    session = ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, "t0123456789"))
    api = HTTPClient(
        session,
        version_request=VersionRequest.parse("2"),
        endpoint_override=COMPUTE_URL,
        sleep=sleeps.append,
        retry=RetryPolicy(retries=6, backoff=0.5, max_backoff=3.0, jitter=0),
    )
    matcher = mock.get(URL, status_code=503, json={})
    with pytest.raises(exceptions.ServiceUnavailable):
        api.get("/servers")
    assert matcher.call_count == 7
    assert sleeps == [0.5, 1.0, 2.0, 3.0, 3.0, 3.0]


def test_default_backoff_jitter_stays_within_a_fifth() -> None:
    policy = RetryPolicy()
    for attempt, base in ((1, 0.5), (2, 1.0), (5, 8.0), (9, 8.0)):
        delays = {policy.delay(attempt) for _ in range(50)}
        assert all(0.8 * base <= d <= 1.2 * base for d in delays), delays
        assert len(delays) > 1  # jittered, so that clients do not retry in lockstep


def test_get_gives_up_after_the_retries(
    mock: requests_mock.Mocker, api: HTTPClient, sleeps: list[float]
) -> None:
    matcher = mock.get(
        URL, status_code=503, json={"serviceUnavailable": {"code": 503, "message": "busy"}}
    )
    with pytest.raises(exceptions.ServiceUnavailable, match="busy"):
        api.get("/servers")
    assert matcher.call_count == 4 and len(sleeps) == 3


def test_post_never_retried_on_503(
    mock: requests_mock.Mocker, api: HTTPClient, sleeps: list[float]
) -> None:
    matcher = mock.post(URL, status_code=503, json={})
    with pytest.raises(exceptions.ServiceUnavailable):
        api.post("/servers", json={"server": {}})
    assert matcher.call_count == 1 and sleeps == []


def test_get_retried_on_read_timeout(
    mock: requests_mock.Mocker, api: HTTPClient, sleeps: list[float]
) -> None:
    matcher = mock.get(
        URL, [{"exc": requests.exceptions.ReadTimeout("slow")}, {"json": {"servers": []}}]
    )
    api.get("/servers")
    assert matcher.call_count == 2


def test_429_with_short_retry_after_waits_that_long(
    mock: requests_mock.Mocker, api: HTTPClient, sleeps: list[float]
) -> None:
    matcher = mock.post(
        URL,
        [
            {
                "status_code": 429,
                "headers": {"Retry-After": "2"},
                "json": {"overLimit": {"code": 429, "message": "slow down", "retryAfter": "2"}},
            },
            {"status_code": 202, "json": {"ok": True}},
        ],
    )
    assert api.post("/servers", json={}).body == {"ok": True}
    assert matcher.call_count == 2 and sleeps == [2.0]


def test_429_with_long_retry_after_is_raised(
    mock: requests_mock.Mocker, api: HTTPClient, sleeps: list[float]
) -> None:
    mock.get(
        URL,
        status_code=429,
        headers={"Retry-After": "3600"},
        json={"overLimit": {"code": 429, "message": "slow down"}},
    )
    with pytest.raises(exceptions.RateLimit) as info:
        api.get("/servers")
    assert info.value.retry_after == 3600.0 and sleeps == []


def test_413_without_retry_after_is_not_retried(
    mock: requests_mock.Mocker, api: HTTPClient, sleeps: list[float]
) -> None:
    matcher = mock.get(URL, status_code=413, json={"overLimit": {"code": 413, "message": "big"}})
    with pytest.raises(exceptions.OverLimit):
        api.get("/servers")
    assert matcher.call_count == 1 and sleeps == []


def test_no_retries_policy(mock: requests_mock.Mocker) -> None:
    session = ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, "t0123456789"))
    api = HTTPClient(
        session,
        version_request=VersionRequest.parse("2"),
        endpoint_override=COMPUTE_URL,
        retry=NO_RETRIES,
    )
    matcher = mock.get(URL, status_code=503, json={})
    with pytest.raises(exceptions.ServiceUnavailable):
        api.get("/servers")
    assert matcher.call_count == 1


def test_request_headers(mock: requests_mock.Mocker, api: HTTPClient) -> None:
    mock.get(COMPUTE_URL + "/", json=version_document())
    matcher = mock.post(URL, json={}, headers={"x-openstack-request-id": "req-1"})
    response = api.post("/servers", json={"a": 1})
    headers = matcher.last_request.headers
    assert headers["Accept"] == "application/json"
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Auth-Token"] == "static-token-12345"
    assert headers["X-OpenStack-Nova-API-Version"] == "2.50"
    assert headers["OpenStack-API-Version"] == "compute 2.50"
    assert response.request_ids == ["req-1"] and response.request_id == "req-1"
    assert body_of(matcher.last_request) == {"a": 1}


def test_caller_headers_replace_the_clients_own_in_any_case(
    mock: requests_mock.Mocker, api: HTTPClient
) -> None:
    """``nova api -H``: a JSON-patch content type or another microversion is sent as given."""
    held: list[Any] = []
    api.dry_run = held.append
    with pytest.raises(exceptions.RequestNotSent):
        api.request(
            "PATCH",
            "/servers/x",
            json=[],
            headers={
                "content-type": "application/json-patch+json",
                "openstack-api-version": "compute 2.1",
            },
        )
    assert held[0].headers == {
        "Accept": "application/json",
        "X-OpenStack-Nova-API-Version": "2.50",
        "content-type": "application/json-patch+json",
        "openstack-api-version": "compute 2.1",
    }
    api.dry_run = None
    matcher = mock.patch(URL + "/x", json={})
    api.request("PATCH", "/servers/x", json=[], headers={"content-type": "application/x-test"})
    assert matcher.last_request.headers["Content-Type"] == "application/x-test"


def test_global_request_id(mock: requests_mock.Mocker) -> None:
    session = ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, "t0123456789"))
    rid = new_request_id()
    assert rid.startswith("req-") and len(rid) == 40
    api = HTTPClient(
        session,
        version_request=VersionRequest.parse("2"),
        endpoint_override=COMPUTE_URL,
        global_request_id=rid,
    )
    matcher = mock.get(URL, json={})
    api.get("/servers")
    assert matcher.last_request.headers["X-OpenStack-Request-ID"] == rid


def test_non_json_success_is_invalid_response(mock: requests_mock.Mocker, api: HTTPClient) -> None:
    mock.get(URL, text="<html>proxy login</html>", headers={"x-compute-request-id": "r9"})
    with pytest.raises(exceptions.InvalidResponse, match="proxy login") as info:
        api.get("/servers")
    assert info.value.request_id == "r9"


def test_empty_success_body_is_none(mock: requests_mock.Mocker, api: HTTPClient) -> None:
    mock.delete(URL + "/1", status_code=204)
    assert api.delete("/servers/1").body is None


def test_a_whitespace_success_body_is_none(mock: requests_mock.Mocker, api: HTTPClient) -> None:
    mock.post(URL + "/1/action", status_code=202, content=b" \r\n\t ")
    assert api.post("/servers/1/action", json={"os-stop": None}).body is None


def test_a_raised_body_limit_is_honoured(mock: requests_mock.Mocker, api: HTTPClient) -> None:
    api.max_body_bytes = MAX_BODY_BYTES + 1024
    big = b'{"servers": []}' + b" " * MAX_BODY_BYTES  # whitespace: cheap to parse
    mock.get(URL, content=big, headers={"Content-Type": "application/json"})
    assert api.get("/servers").body == {"servers": []}


def test_a_lowered_body_limit_is_enforced(mock: requests_mock.Mocker, api: HTTPClient) -> None:
    api.max_body_bytes = 100
    mock.get(URL, content=b'{"servers": []}' + b" " * 100)
    with pytest.raises(exceptions.InvalidResponse, match="larger than the 100 bytes allowed"):
        api.get("/servers")


def test_server_versions_can_be_set_instead_of_discovered(mock: requests_mock.Mocker) -> None:
    session = ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, "t0123456789"))
    api = HTTPClient(
        session, version_request=VersionRequest.parse("auto"), endpoint_override=COMPUTE_URL
    )
    assert api.known_server_versions is None
    known = ServerVersions(APIVersion(2, 1), APIVersion(2, 42))
    api.server_versions = known
    matcher = mock.get(URL, json={"servers": []})
    api.get("/servers")
    assert [r.url for r in mock.request_history] == [URL]  # no discovery GET
    assert matcher.last_request.headers["X-OpenStack-Nova-API-Version"] == "2.42"
    assert api.server_versions is known and api.known_server_versions is known
    api.server_versions = ServerVersions(APIVersion(2, 1), APIVersion(2, 30))
    assert str(api.api_version) == "2.30"  # negotiated again against the new range


def test_secrets_never_reach_the_debug_log(
    mock: requests_mock.Mocker, cs: Client, caplog: pytest.LogCaptureFixture
) -> None:
    mock.post(URL, status_code=202, json={"server": {"id": "s1", "adminPass": "Returned-Secret-1"}})
    mock.post(URL + "/s1/action", json={"adminPass": "Rescue-Secret-2"})
    with caplog.at_level(logging.DEBUG):
        cs.servers.create("vm1", "img", "1", admin_pass="Sent-Secret-3", user_data="secret-ud")
        cs.servers.rescue("s1", password="Sent-Secret-4")
    text = caplog.text
    assert "REQ: POST" in text and "RESP: [202]" in text  # logging did happen
    for secret in (
        "Returned-Secret-1",
        "Rescue-Secret-2",
        "Sent-Secret-3",
        "Sent-Secret-4",
        "secret-password",
        "c2VjcmV0LXVk",
    ):
        assert secret not in text
    assert TOKEN not in text


def test_error_bodies_are_logged_redacted(
    mock: requests_mock.Mocker, cs: Client, caplog: pytest.LogCaptureFixture
) -> None:
    mock.post(URL, status_code=400, json={"badRequest": {"code": 400, "message": "bad"}})
    with caplog.at_level(logging.DEBUG), pytest.raises(exceptions.BadRequest):
        cs.servers.create("vm1", "img", "1", admin_pass="Sent-Secret-5")
    assert "Sent-Secret-5" not in caplog.text


def test_any_logged_request_redacts_password_keys(
    mock: requests_mock.Mocker, api: HTTPClient, caplog: pytest.LogCaptureFixture
) -> None:
    mock.post(URL, json={"token": {"id": "tok-xyz-123456"}})
    body: dict[str, Any] = {"auth": {"password": "pw-999999", "nested": [{"token": "tk-8888"}]}}
    with caplog.at_level(logging.DEBUG):
        api.post("/servers", json=body)
    for secret in ("pw-999999", "tk-8888", "static-token-12345"):
        assert secret not in caplog.text


def test_login_rejected_names_401_once(
    mock: requests_mock.Mocker, make_client: Callable[..., Client]
) -> None:
    mock.post(
        AUTH_URL + "/auth/tokens",
        status_code=401,
        headers={"x-openstack-request-id": "req-login-1"},
        json={
            "error": {
                "code": 401,
                "title": "Unauthorized",
                "message": "The request you have made requires authentication.",
            }
        },
    )
    cs = make_client("2.1")
    with pytest.raises(exceptions.Unauthorized) as info:
        cs.flavors.list()
    text = str(info.value)
    assert text.count("(HTTP 401)") == 1, text
    assert text.endswith("(HTTP 401) (Request-ID: req-login-1)"), text
    assert info.value.code == 401
    assert not [r for r in mock.request_history if r.url.startswith(COMPUTE_URL)]
