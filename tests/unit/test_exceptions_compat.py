"""python-novaclient's exception names: scripts' ``except`` clauses catch what we raise."""

from __future__ import annotations

import pytest
import requests
import requests_mock

from novaclient_lite import Client, exceptions
from novaclient_lite.http import NO_RETRIES
from tests.unit.support import COMPUTE_URL

#: python-novaclient 18.13.1 novaclient/exceptions.py: every public class.
PNC_NAMES = (
    "UnsupportedVersion",
    "UnsupportedConsoleType",
    "UnsupportedAttribute",
    "CommandError",
    "NoUniqueMatch",
    "ResourceInErrorState",
    "VersionNotFoundForAPIMethod",
    "InstanceInDeletedState",
    "ClientException",
    "RetryAfterException",
    "BadRequest",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "MethodNotAllowed",
    "NotAcceptable",
    "Conflict",
    "OverLimit",
    "RateLimit",
    "HTTPNotImplemented",
    "InvalidUsage",
    "ResourceNotFound",
    "from_response",
)


def test_every_python_novaclient_name_exists() -> None:
    assert [n for n in PNC_NAMES if not hasattr(exceptions, n)] == []


@pytest.mark.parametrize(
    ("status", "caught_as"),
    [
        (400, "BadRequest"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "NotFound"),
        (405, "MethodNotAllowed"),
        (406, "NotAcceptable"),
        (409, "Conflict"),
        (413, "OverLimit"),
        (413, "RequestEntityTooLarge"),
        (429, "RateLimit"),
        (501, "HTTPNotImplemented"),
        (500, "ClientException"),
    ],
)
def test_an_http_error_is_caught_by_its_python_novaclient_name(
    mock: requests_mock.Mocker, status: int, caught_as: str
) -> None:
    mock.get(
        COMPUTE_URL + "/flavors/detail",
        status_code=status,
        json={"fault": {"code": status, "message": "nope"}},
        headers={"x-compute-request-id": "req-1", "Retry-After": "3"},
    )
    cs = Client("2", auth_token="t", endpoint_override=COMPUTE_URL, retry=NO_RETRIES)
    with pytest.raises(getattr(exceptions, caught_as)) as info:
        cs.flavors.list()
    error = info.value
    assert (error.code, error.message, error.request_id) == (status, "nope", "req-1")
    assert (error.method, error.url) == ("GET", COMPUTE_URL + "/flavors/detail")
    if status in (413, 429):
        assert error.retry_after == 3


def test_the_version_and_attribute_errors_keep_their_bases() -> None:
    with pytest.raises(AttributeError):  # python-novaclient's UnsupportedAttribute is one
        raise exceptions.UnsupportedAttribute("tags", "2.52")
    with pytest.raises(exceptions.UnsupportedVersion):
        raise exceptions.VersionNotFoundForAPIMethod("2.1", "tags")
    assert str(exceptions.VersionNotFoundForAPIMethod("2.1", "tags")) == (
        "API version '2.1' is not supported on 'tags' method."
    )
    assert exceptions.UnsupportedConsoleType("foo").message == 'Unsupported console_type "foo"'
    assert exceptions.InstanceInErrorState is exceptions.ResourceInErrorState
    assert issubclass(exceptions.InvalidUsage, RuntimeError)


def test_python_novaclients_positional_constructor() -> None:
    error = exceptions.NotFound(404, "gone", "more", "req-2", "http://c/x", "GET")
    assert (error.code, error.message, error.details, error.request_id) == (
        404,
        "gone",
        "more",
        "req-2",
    )
    assert (error.url, error.method) == ("http://c/x", "GET")
    assert str(error) == "gone (HTTP 404) (Request-ID: req-2)"
    assert exceptions.Conflict(code=409).message == "Conflict"
    assert str(exceptions.CommandError("bad input")) == "bad input"


def test_from_response_takes_python_novaclients_form() -> None:
    response = requests.Response()
    response.status_code = 409
    response.headers["x-compute-request-id"] = "req-3"
    body = {"conflictingRequest": {"message": "busy", "code": 409}}
    error = exceptions.from_response(response, body, "/servers/1/action", "POST")
    assert isinstance(error, exceptions.Conflict)
    assert (error.message, error.request_id, error.url, error.method) == (
        "busy",
        "req-3",
        "/servers/1/action",
        "POST",
    )
    assert exceptions.from_response(response, None, "/x", method="GET").method == "GET"
