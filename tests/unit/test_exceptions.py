"""The error model: Nova fault names -> typed exceptions, request ids, messages."""

from __future__ import annotations

from typing import Any

import pytest
import requests_mock
from requests.structures import CaseInsensitiveDict

from novaclient_lite import exceptions as exc
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL


def fault(name: str, code: int, message: str, **extra: Any) -> dict[str, Any]:
    return {name: {"code": code, "message": message, **extra}}


@pytest.mark.parametrize(
    ("status", "name", "cls"),
    [
        (400, "badRequest", exc.BadRequest),
        (401, "unauthorized", exc.Unauthorized),
        (403, "forbidden", exc.Forbidden),
        (404, "itemNotFound", exc.NotFound),
        (405, "badMethod", exc.MethodNotAllowed),
        (409, "conflictingRequest", exc.Conflict),
        (413, "overLimit", exc.OverLimit),
        (415, "badMediaType", exc.UnsupportedMediaType),
        (429, "overLimit", exc.RateLimit),
        (500, "computeFault", exc.InternalServerError),
        (501, "notImplemented", exc.NotImplemented),
        (503, "serviceUnavailable", exc.ServiceUnavailable),
        (418, "computeFault", exc.HTTPException),
    ],
)
def test_fault_names_map_to_classes(status: int, name: str, cls: type[exc.HTTPException]) -> None:
    error = exc.from_response(
        status, CaseInsensitiveDict(), fault(name, status, "boom"), "", "http://c/x", "GET"
    )
    assert type(error) is cls
    assert isinstance(error, exc.ClientException)
    assert (error.code, error.message, error.url, error.method) == (
        status,
        "boom",
        "http://c/x",
        "GET",
    )
    assert str(error) == f"boom (HTTP {status})"


def test_over_limit_reads_retry_after_from_body_and_header() -> None:
    body = fault("overLimit", 413, "Over limit", retryAfter="7")
    error = exc.from_response(413, CaseInsensitiveDict(), body, "", "u", "POST")
    assert isinstance(error, exc.OverLimit) and error.retry_after == 7.0
    error = exc.from_response(
        429,
        CaseInsensitiveDict({"Retry-After": "3"}),
        fault("overLimit", 429, "slow down"),
        "",
        "u",
        "GET",
    )
    assert isinstance(error, exc.RateLimit) and error.retry_after == 3.0
    error = exc.from_response(
        429, CaseInsensitiveDict({"Retry-After": "Wed, 21 Oct 2026"}), None, "", "u", "GET"
    )
    assert isinstance(error, exc.RateLimit) and error.retry_after == 0.0


def test_request_id_prefers_the_global_header() -> None:
    both = CaseInsensitiveDict(
        {"X-Compute-Request-Id": "req-compute", "X-OpenStack-Request-ID": "req-global"}
    )
    assert exc.request_id_from(both) == "req-global"
    assert exc.request_id_from(CaseInsensitiveDict({"x-compute-request-id": "req-c"})) == "req-c"
    assert exc.request_id_from(CaseInsensitiveDict()) is None
    error = exc.from_response(404, both, fault("itemNotFound", 404, "gone"), "", "u", "GET")
    assert error.request_id == "req-global"
    assert str(error) == "gone (HTTP 404) (Request-ID: req-global)"


def test_details_are_kept() -> None:
    error = exc.from_response(
        500,
        CaseInsensitiveDict(),
        fault("computeFault", 500, "oops", details="trace here"),
        "",
        "u",
        "GET",
    )
    assert error.details == "trace here"


def test_non_json_body_becomes_a_short_excerpt() -> None:
    html = "<html><body><h1>502 Bad Gateway</h1>\n<p>" + "x" * 500 + "</p></body></html>"
    error = exc.from_response(502, CaseInsensitiveDict(), None, html, "u", "GET")
    assert isinstance(error, exc.BadGateway)
    assert error.message.startswith("502 Bad Gateway")
    assert "<" not in error.message and len(error.message) <= 200


def test_empty_body_uses_the_default_message() -> None:
    error = exc.from_response(404, CaseInsensitiveDict(), None, "", "u", "GET")
    assert error.message == "Not found"


