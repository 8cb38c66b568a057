"""ServiceManager: host/binary URLs before 2.53, PUT /os-services/{uuid} from 2.53."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.v2.bodies_admin import SVC_URL, SVC_UUID, service
from tests.unit.v2.helpers import assert_version, body_of, nothing_sent, only_request, query_of

MakeClient = Callable[..., Client]
HOST = {"host": "compute1", "binary": "nova-compute"}


def test_list_filters(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(SVC_URL, json={"services": [service()]})
    cs = make_client()
    assert [s.host for s in cs.services.list()] == ["compute1"]
    assert query_of(get.last_request) == {}
    cs.services.list(host="Compute1", binary="nova-compute")
    assert query_of(get.last_request) == {"host": ["Compute1"], "binary": ["nova-compute"]}


@pytest.mark.parametrize(
    ("call", "url", "body"),
    [
        (lambda cs: cs.services.enable("compute1", "nova-compute"), "/enable", HOST),
        (lambda cs: cs.services.disable("compute1", "nova-compute"), "/disable", HOST),
        (
            lambda cs: cs.services.disable("compute1", "nova-compute", reason="fix"),
            "/disable-log-reason",
            {**HOST, "disabled_reason": "fix"},
        ),
        (
            lambda cs: cs.services.disable_log_reason("compute1", "nova-compute", "fix"),
            "/disable-log-reason",
            {**HOST, "disabled_reason": "fix"},
        ),
        (
            lambda cs: cs.services.force_down("compute1", "nova-compute", True),
            "/force-down",
            {**HOST, "forced_down": True},
        ),
    ],
)
def test_before_2_53_by_host_and_binary(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    call: Callable[[Client], Any],
    url: str,
    body: dict[str, Any],
) -> None:
    put = mock.put(SVC_URL + url, json={"service": {**HOST, "status": "enabled"}})
    assert call(make_client("2.52")).host == "compute1"
    request = only_request(put)
    assert body_of(request) == body
    assert_version(request, "2.52")


@pytest.mark.parametrize(
    ("call", "body"),
    [
        (lambda cs: cs.services.enable(SVC_UUID), {"status": "enabled"}),
        (lambda cs: cs.services.disable(SVC_UUID), {"status": "disabled"}),
        (
            lambda cs: cs.services.disable(SVC_UUID, reason="fix"),
            {"status": "disabled", "disabled_reason": "fix"},
        ),
        (
            lambda cs: cs.services.disable_log_reason(SVC_UUID, "fix"),
            {"status": "disabled", "disabled_reason": "fix"},
        ),
        (lambda cs: cs.services.force_down(SVC_UUID, True), {"forced_down": True}),
        (lambda cs: cs.services.force_down(SVC_UUID, force_down=False), {"forced_down": False}),
    ],
)
def test_from_2_53_by_uuid(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    call: Callable[[Client], Any],
    body: dict[str, Any],
) -> None:
    put = mock.put(f"{SVC_URL}/{SVC_UUID}", json={"service": service()})
    assert call(make_client("2.53")).id == SVC_UUID
    request = only_request(put)
    assert body_of(request) == body
    assert_version(request, "2.53")


@pytest.mark.parametrize(
    ("version", "call", "message"),
    [
        (
            "2.53",
            lambda cs: cs.services.enable("compute1"),
            "Service id must be a UUID from microversion 2.53; got 'compute1'.",
        ),
        (
            "2.53",
            lambda cs: cs.services.enable(SVC_UUID, "nova-compute"),
            "binary must be left out from microversion 2.53 (the service is named by its UUID); "
            "got 'nova-compute'.",
        ),
        (
            "2.52",
            lambda cs: cs.services.enable("compute1"),
            "Binary must be 1 to 255 characters; got None.",
        ),
        (
            "2.52",
            lambda cs: cs.services.force_down("compute1", "nova-compute"),
            "force_down must be a boolean (true/false, yes/no, 1/0, on/off); got None.",
        ),
        (
            "2.53",
            lambda cs: cs.services.disable(SVC_UUID, reason=""),
            "Disabled reason must be 1 to 255 characters; got ''.",
        ),
        (
            "2.53",
            lambda cs: cs.services.disable_log_reason(SVC_UUID, "nova-compute", "x"),
            "disable_log_reason arguments must be (uuid, reason); got "
            "('e81d66a4-ddd3-4aba-8a84-171d1cb4d33....",
        ),
        (
            "2.53",
            lambda cs: cs.services.delete("42"),
            "Service id must be a UUID from microversion 2.53; got '42'.",
        ),
        (
            "2.52",
            lambda cs: cs.services.delete(SVC_UUID),
            "Service id must be a positive integer; got 'e81d66a4-ddd3-4aba-8a84-171d1cb4d339'.",
        ),
    ],
)
def test_wrong_identification_sends_nothing(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    version: str,
    call: Callable[[Client], Any],
    message: str,
) -> None:
    cs = make_client(version)
    with pytest.raises(exceptions.ValidationError) as info:
        call(cs)
    assert str(info.value) == message
    nothing_sent(mock)


def test_force_down_needs_2_11(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client("2.10").services.force_down("compute1", "nova-compute", True)
    assert str(info.value) == (
        "'force_down' needs compute API microversion 2.11 or later. This session uses 2.10."
    )
    nothing_sent(mock)


def test_delete(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    new = mock.delete(f"{SVC_URL}/{SVC_UUID}", status_code=204)
    old = mock.delete(f"{SVC_URL}/7", status_code=204)
    make_client("2.53").services.delete(SVC_UUID)
    make_client("2.52").services.delete(7)
    assert_version(only_request(new), "2.53")
    assert_version(only_request(old), "2.52")


def test_iter_is_lazy(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(SVC_URL, json={"services": [service()]})
    listing = make_client().services.iter(binary="nova-compute")
    assert not get.called
    assert [s.id for s in listing] == [SVC_UUID]
    assert query_of(only_request(get)) == {"binary": ["nova-compute"]}
