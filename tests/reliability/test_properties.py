"""Property tests: any body the server sends gives a typed error or a valid object.

Random JSON documents (plausible envelopes with random insides, and fully
random ones) and random bytes go through the real response path (requests-mock
at the transport, then the HTTP layer, the manager and the resource).  The
only acceptable outcomes are a ``ClientException`` with a one-line message, or
the documented object.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
import requests_mock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from novaclient_lite import Client, api_versions, exceptions, http
from novaclient_lite.base import Resource
from novaclient_lite.v2.client import Client as ClientV2

COMPUTE = "http://compute.test/v2.1"
ANY_URL = re.compile(r"http://compute\.test/.*")
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def envelope(key: str, item: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Documents close to ``{key: ...}``: where parsing bugs hide."""
    plausible_item = st.fixed_dictionaries(
        {},
        optional={
            "id": json_values,
            "name": json_values,
            "status": json_values,
            "links": json_values,
        },
    )
    return st.one_of(
        json_values,
        st.fixed_dictionaries({key: item}),
        st.fixed_dictionaries(
            {key: st.lists(plausible_item | json_values, max_size=4)},
            optional={f"{key}_links": json_values},
        ),
        st.fixed_dictionaries({key: plausible_item}),
    )


statuses = st.sampled_from(
    [200, 200, 200, 201, 202, 204, 300, 400, 401, 403, 404, 409, 413, 429, 500, 502, 503]
)


def client(version: str = "2") -> ClientV2:
    return Client(version, auth_token="t", endpoint_override=COMPUTE, retry=http.NO_RETRIES)


def outcome(call: Callable[[], Any]) -> Any:
    """Run ``call``; a ClientException is a fine outcome if its message is one line."""
    try:
        return call()
    except exceptions.ClientException as exc:
        text = str(exc)
        assert "\n" not in text and len(text) < 1500, text[:300]
        repr(exc)
        return exc


def check_resource(value: Any) -> None:
    assert isinstance(value, Resource), value
    repr(value)
    value.to_dict()
    assert value == value


def respond(m: requests_mock.Mocker, status: int, body: bytes, content_type: str) -> None:
    m.register_uri(
        requests_mock.ANY,
        ANY_URL,
        status_code=status,
        content=body,
        headers={"Content-Type": content_type},
    )


@SETTINGS
@given(doc=envelope("flavors", json_values), status=statuses)
def test_list_parses_any_json(doc: Any, status: int) -> None:
    with requests_mock.Mocker() as m:
        respond(m, status, json.dumps(doc).encode(), "application/json")
        result = outcome(lambda: client().flavors.list())
    if not isinstance(result, exceptions.ClientException):
        for item in result:
            check_resource(item)


@SETTINGS
@given(doc=envelope("flavor", json_values), status=statuses)
def test_get_parses_any_json(doc: Any, status: int) -> None:
    with requests_mock.Mocker() as m:
        respond(m, status, json.dumps(doc).encode(), "application/json")
        result = outcome(lambda: client().flavors.get("1"))
    if not isinstance(result, exceptions.ClientException):
        check_resource(result)


version_inner = st.fixed_dictionaries(
    {},
    optional={
        "version": json_values
        | st.sampled_from(["2.1", "2.104", "2.0", "3.5", "banana", "", "2.latest"]),
        "min_version": json_values | st.sampled_from(["2.1", "", "x", "2.200"]),
        "status": st.sampled_from(["CURRENT", "SUPPORTED"]) | json_values,
    },
)


@SETTINGS
@given(
    doc=st.one_of(
        json_values,
        st.fixed_dictionaries({"version": version_inner | json_values}),
        st.fixed_dictionaries({"versions": st.lists(version_inner | json_values, max_size=3)}),
    ),
    status=statuses,
    requested=st.sampled_from(["auto", "2.1", "2.60", "2.latest"]),
)
def test_version_document_parses_any_json(doc: Any, status: int, requested: str) -> None:
    with requests_mock.Mocker() as m:
        respond(m, status, json.dumps(doc).encode(), "application/json")
        result = outcome(lambda: client(requested).api_version)
    if not isinstance(result, exceptions.ClientException):
        assert isinstance(result, api_versions.APIVersion)
        assert result.major == 2


@SETTINGS
@given(
    body=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    status=statuses,
    content_type=st.sampled_from(
        [
            "application/json",
            "text/html",
            "text/plain; charset=latin-1",
            "application/json; charset=utf-16",
            "x/y; charset=nope",
        ]
    ),
    call=st.sampled_from(["list", "get", "version"]),
)
def test_any_bytes(body: bytes, status: int, content_type: str, call: str) -> None:
    with requests_mock.Mocker() as m:
        respond(m, status, body, content_type)
        cs = client("2.1" if call == "version" else "2")
        calls: dict[str, Callable[[], Any]] = {
            "list": lambda: cs.flavors.list(),
            "get": lambda: cs.flavors.get("1"),
            "version": lambda: cs.api_version,
        }
        outcome(calls[call])


@SETTINGS
@given(
    fault=json_values,
    status=st.sampled_from([400, 404, 409, 413, 429, 500, 503]),
    retry_after=st.none() | st.text(max_size=10),
)
def test_error_bodies(fault: Any, status: int, retry_after: str | None) -> None:
    headers = {"Content-Type": "application/json"}
    if retry_after is not None and retry_after.isprintable() and retry_after.strip():
        headers["Retry-After"] = retry_after.strip()
    with requests_mock.Mocker() as m:
        m.get(
            ANY_URL,
            status_code=status,
            content=json.dumps({"fault": fault}).encode(),
            headers=headers,
        )
        result = outcome(lambda: client().flavors.list())
    assert isinstance(result, exceptions.HTTPException)
    assert result.code == status
    if isinstance(result, exceptions.RetryAfterException):
        assert result.retry_after >= 0


# -- every manager's read path ----------------------------------------------------------

READS: dict[str, tuple[str, Callable[[ClientV2], Any]]] = {
    "servers.list": ("servers", lambda cs: cs.servers.list()),
    "servers.get": ("server", lambda cs: cs.servers.get("x")),
    "keypairs.list": ("keypairs", lambda cs: cs.keypairs.list()),
    "keypairs.get": ("keypair", lambda cs: cs.keypairs.get("k")),
    "server_groups.list": ("server_groups", lambda cs: cs.server_groups.list()),
    "server_groups.get": ("server_group", lambda cs: cs.server_groups.get("g")),
    "limits.get": ("limits", lambda cs: cs.limits.get()),
    "availability_zones.list": ("availabilityZoneInfo", lambda cs: cs.availability_zones.list()),
    "quotas.get": ("quota_set", lambda cs: cs.quotas.get("p")),
    "versions.list": ("versions", lambda cs: cs.versions.list()),
}


def _touch(value: Any) -> None:
    """Read every documented property of a returned object (they parse lazily)."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, Resource):
            repr(item)
            for name in dir(type(item)):
                if isinstance(getattr(type(item), name, None), property):
                    try:
                        getattr(item, name)
                    except (AttributeError, KeyError):
                        pass  # an absent key; a TypeError/ValueError is a bug


@pytest.mark.parametrize("name", sorted(READS))
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_manager_reads(name: str, data: st.DataObject) -> None:
    key, call = READS[name]
    doc = data.draw(envelope(key, json_values))
    with requests_mock.Mocker() as m:
        respond(m, 200, json.dumps(doc).encode(), "application/json")
        result = outcome(lambda: call(client("2.latest")))
        if not isinstance(result, exceptions.ClientException):
            _touch(result)
