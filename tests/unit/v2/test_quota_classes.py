"""QuotaClassSetManager: GET/PUT /os-quota-class-sets/{class} (2.50 and 2.57 variants)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.bodies_usage import quota_class
from tests.unit.v2.helpers import assert_version, body_of, nothing_sent, only_request

Q = COMPUTE_URL + "/os-quota-class-sets/default"


def test_get(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(Q, json=quota_class(cores=20, server_groups=10))
    quotas = cs.quota_classes.get("default")
    assert_version(only_request(matcher), "2.104")
    assert quotas.cores == 20 and quotas.id == "default"


def test_get_quotes_the_class(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(COMPUTE_URL + "/os-quota-class-sets/a%2Fb", json=quota_class())
    cs.quota_classes.get("a/b")
    assert matcher.called_once


def test_update_drops_none(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.put(Q, json=quota_class(cores=30, instances=-1))
    result = cs.quota_classes.update("default", cores=30, instances=-1, ram=None)  # type: ignore[arg-type]
    req = only_request(matcher)
    assert req.method == "PUT"
    assert body_of(req) == {"quota_class_set": {"cores": 30, "instances": -1}}
    assert result.cores == 30


@pytest.mark.parametrize(
    ("version", "quota", "accepted"),
    [
        ("2.49", "floating_ips", True),
        ("2.50", "floating_ips", False),
        ("2.49", "security_group_rules", True),
        ("2.50", "security_groups", False),
        ("2.56", "injected_files", True),
        ("2.57", "injected_files", False),
        ("2.57", "injected_file_path_bytes", False),
        ("2.1", "server_group_members", True),
        ("2.104", "server_groups", True),
    ],
)
def test_update_gates_removed_quotas(
    mock: requests_mock.Mocker,
    make_client: Callable[..., Client],
    version: str,
    quota: str,
    accepted: bool,
) -> None:
    matcher = mock.put(Q, json=quota_class())
    cs = make_client(version)
    if accepted:
        cs.quota_classes.update("default", **{quota: 5})
        req = only_request(matcher)
        assert body_of(req) == {"quota_class_set": {quota: 5}}
        assert_version(req, version)
        return
    with pytest.raises(
        exceptions.UnsupportedAttribute,
        match=f"'{quota}' needs compute API microversion 2.(49|56) or earlier",
    ):
        cs.quota_classes.update("default", **{quota: 5})
    nothing_sent(mock)


@pytest.mark.parametrize(
    ("name", "kwargs", "message"),
    [
        ("default", {}, "quotas must be at least one name=value item (e.g. cores=20)."),
        ("default", {"cores": -2}, "quota cores must be an integer of at least -1; got -2."),
        ("default", {"bananas": 1}, "quota name must be one of"),
        ("", {"cores": 1}, "class_name must be"),
    ],
)
def test_update_validates(
    mock: requests_mock.Mocker, cs: Client, name: str, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(exceptions.ValidationError) as info:
        cs.quota_classes.update(name, **kwargs)
    assert str(info.value.message).startswith(message)
    nothing_sent(mock)
