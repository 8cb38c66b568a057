"""cs.flavor_access: python-novaclient's FlavorAccessManager names, FlavorManager's requests."""

from __future__ import annotations

import pytest
import requests_mock

from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import body_of, nothing_sent, only_request

ACCESS = {"flavor_access": [{"flavor_id": "f1", "tenant_id": "p1"}]}


def test_list_by_flavor(mock: requests_mock.Mocker, cs: Client) -> None:
    route = mock.get(COMPUTE_URL + "/flavors/f1/os-flavor-access", json=ACCESS)
    (access,) = cs.flavor_access.list(flavor="f1")
    assert (access.flavor_id, access.tenant_id) == ("f1", "p1")
    assert only_request(route).method == "GET"


def test_list_without_a_flavor_is_python_novaclients_error(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    with pytest.raises(NotImplementedError, match="Unknown list options"):
        cs.flavor_access.list(tenant="p1")
    with pytest.raises(NotImplementedError, match="Unknown list options"):
        cs.flavor_access.find(tenant_id="p1")
    with pytest.raises(NotImplementedError, match="Unknown list options"):
        cs.flavor_access.findall(tenant_id="p1")
    nothing_sent(mock)


@pytest.mark.parametrize(
    ("method", "action"),
    [("add_tenant_access", "addTenantAccess"), ("remove_tenant_access", "removeTenantAccess")],
)
def test_tenant_access_actions(
    mock: requests_mock.Mocker, cs: Client, method: str, action: str
) -> None:
    route = mock.post(COMPUTE_URL + "/flavors/f1/action", json=ACCESS)
    (access,) = getattr(cs.flavor_access, method)("f1", "p1")
    assert access.tenant_id == "p1"
    assert body_of(only_request(route)) == {action: {"tenant": "p1"}}
