"""InstanceUsageAuditLogManager: GET /os-instance_usage_audit_log[/{before}]."""

from __future__ import annotations

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.bodies_usage import AUDIT_LOG
from tests.unit.v2.helpers import assert_version, nothing_sent, only_request

A = COMPUTE_URL + "/os-instance_usage_audit_log"


def test_get_latest(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(A, json=AUDIT_LOG)
    log = cs.instance_usage_audit_log.get()
    assert_version(only_request(matcher), "2.104")
    assert log.num_hosts == 2 and log.hosts_not_run == ["compute1", "compute2"]


def test_get_before_quotes_the_timestamp(mock: requests_mock.Mocker, cs: Client) -> None:
    body = {"instance_usage_audit_log": AUDIT_LOG["instance_usage_audit_logs"]}
    matcher = mock.get(A + "/2015-08-27%2009%3A49%3A58.123456", json=body)
    log = cs.instance_usage_audit_log.get(before="2015-08-27 09:49:58.123456")
    assert only_request(matcher).url.endswith("/2015-08-27%2009%3A49%3A58.123456")
    assert log.total_errors == 0


def test_wrong_envelope_is_an_invalid_response(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(A + "/x", json=AUDIT_LOG)  # the list key where the single key belongs
    with pytest.raises(exceptions.InvalidResponse, match="instance_usage_audit_log"):
        cs.instance_usage_audit_log.get(before="x")


def test_blank_before_sends_nothing(mock: requests_mock.Mocker, cs: Client) -> None:
    with pytest.raises(exceptions.ValidationError, match="before must be"):
        cs.instance_usage_audit_log.get(before=" ")
    nothing_sent(mock)
