"""One rule for "the request provably never left", whatever session HTTPClient sends over.

The failures are built the way requests' HTTPAdapter builds them from urllib3's
errors, and raised at the adapter (requests-mock), so keystoneauth1 wraps them
as it does in real life while the token-cache session sees them bare.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import pytest
import requests
import requests_mock
from keystoneauth1 import exceptions as ksa_exc
from keystoneauth1 import session as ksa_session
from keystoneauth1 import token_endpoint
from urllib3.connection import HTTPConnection
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from novaclient_lite import exceptions, transport
from novaclient_lite.api_versions import VersionRequest
from novaclient_lite.http import HTTPClient, RetryPolicy
from novaclient_lite.shell.token_cache import Entry
from novaclient_lite.shell.token_session import RequestsTransport, TokenSession
from tests.unit.support import COMPUTE_URL

URL = COMPUTE_URL + "/servers"
_CONN = HTTPConnection("compute.test", 80)


def _pool_error(reason: Exception) -> MaxRetryError:
    return MaxRetryError(None, "/v2.1/servers", reason)  # type: ignore[arg-type]


def refused() -> Exception:
    return requests.exceptions.ConnectionError(
        _pool_error(
            NewConnectionError(
                _CONN, "Failed to establish a new connection: [Errno 111] Connection refused"
            )
        )
    )


def name_not_resolved() -> Exception:
    return requests.exceptions.ConnectionError(
        _pool_error(
            NameResolutionError(
                "compute.test", _CONN, socket.gaierror(-2, "Name or service not known")
            )
        )
    )


def connect_timeout() -> Exception:
    return requests.exceptions.ConnectTimeout(
        _pool_error(
            ConnectTimeoutError(_CONN, "Connection to compute.test timed out. (connect timeout=5)")
        )
    )


def reset_after_sending() -> Exception:
    return requests.exceptions.ConnectionError(
        ProtocolError("Connection aborted.", ConnectionResetError(104, "Connection reset by peer"))
    )


def read_timeout() -> Exception:
    return requests.exceptions.ReadTimeout(
        ReadTimeoutError(None, "/v2.1/servers", "Read timed out. (read timeout=5)")
    )  # type: ignore[arg-type]


def tls_failure() -> Exception:
    return requests.exceptions.SSLError(
        _pool_error(SSLError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"))
    )


#: failure -> (provably never sent, error class, start of the message)
FAILURES: dict[str, tuple[Callable[[], Exception], bool, type[Exception], str]] = {
    "refused": (refused, True, exceptions.ConnectionError, "Unable to reach " + URL),
    "dns": (name_not_resolved, True, exceptions.ConnectionError, "Unable to reach " + URL),
    "connect-timeout": (
        connect_timeout,
        True,
        exceptions.Timeout,
        f"POST {URL} timed out connecting.",
    ),
    "reset": (
        reset_after_sending,
        False,
        exceptions.ConnectionError,
        f"The connection broke during POST {URL}: ",
    ),
    "read-timeout": (
        read_timeout,
        False,
        exceptions.Timeout,
        f"POST {URL} timed out reading the response.",
    ),
    "tls": (tls_failure, False, exceptions.ConnectionError, f"TLS error talking to {URL}"),
}


def keystoneauth_session() -> Any:
    return ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, "tok-0123456789"))


def token_cache_session() -> Any:
    return TokenSession(
        RequestsTransport(requests.Session(), timeout=5), Entry("tok-0123456789", None, COMPUTE_URL)
    )


@pytest.mark.parametrize(
    "make_session",
    [keystoneauth_session, token_cache_session],
    ids=["keystoneauth1", "token-cache"],
)
@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_post_is_resent_only_when_it_provably_never_left(
    mock: requests_mock.Mocker, make_session: Callable[[], Any], failure: str
) -> None:
    make_error, never_sent, kind, message = FAILURES[failure]
    sleeps: list[float] = []
    api = HTTPClient(
        make_session(),
        version_request=VersionRequest.parse("2"),
        endpoint_override=COMPUTE_URL,
        sleep=sleeps.append,
        retry=RetryPolicy(retries=3, jitter=0),
    )
    matcher = mock.post(URL, [{"exc": make_error()}, {"status_code": 202, "json": {"ok": 1}}])
    if never_sent:
        assert api.post("/servers", json={"server": {}}).body == {"ok": 1}
        assert matcher.call_count == 2 and sleeps == [0.5]
        return
    with pytest.raises(kind) as info:
        api.post("/servers", json={"server": {}})
    assert type(info.value) is kind
    assert str(info.value).startswith(message), str(info.value)
    assert matcher.call_count == 1 and sleeps == []


@pytest.mark.parametrize("failure", list(FAILURES))
def test_the_message_and_the_rule_are_the_same_for_every_session(
    mock: requests_mock.Mocker, failure: str
) -> None:
    make_error, _never_sent, kind, message = FAILURES[failure]
    seen = []
    for make_session in (keystoneauth_session, token_cache_session):
        api = HTTPClient(
            make_session(),
            version_request=VersionRequest.parse("2"),
            endpoint_override=COMPUTE_URL,
            retry=RetryPolicy(retries=0),
        )
        mock.get(URL, exc=make_error())
        with pytest.raises(kind) as info:
            api.get("/servers")
        seen.append(str(info.value).replace("POST", "GET"))
    assert seen[0] == seen[1]
    assert seen[0].startswith(message.replace("POST", "GET"))


@pytest.mark.parametrize("failure", list(FAILURES))
def test_never_sent_reads_through_every_wrapper(failure: str) -> None:
    make_error, never_sent, _kind, _message = FAILURES[failure]
    error = make_error()
    assert transport.never_sent(error) is never_sent
    try:  # keystoneauth1 raises its own error while handling requests' one
        try:
            raise error
        except requests.exceptions.RequestException:
            raise RuntimeError("Unable to establish connection") from None
    except RuntimeError as wrapped:
        assert wrapped.__cause__ is None and wrapped.__context__ is error
        assert transport.never_sent(wrapped) is never_sent


def test_an_adapter_of_ones_own_decides_with_transport_error() -> None:
    assert transport.never_sent(transport.TransportError("x", never_sent=True))
    assert not transport.never_sent(transport.TransportError("x"))
    assert not transport.never_sent(ValueError("Connection refused"))  # not a transport error


def test_short_folds_whitespace_and_cuts() -> None:
    assert transport.short("a\n  b\tc") == "a b c"
    assert transport.short("x" * 400) == "x" * 297 + "..."
    assert transport.reason(refused()) == "[Errno 111] Connection refused"


@pytest.mark.parametrize(
    ("error", "kind", "message"),
    [
        (ksa_exc.ConnectTimeout("slow"), exceptions.Timeout, "GET http://c/x timed out."),
        (
            ksa_exc.SSLError("bad cert"),
            exceptions.ConnectionError,
            "TLS error talking to http://c/x: bad cert",
        ),
        (
            ksa_exc.ConnectFailure("Unable to establish connection: [Errno 113] No route to host"),
            exceptions.ConnectionError,
            "Unable to reach http://c/x: [Errno 113] No route to host",
        ),
        (
            ksa_exc.EndpointNotFound("no compute in RegionTwo"),
            exceptions.EndpointNotFound,
            "No compute endpoint found: no compute in RegionTwo",
        ),
        (
            ksa_exc.AuthorizationFailure("no   scope\n given"),
            exceptions.ClientException,
            "no scope given",
        ),
    ],
)
def test_keystoneauth_errors_without_a_requests_cause(
    error: Exception, kind: type[Exception], message: str
) -> None:
    mapped = transport.as_client_error(error, "GET", "http://c/x")
    assert type(mapped) is kind
    assert mapped.message == message


def test_a_login_refused_by_keystone_keeps_its_status_once() -> None:
    error = ksa_exc.Unauthorized(
        "The request requires authentication.", http_status=401, request_id="req-7"
    )
    assert str(error).endswith("(HTTP 401) (Request-ID: req-7)")  # keystoneauth1's own suffix
    mapped = transport.as_client_error(error, "POST", "the identity service")
    assert isinstance(mapped, exceptions.Unauthorized)
    assert str(mapped).count("(HTTP 401)") == 1 and mapped.request_id == "req-7"


def test_what_is_no_transport_failure_is_raised_as_it_is() -> None:
    bug = KeyError("a programming error")
    with pytest.raises(KeyError) as info:
        transport.as_client_error(bug, "GET", "http://c/x")
    assert info.value is bug
