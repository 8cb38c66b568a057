"""A hostile connection (refused, reset, stalled, 503, 429) fails fast and typed; POSTs go once."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import pytest
import requests

from novaclient_lite import exceptions, http
from novaclient_lite.http import RetryPolicy
from novaclient_lite.v2.client import Client as ClientV2
from tests.reliability.support import (
    FLAVORS,
    Hostile,
    closed_port,
    drip,
    length_lie,
    one_line,
    raw,
    record_then_stall,
    reply,
    reset_before_answer,
    reset_mid_body,
    stall,
    stall_mid_body,
    within,
)

ONE_FLAVOR = {"flavor": {"id": "1", "name": "m1.tiny", "ram": 512, "vcpus": 1, "disk": 1}}


# -- the connection ------------------------------------------------------------------


def test_connection_refused(make_client: Callable[..., ClientV2]) -> None:
    cs = make_client(endpoint_override=f"http://127.0.0.1:{closed_port()}/v2.1")
    with within(), pytest.raises(exceptions.ConnectionError) as info:
        cs.flavors.list()
    assert "Unable to reach" in one_line(info.value)


def test_connection_refused_post_is_bounded(make_client: Callable[..., ClientV2]) -> None:
    cs = make_client("2", endpoint_override=f"http://127.0.0.1:{closed_port()}/v2.1")
    with within(), pytest.raises(exceptions.ConnectionError) as info:
        cs.api.post("/servers", json={"server": {"name": "x"}})
    one_line(info.value)


def test_reset_mid_body_on_get_is_retried_then_fails(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, reset_mid_body)
    with within(), pytest.raises(exceptions.ConnectionError) as info:
        cs.flavors.list()
    one_line(info.value)
    assert hostile.count("GET", FLAVORS) == 1 + http.RetryPolicy().retries


def test_reset_mid_body_then_success(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, reset_mid_body, reply(200, {"flavors": [ONE_FLAVOR["flavor"]]}))
    with within():
        assert [f.id for f in cs.flavors.list()] == ["1"]
    assert hostile.count("GET", FLAVORS) == 2


def test_reset_after_post_is_not_retried(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("POST", "/v2.1/servers", reset_before_answer)
    with within(), pytest.raises(exceptions.ConnectionError) as info:
        cs.api.post("/servers", json={"server": {"name": "vm"}})
    one_line(info.value)
    assert hostile.count("POST", "/v2.1/servers") == 1


def test_reset_mid_body_after_post_is_not_retried(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("POST", "/v2.1/flavors", reset_mid_body)
    with within(), pytest.raises(exceptions.ConnectionError):
        cs.flavors.create("f", 512, 1, 1)
    assert hostile.count("POST", "/v2.1/flavors") == 1


def test_content_length_lie(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, length_lie)
    with within(), pytest.raises(exceptions.ConnectionError) as info:
        cs.flavors.list()
    one_line(info.value)


def test_server_that_never_answers_times_out(
    hostile: Hostile, make_client: Callable[..., ClientV2]
) -> None:
    cs = make_client(timeout=0.3, retry=RetryPolicy(retries=1, backoff=0.01))
    hostile.on("GET", FLAVORS, stall)
    with within(), pytest.raises(exceptions.Timeout) as info:
        cs.flavors.list()
    assert "timed out" in one_line(info.value)
    assert hostile.count("GET", FLAVORS) == 2  # the GET is retried, boundedly


def test_body_that_trickles_in_hits_the_whole_response_deadline(
    hostile: Hostile, make_client: Callable[..., ClientV2]
) -> None:
    cs = make_client(timeout=0.3, retry=RetryPolicy(retries=2, backoff=0.01))
    hostile.on("GET", FLAVORS, drip)
    started = time.monotonic()
    with within(), pytest.raises(exceptions.Timeout) as info:
        cs.flavors.list()
    elapsed = time.monotonic() - started
    assert "did not arrive in time" in one_line(info.value)
    # The deadline is 5 x the 0.3 s read timeout, each read being quick: it cannot fire
    # sooner, and a loaded machine only adds time, so the lower bound is exact.  The
    # drip would go on for 100 s; within() bounds the end (HANG_BOUND, generous for CI).
    assert elapsed >= 1.5 - 0.01
    assert hostile.count("GET", FLAVORS) == 1  # our own deadline is not retried


def _token_cache_client(hostile: Hostile, timeout: float) -> ClientV2:
    from novaclient_lite import Client
    from novaclient_lite.shell.token_cache import Entry
    from novaclient_lite.shell.token_session import RequestsTransport, TokenSession

    session = TokenSession(
        RequestsTransport(requests.Session(), timeout=timeout),
        Entry("admin:admin", None, hostile.endpoint),
    )
    return Client("2.1", session=session, timeout=timeout, retry=RetryPolicy(retries=0))


@pytest.mark.parametrize("via", ["keystoneauth1", "token-cache"])
def test_body_that_stalls_midway_is_a_read_timeout(
    hostile: Hostile, make_client: Callable[..., ClientV2], via: str
) -> None:
    """Not a broken connection: the server is alive but went quiet (requests says
    ConnectionError for a read timeout while the body streams)."""
    cs = (
        make_client(timeout=0.3, retry=RetryPolicy(retries=0))
        if via == "keystoneauth1"
        else _token_cache_client(hostile, 0.3)
    )
    hostile.on("GET", FLAVORS, stall_mid_body)
    started = time.monotonic()
    with within(), pytest.raises(exceptions.Timeout) as info:
        cs.flavors.list()
    assert type(info.value) is exceptions.Timeout
    assert one_line(info.value) == (
        f"GET {hostile.endpoint}/flavors/detail timed out reading the response."
    )
    assert time.monotonic() - started < 1.2  # the 0.3 s read timeout, not the 1.5 s deadline
    assert hostile.count("GET", FLAVORS) == 1


def test_discovery_that_never_answers_times_out(
    hostile: Hostile, make_client: Callable[..., ClientV2]
) -> None:
    cs = make_client(timeout=0.3, retry=RetryPolicy(retries=0))
    hostile.on("GET", "/v2.1/", stall)
    with within(), pytest.raises(exceptions.Timeout):
        cs.flavors.list()


def test_post_recorded_then_stalled_is_sent_once(
    hostile: Hostile, make_client: Callable[..., ClientV2]
) -> None:
    """The create may have happened: a retry could make a second server."""
    cs = make_client(timeout=0.5)
    hostile.on("POST", "/v2.1/servers", record_then_stall)
    hostile.on("POST", "/v2.1/servers/abc/action", record_then_stall)
    hostile.on("POST", "/v2.1/flavors", record_then_stall)
    with within(), pytest.raises(exceptions.Timeout) as info:
        cs.api.post("/servers", json={"server": {"name": "vm", "imageRef": "i", "flavorRef": "1"}})
    one_line(info.value)
    with within(), pytest.raises(exceptions.Timeout):
        cs.api.post("/servers/abc/action", json={"createBackup": {"name": "b"}})
    with within(), pytest.raises(exceptions.Timeout):
        cs.flavors.create("f", 512, 1, 1)
    assert hostile.count("POST", "/v2.1/servers") == 1
    assert hostile.count("POST", "/v2.1/servers/abc/action") == 1
    assert hostile.count("POST", "/v2.1/flavors") == 1


def test_default_timeout_is_set() -> None:
    from novaclient_lite import Client

    cs = Client("2", auth_token="t", endpoint_override="http://127.0.0.1:9/v2.1")
    assert cs.api.timeout == http.DEFAULT_TIMEOUT == 60.0
    cs = Client("2", auth_token="t", endpoint_override="http://127.0.0.1:9/v2.1", timeout=7)
    assert cs.api.timeout == 7


def test_session_timeout_is_kept() -> None:
    from keystoneauth1 import session as ksa_session
    from keystoneauth1 import token_endpoint

    from novaclient_lite import Client

    sess = ksa_session.Session(auth=token_endpoint.Token("http://x/v2.1", "t"), timeout=12)
    assert Client("2", session=sess).api.timeout == 12


# -- retries ----------------------------------------------------------------------------


def test_503_twice_then_200_on_get(hostile: Hostile, cs: ClientV2) -> None:
    busy = reply(503, {"serviceUnavailable": {"code": 503, "message": "busy"}})
    hostile.on("GET", FLAVORS, busy, busy, reply(200, {"flavors": [ONE_FLAVOR["flavor"]]}))
    with within():
        assert [f.id for f in cs.flavors.list()] == ["1"]
    assert hostile.count("GET", FLAVORS) == 3


def test_retries_are_bounded(hostile: Hostile, make_client: Callable[..., ClientV2]) -> None:
    cs = make_client(retry=RetryPolicy(retries=2, backoff=0.01))
    hostile.on("GET", FLAVORS, raw(504, b"gateway timeout"))
    with within(), pytest.raises(exceptions.GatewayTimeout):
        cs.flavors.list()
    assert hostile.count("GET", FLAVORS) == 3


def test_no_retries_policy(hostile: Hostile, make_client: Callable[..., ClientV2]) -> None:
    cs = make_client(retry=http.NO_RETRIES)
    hostile.on("GET", FLAVORS, raw(503, b"busy"))
    with pytest.raises(exceptions.ServiceUnavailable):
        cs.flavors.list()
    assert hostile.count("GET", FLAVORS) == 1


def test_503_on_post_is_not_retried(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("POST", "/v2.1/flavors", raw(503, b"busy"), reply(200, ONE_FLAVOR))
    with within(), pytest.raises(exceptions.ServiceUnavailable) as info:
        cs.flavors.create("f", 512, 1, 1)
    one_line(info.value)
    assert hostile.count("POST", "/v2.1/flavors") == 1


def test_429_retry_after_1_then_200(hostile: Hostile) -> None:
    """The server's Retry-After is honoured: the injected sleep is asked for exactly
    1 s (not the 0.5 s backoff), so no real second passes and no clock is read."""
    from keystoneauth1 import session as ksa_session
    from keystoneauth1 import token_endpoint

    from novaclient_lite.api_versions import VersionRequest

    limited = reply(
        429,
        {"overLimit": {"code": 429, "message": "slow down", "retryAfter": "1"}},
        {"Retry-After": "1"},
    )
    hostile.on("GET", FLAVORS, limited, reply(200, {"flavors": []}))
    sleeps: list[float] = []
    api = http.HTTPClient(
        ksa_session.Session(auth=token_endpoint.Token(hostile.endpoint, "admin:admin")),
        version_request=VersionRequest.parse("2.1"),
        endpoint_override=hostile.endpoint,
        timeout=2.0,
        sleep=sleeps.append,
    )
    with within():
        assert api.get("/flavors/detail").body == {"flavors": []}
    assert sleeps == [1.0]
    assert hostile.count("GET", FLAVORS) == 2


def test_429_on_post_is_retried_after_retry_after(hostile: Hostile, cs: ClientV2) -> None:
    """A 429 means the server did not act, so even a create may be sent again."""
    limited = reply(429, {"overLimit": {"code": 429, "message": "slow down"}}, {"Retry-After": "0"})
    hostile.on("POST", "/v2.1/flavors", limited, reply(200, ONE_FLAVOR))
    with within():
        assert cs.flavors.create("m1.tiny", 512, 1, 1).id == "1"
    assert hostile.count("POST", "/v2.1/flavors") == 2


def test_429_with_long_retry_after_is_not_waited(hostile: Hostile, cs: ClientV2) -> None:
    limited = reply(
        429, {"overLimit": {"code": 429, "message": "slow down"}}, {"Retry-After": "3600"}
    )
    hostile.on("GET", FLAVORS, limited)
    with within(), pytest.raises(exceptions.RateLimit) as info:
        cs.flavors.list()
    assert info.value.retry_after == 3600
    assert "slow down" in one_line(info.value)
    assert hostile.count("GET", FLAVORS) == 1


def test_413_without_retry_after_is_not_retried(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on(
        "POST",
        "/v2.1/flavors",
        reply(413, {"overLimit": {"code": 413, "message": "Quota exceeded"}}),
    )
    with within(), pytest.raises(exceptions.OverLimit):
        cs.flavors.create("f", 512, 1, 1)
    assert hostile.count("POST", "/v2.1/flavors") == 1


def test_retry_policy_is_in_debug_log(
    hostile: Hostile, cs: ClientV2, caplog: pytest.LogCaptureFixture
) -> None:
    hostile.on("GET", FLAVORS, raw(503, b"busy"), reply(200, {"flavors": []}))
    with caplog.at_level(logging.DEBUG, logger="novaclient_lite"):
        cs.flavors.list()
    assert "retry 1/3 of GET" in caplog.text and "HTTP 503" in caplog.text


def test_many_concurrent_failures_do_not_hang(hostile: Hostile, cs: ClientV2) -> None:
    from concurrent.futures import ThreadPoolExecutor

    hostile.on("GET", "/v2.1/flavors/1", reset_mid_body)
    cs.api_version  # noqa: B018 - negotiate once before the threads
    with within(), ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: _catch(lambda: cs.flavors.get("1")), range(16)))
    assert all(isinstance(r, exceptions.ConnectionError) for r in results)


def _catch(call: Callable[[], object]) -> object:
    try:
        return call()
    except Exception as exc:
        return exc


def test_built_session_has_the_default_timeout() -> None:
    """Keystone's requests go through the session, not the HTTP layer: it needs one too."""
    from novaclient_lite import Client

    cs = Client("2", username="u", password="p", project_name="p", auth_url="http://127.0.0.1:9/v3")
    assert cs.session.timeout == http.DEFAULT_TIMEOUT


def test_keystone_that_never_answers_times_out(
    hostile: Hostile, make_client: Callable[..., ClientV2]
) -> None:
    hostile.on("GET", "/identity/v3", stall)
    hostile.on("POST", "/identity/v3/auth/tokens", stall)
    cs = make_client(
        auth_token=None,
        endpoint_override=None,
        username="u",
        password="p",
        project_name="p",
        auth_url=hostile.url + "/identity/v3",
        timeout=0.3,
        retry=RetryPolicy(retries=0),
    )
    with within(), pytest.raises(exceptions.ClientException) as info:
        cs.flavors.list()
    assert "timed out" in one_line(info.value)


def test_the_deadline_watchdog_keeps_no_state_for_finished_requests(
    hostile: Hostile, cs: ClientV2
) -> None:
    from novaclient_lite._deadline import WATCHDOG

    hostile.on("GET", FLAVORS, reply(200, {"flavors": [ONE_FLAVOR["flavor"]]}))
    for _ in range(50):
        cs.flavors.list()
    assert WATCHDOG._heap == [] and WATCHDOG._live == {}
