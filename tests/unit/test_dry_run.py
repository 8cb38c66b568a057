"""Dry run in the library: ``Client(dry_run=...)`` holds back every change at the choke point."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock
from keystoneauth1 import session as ksa_session
from keystoneauth1 import token_endpoint

from novaclient_lite import dry_run, exceptions
from novaclient_lite.api_versions import VersionRequest
from novaclient_lite.dry_run import PlannedRequest
from novaclient_lite.http import HTTPClient, RetryPolicy
from novaclient_lite.v2.client import Client as ClientV2
from tests.unit import bodies
from tests.unit.support import AUTH_URL, COMPUTE_URL, compute_requests

SID = "9168b536-cd40-4630-b43f-b259807c6e87"
MICROVERSION = {"OpenStack-API-Version": "compute 2.104", "X-OpenStack-Nova-API-Version": "2.104"}


@pytest.fixture
def records() -> list[PlannedRequest]:
    return []


@pytest.fixture
def dry(make_client: Callable[..., ClientV2], records: list[PlannedRequest]) -> ClientV2:
    """A password client whose sink collects the held-back requests."""
    return make_client("auto", dry_run=records.append, global_request_id="req-dry-1")


def only_reads_were_sent(m: requests_mock.Mocker) -> bool:
    """Compute saw GETs only; the one other request is the Keystone login."""
    others = [r for r in m.request_history if r.method != "GET"]
    return all(r.method == "GET" for r in compute_requests(m)) and [
        (r.method, r.url) for r in others
    ] == [("POST", AUTH_URL + "/auth/tokens")]


def test_a_delete_is_recorded_and_not_sent(
    mock: requests_mock.Mocker, dry: ClientV2, records: list[PlannedRequest]
) -> None:
    delete = mock.delete(f"{COMPUTE_URL}/servers/{SID}", status_code=204)
    with pytest.raises(exceptions.RequestNotSent) as caught:
        dry.servers.delete(SID)
    assert not delete.called
    assert only_reads_were_sent(mock)
    assert records == [caught.value.request]
    held = records[0]
    assert (held.method, held.url, held.body) == ("DELETE", f"{COMPUTE_URL}/servers/{SID}", None)
    assert held.shown_headers == MICROVERSION
    # Everything the client adds is recorded, even what is not shown.
    assert held.headers["Accept"] == "application/json"
    assert held.headers["X-OpenStack-Request-ID"] == "req-dry-1"
    assert str(caught.value) == f"Dry run: DELETE {COMPUTE_URL}/servers/{SID} was not sent."


def test_the_boot_body_is_recorded_with_its_secrets_masked(
    mock: requests_mock.Mocker, dry: ClientV2, records: list[PlannedRequest]
) -> None:
    post = mock.post(f"{COMPUTE_URL}/servers", status_code=202, json={})
    with pytest.raises(exceptions.RequestNotSent):
        dry.servers.create(
            "vm1",
            "img-1",
            "1",
            admin_pass="s3cret-pass",
            user_data="#!/bin/sh\necho secret-data\n",
            networks="none",
        )
    assert not post.called
    assert records[0].method == "POST" and records[0].url == f"{COMPUTE_URL}/servers"
    assert records[0].body == {
        "server": {
            "name": "vm1",
            "imageRef": "img-1",
            "flavorRef": "1",
            "networks": "none",
            "user_data": "***",
            "adminPass": "***",
        }
    }
    assert "s3cret" not in repr(records) and "secret-data" not in repr(records)


def test_nothing_after_the_held_request_runs(
    mock: requests_mock.Mocker, dry: ClientV2, records: list[PlannedRequest]
) -> None:
    # backup_instance reads the new image id from the answer: there is none, so it raises.
    with pytest.raises(exceptions.RequestNotSent):
        dry.servers.backup_instance(SID, "nightly", "before the upgrade", rotation=3)
    assert [r.body for r in records] == [
        {
            "createBackup": {
                "name": "nightly",
                "backup_type": "daily",
                "rotation": 3,
                "metadata": {"description": "before the upgrade"},
            }
        }
    ]
    assert [r.method for r in compute_requests(mock)] == []  # not even a GET after it


def test_lookups_still_run(
    mock: requests_mock.Mocker, dry: ClientV2, records: list[PlannedRequest]
) -> None:
    flavors = mock.get(f"{COMPUTE_URL}/flavors/detail", json={"flavors": [bodies.flavor()]})
    assert [f.name for f in dry.flavors.list()] == ["m1.tiny"]
    assert flavors.called_once and records == []


def test_a_retry_policy_never_records_twice(mock: requests_mock.Mocker) -> None:
    seen: list[PlannedRequest] = []
    session = ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, "static-token-12345"))
    api = HTTPClient(
        session,
        version_request=VersionRequest.parse("2.1"),
        endpoint_override=COMPUTE_URL,
        retry=RetryPolicy(retries=5),
        sleep=lambda s: None,
        dry_run=seen.append,
    )
    put = mock.put(f"{COMPUTE_URL}/servers/{SID}", status_code=503, json={})
    with pytest.raises(exceptions.RequestNotSent):
        api.put(f"/servers/{SID}", json={"server": {"name": "new"}}, params={"a": ["1", "2"]})
    assert not put.called
    assert len(seen) == 1
    assert seen[0].url == f"{COMPUTE_URL}/servers/{SID}?a=1&a=2"
    assert seen[0].shown_headers == {"X-OpenStack-Nova-API-Version": "2.1"}


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "delete"])
def test_every_changing_method_is_held(mock: requests_mock.Mocker, method: str) -> None:
    session = ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, "static-token-12345"))
    api = HTTPClient(
        session,
        version_request=VersionRequest.parse("2"),
        endpoint_override=COMPUTE_URL,
        dry_run=True,
    )
    matcher = mock.register_uri(method.upper(), f"{COMPUTE_URL}/x", json={})
    with pytest.raises(exceptions.RequestNotSent) as caught:
        api.request(method, "/x")
    assert not matcher.called
    assert caught.value.request.method == method.upper()
    assert caught.value.request.shown_headers == {}  # "2": no microversion header


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_reads_are_sent(mock: requests_mock.Mocker, method: str) -> None:
    session = ksa_session.Session(auth=token_endpoint.Token(COMPUTE_URL, "static-token-12345"))
    seen: list[PlannedRequest] = []
    api = HTTPClient(
        session,
        version_request=VersionRequest.parse("2"),
        endpoint_override=COMPUTE_URL,
        dry_run=seen.append,
    )
    matcher = mock.register_uri(method, f"{COMPUTE_URL}/x", status_code=204)
    api.request(method, "/x")
    assert matcher.called_once and seen == []


def test_a_failing_sink_propagates_and_nothing_is_sent(
    make_client: Callable[..., ClientV2], mock: requests_mock.Mocker
) -> None:
    def sink(request: PlannedRequest) -> None:
        raise RuntimeError("sink is full")

    delete = mock.delete(f"{COMPUTE_URL}/servers/{SID}", status_code=204)
    cs = make_client("auto", dry_run=sink)
    with pytest.raises(RuntimeError, match="sink is full"):
        cs.servers.delete(SID)
    assert not delete.called


def test_not_sent_is_not_a_client_error() -> None:
    # An `except ClientException` fallback must not carry on as if it had been answered.
    assert not issubclass(exceptions.RequestNotSent, exceptions.ClientException)


def test_dry_run_off_sends(
    make_client: Callable[..., ClientV2], mock: requests_mock.Mocker
) -> None:
    delete = mock.delete(f"{COMPUTE_URL}/servers/{SID}", status_code=204)
    make_client("auto", dry_run=False).servers.delete(SID)
    assert delete.called_once


@pytest.mark.parametrize("value", ["yes", 1, object()])
def test_dry_run_must_be_a_bool_or_a_callable(value: Any) -> None:
    with pytest.raises(TypeError, match="dry_run must be a bool or a callable"):
        dry_run.sink_of(value)


# -- the record -----------------------------------------------------------------------------


def test_plan_masks_secrets_anywhere_and_keeps_the_order() -> None:
    body = {
        "keypair": {"name": "k", "private_key": "-----BEGIN"},
        "auth": [{"password": "pw"}],
        "changePassword": {"adminPass": "x"},
    }
    held = dry_run.plan(
        "post",
        "http://c/v2.1/x?q=1",
        {"b": "2"},
        {"X-Auth-Token": "tok-1234567890", "Accept": "application/json"},
        body,
    )
    assert held.method == "POST"
    assert held.url == "http://c/v2.1/x?q=1&b=2"
    assert held.body == {
        "keypair": {"name": "k", "private_key": "***"},
        "auth": [{"password": "***"}],
        "changePassword": {"adminPass": "***"},
    }
    assert list(held.body) == ["keypair", "auth", "changePassword"]
    assert held.headers["X-Auth-Token"].startswith("{SHA256}")
    assert body["keypair"]["private_key"] == "-----BEGIN"  # the caller's body is untouched


def test_as_text_reads_like_an_http_message() -> None:
    held = PlannedRequest(
        "POST",
        f"{COMPUTE_URL}/servers/{SID}/action",
        {
            "X-OpenStack-Nova-API-Version": "2.96",
            "Accept": "application/json",
            "Content-Type": "application/json",
            "OpenStack-API-Version": "compute 2.96",
            "X-OpenStack-Request-ID": "req-1",
        },
        {"createImage": {"name": "snap", "metadata": {"description": "é"}}},
    )
    assert held.as_text() == (
        f"POST {COMPUTE_URL}/servers/{SID}/action\n"
        "OpenStack-API-Version: compute 2.96\n"
        "X-OpenStack-Nova-API-Version: 2.96\n"
        "\n"
        "{\n"
        '  "createImage": {\n'
        '    "name": "snap",\n'
        '    "metadata": {\n'
        '      "description": "é"\n'
        "    }\n"
        "  }\n"
        "}\n"
    )
    assert held.to_dict() == {
        "method": "POST",
        "url": f"{COMPUTE_URL}/servers/{SID}/action",
        "headers": {
            "OpenStack-API-Version": "compute 2.96",
            "X-OpenStack-Nova-API-Version": "2.96",
        },
        "body": {"createImage": {"name": "snap", "metadata": {"description": "é"}}},
    }


def test_as_text_without_a_body() -> None:
    assert PlannedRequest("DELETE", "http://c/x").as_text() == "DELETE http://c/x\n"