def test_keystone_error_shape() -> None:
    body = {"error": {"code": 401, "title": "Unauthorized", "message": "bad creds"}}
    error = exc.from_response(401, CaseInsensitiveDict(), body, "", "u", "POST")
    assert isinstance(error, exc.Unauthorized) and error.message == "bad creds"


def test_placement_error_list_shape() -> None:
    body = {
        "errors": [
            {
                "status": 403,
                "title": "Forbidden",
                "request_id": "req-p",
                "detail": "Access was denied to this resource.\n\n Policy does not "
                "allow placement:resource_providers:list to be performed.  ",
            }
        ]
    }
    error = exc.from_response(403, CaseInsensitiveDict(), body, "", "u", "GET")
    assert isinstance(error, exc.Forbidden)
    assert error.message == (
        "Access was denied to this resource. Policy does not allow "
        "placement:resource_providers:list to be performed."
    )
    titled = exc.from_response(
        404, CaseInsensitiveDict(), {"errors": [{"title": "Not Found"}]}, "", "u", "GET"
    )
    assert titled.message == "Not Found"
    for odd in ({"errors": []}, {"errors": ["x"]}, {"errors": [{"code": 1}]}, ["errors"]):
        assert (
            exc.from_response(400, CaseInsensitiveDict(), odd, "", "u", "GET").message
            == "Bad request"
        )


def test_unsupported_attribute_messages() -> None:
    assert (
        exc.UnsupportedAttribute("tags", start="2.52").message
        == "'tags' needs compute API microversion 2.52 or later."
    )
    assert (
        exc.UnsupportedAttribute("rxtx_factor", end="2.101").message
        == "'rxtx_factor' needs compute API microversion 2.101 or earlier."
    )
    assert (
        exc.UnsupportedAttribute("x", "2.32", "2.36").message
        == "'x' needs compute API microversions 2.32 to 2.36."
    )


def test_unsupported_attribute_names_the_session_version_and_a_second_window() -> None:
    error = exc.UnsupportedAttribute("network tag", "2.42", version="2.37", also=("2.32", "2.36"))
    assert str(error) == (
        "'network tag' needs compute API microversion 2.42 or later "
        "(or 2.32 to 2.36). This session uses 2.37."
    )
    assert (error.argument, error.start, error.end, error.version) == (
        "network tag",
        "2.42",
        None,
        "2.37",
    )
    assert error.code is None
    assert (
        exc.UnsupportedAttribute("tag", "2.42", also=("2.32", "2.32")).message
        == "'tag' needs compute API microversion 2.42 or later (or 2.32)."
    )


def test_resource_not_found_is_a_not_found_without_a_status() -> None:
    error = exc.ResourceNotFound("No server with a name or ID of 'x' exists.")
    assert isinstance(error, exc.NotFound) and isinstance(error, exc.ClientException)
    assert error.code is None
    assert str(error) == "No server with a name or ID of 'x' exists."
    assert exc.NotFound("gone").code == 404


def test_validation_error_is_a_command_error() -> None:
    assert issubclass(exc.ValidationError, exc.CommandError)
    assert exc.ValidationError("bad").code is None
    assert repr(exc.NotFound("gone", code=404)) == "NotFound('gone (HTTP 404)')"


@pytest.mark.parametrize(
    ("status", "name", "cls"),
    [
        (400, "badRequest", exc.BadRequest),
        (403, "forbidden", exc.Forbidden),
        (404, "itemNotFound", exc.NotFound),
        (409, "conflictingRequest", exc.Conflict),
        (500, "computeFault", exc.InternalServerError),
    ],
)
def test_errors_raised_through_the_client(
    mock: requests_mock.Mocker, cs: Client, status: int, name: str, cls: type[exc.HTTPException]
) -> None:
    mock.get(
        COMPUTE_URL + "/os-keypairs/k",
        status_code=status,
        json=fault(name, status, f"{name} happened"),
        headers={"x-compute-request-id": "req-c", "x-openstack-request-id": "req-o"},
    )
    with pytest.raises(cls) as info:
        cs.keypairs.get("k")
    assert info.value.message == f"{name} happened"
    assert info.value.request_id == "req-o"
    assert info.value.url == COMPUTE_URL + "/os-keypairs/k" and info.value.method == "GET"
