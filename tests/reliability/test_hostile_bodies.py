"""What a hostile endpoint answers (bodies, error pages, redirects, versions): one typed line."""

from __future__ import annotations

import pytest

from novaclient_lite import exceptions, http
from novaclient_lite.v2.client import Client as ClientV2
from tests.reliability.support import (
    FLAVORS,
    LB_PAGE,
    Hostile,
    gzip_bomb,
    huge_chunked,
    huge_declared,
    one_line,
    raw,
    redirect,
    reply,
    version_document,
    within,
)

ONE_FLAVOR = {"flavor": {"id": "1", "name": "m1.tiny", "ram": 512, "vcpus": 1, "disk": 1}}


# -- bodies that are not the documented JSON ----------------------------------------


def test_html_body_on_200_is_invalid_response(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, raw(200, b"<html><body><h1>Welcome</h1> to nginx</body></html>"))
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.list()
    text = one_line(info.value)
    assert "Expected JSON" in text and "Welcome to nginx" in text


def test_truncated_json_is_invalid_response(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on(
        "GET", FLAVORS, raw(200, b'{"flavors": [{"id": "1", "na', content_type="application/json")
    )
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.list()
    one_line(info.value)
    assert hostile.count("GET", FLAVORS) == 1  # a bad body is not retried


def test_absurdly_nested_json_is_invalid_response(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, raw(200, b"[" * 200_000, content_type="application/json"))
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.list()
    one_line(info.value)


def test_unknown_charset_on_error_page(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on(
        "GET", "/v2.1/flavors/1", raw(500, b"<p>boom</p>", content_type="text/html; charset=banana")
    )
    with within(), pytest.raises(exceptions.InternalServerError) as info:
        cs.flavors.get("1")
    assert "boom" in one_line(info.value)


@pytest.mark.parametrize(
    ("doc", "call"),
    [
        ([], "list"),
        ({"flavors": {"id": "1"}}, "list"),
        ({"flavors": [1, 2]}, "list"),
        ({"flavors": [["id", "1"]]}, "list"),
        ({"flavors": [{"id": {"x": 1}}]}, "list"),
        ({"flavors": [{"id": [1]}]}, "list"),
        ({"flavors": "none"}, "list"),
        ({}, "get"),
        ([ONE_FLAVOR], "get"),
        ({"flavor": ["id", "1"]}, "get"),
        ({"flavor": None}, "get"),
        (None, "get"),
    ],
)
def test_wrong_json_shape_is_invalid_response(
    hostile: Hostile, cs: ClientV2, doc: object, call: str
) -> None:
    hostile.on("GET", FLAVORS, reply(200, doc))
    hostile.on("GET", "/v2.1/flavors/1", reply(200, doc))
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.list() if call == "list" else cs.flavors.get("1")
    one_line(info.value)


def test_missing_id_and_name_is_still_an_object(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, reply(200, {"flavors": [{"ram": 1}, {"ram": 2}]}))
    flavors = cs.flavors.list()
    assert [f.ram for f in flavors] == [1, 2] and flavors[0].id is None
    with pytest.raises(AttributeError):
        _ = flavors[0].name


def test_empty_body_on_get_is_invalid_response(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", "/v2.1/flavors/1", raw(200, b"", content_type="application/json"))
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.get("1")
    assert "'flavor'" in one_line(info.value)


# -- error pages -------------------------------------------------------------------


def test_html_502_from_load_balancer(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, raw(502, LB_PAGE, {"X-OpenStack-Request-ID": "req-lb-1"}))
    with within(), pytest.raises(exceptions.BadGateway) as info:
        cs.flavors.list()
    text = one_line(info.value)
    assert text.startswith("502 Bad Gateway")
    assert "(HTTP 502)" in text and "req-lb-1" in text
    assert hostile.count("GET", FLAVORS) == 1 + http.RetryPolicy().retries


def test_nova_fault_message_is_one_line(hostile: Hostile, cs: ClientV2) -> None:
    fault = {
        "badRequest": {"code": 400, "message": "Invalid input\n  for field\tname:\r\n too long"}
    }
    hostile.on("GET", FLAVORS, reply(400, fault, {"X-Compute-Request-Id": "req-abc"}))
    with within(), pytest.raises(exceptions.BadRequest) as info:
        cs.flavors.list()
    assert one_line(info.value) == (
        "Invalid input for field name: too long (HTTP 400) (Request-ID: req-abc)"
    )


def test_huge_fault_message_is_cut(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, reply(409, {"conflictingRequest": {"message": "x" * 100_000}}))
    with within(), pytest.raises(exceptions.Conflict) as info:
        cs.flavors.list()
    one_line(info.value)


# -- redirects -------------------------------------------------------------------------


def test_redirect_loop(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, redirect(FLAVORS))
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.list()
    assert "redirect" in one_line(info.value)
    assert hostile.count("GET", FLAVORS) == 1 + http.MAX_REDIRECTS


def test_same_host_redirect_is_followed(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, redirect("/v2.1/moved?minRam=1", 301))
    hostile.on("GET", "/v2.1/moved", reply(200, {"flavors": [ONE_FLAVOR["flavor"]]}))
    assert [f.id for f in cs.flavors.list()] == ["1"]


def test_redirect_to_another_host_is_refused(hostile: Hostile, cs: ClientV2) -> None:
    """Following it would hand the token to that host."""
    other = Hostile()
    try:
        target = f"http://localhost:{other.port}/steal"
        hostile.on("GET", FLAVORS, redirect(target, 307))
        with within(), pytest.raises(exceptions.InvalidResponse) as info:
            cs.flavors.list()
        assert "another host" in one_line(info.value)
        assert other.requests == []
    finally:
        other.close()


def test_redirect_without_location(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, raw(302, b""))
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.list()
    assert "302" in one_line(info.value)


# -- huge bodies -----------------------------------------------------------------------


def test_huge_declared_body_is_refused_unread(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", FLAVORS, huge_declared)
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.list()
    assert "larger than" in one_line(info.value)
    assert hostile.count("GET", FLAVORS) == 1


def test_50mb_chunked_body_is_cut_at_the_limit(hostile: Hostile, cs: ClientV2) -> None:
    cs.api.max_body_bytes = 1024 * 1024
    hostile.on("GET", FLAVORS, huge_chunked(50 * 1024 * 1024))
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.list()
    assert "larger than the 1048576 bytes" in one_line(info.value)


def test_a_small_gzip_body_that_inflates_past_the_limit_is_cut(
    hostile: Hostile, cs: ClientV2
) -> None:
    # Its declared length is small: only the inflated bytes can be held to the limit.
    cs.api.max_body_bytes = 1024 * 1024
    hostile.on("GET", FLAVORS, gzip_bomb(20 * 1024 * 1024))
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.list()
    assert "larger than the 1048576 bytes" in one_line(info.value)


def test_default_body_limit_is_bounded() -> None:
    assert 16 * 1024 * 1024 <= http.MAX_BODY_BYTES <= 256 * 1024 * 1024


# -- the version document --------------------------------------------------------------


@pytest.mark.parametrize(
    "doc",
    [
        {"version": {"version": "banana"}},
        {"version": {"version": "2.104", "min_version": "x"}},
        {"version": "2.1"},
        {"versions": "all"},
        {"versions": [1, 2]},
        [],
    ],
)
def test_unexpected_version_document(hostile: Hostile, cs: ClientV2, doc: object) -> None:
    hostile.on("GET", "/v2.1/", reply(200, doc))
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.list()
    one_line(info.value)
    assert hostile.count("GET", FLAVORS) == 0


def test_version_document_out_of_range(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", "/v2.1/", reply(200, version_document("2.0")))
    with within(), pytest.raises(exceptions.UnsupportedVersion) as info:
        cs.flavors.list()
    one_line(info.value)


def test_version_document_html(hostile: Hostile, cs: ClientV2) -> None:
    hostile.on("GET", "/v2.1/", raw(200, b"<html>It works!</html>"))
    with within(), pytest.raises(exceptions.InvalidResponse) as info:
        cs.flavors.list()
    assert "It works!" in one_line(info.value)
