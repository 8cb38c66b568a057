"""python-novaclient 18.13.1's Client() arguments: same names, same meaning, its deprecations."""

from __future__ import annotations

import json
import logging
import warnings
from typing import Any

import pytest
import requests_mock

from novaclient_lite import Client, exceptions
from novaclient_lite.api_versions import APIVersion
from novaclient_lite.v2.client import Client as ClientV2
from novaclient_lite.v2.flavor_access import FlavorAccessManager
from novaclient_lite.v2.instance_actions import InstanceActionManager
from tests.unit.support import AUTH_URL, COMPUTE_URL

PNC_CLIENT_ATTRIBUTES = (
    # python-novaclient 18.13.1 v2.Client's managers
    "flavors",
    "flavor_access",
    "glance",
    "limits",
    "servers",
    "versions",
    "agents",
    "keypairs",
    "neutron",
    "quota_classes",
    "quotas",
    "usage",
    "aggregates",
    "hypervisors",
    "hypervisor_stats",
    "services",
    "availability_zones",
    "server_groups",
    "assisted_volume_snapshots",
    "instance_action",
    "instance_usage_audit_log",
    "volumes",
    "server_external_events",
    "migrations",
    "server_migrations",
    # and its plain attributes
    "os_cache",
    "logger",
    "project_id",
    "project_name",
    "user_id",
    "api_version",
)


def login(m: requests_mock.Mocker) -> dict[str, Any]:
    request = next(r for r in m.request_history if r.url.endswith("/auth/tokens"))
    body: dict[str, Any] = json.loads(request.body)["auth"]
    return body


def test_the_fourth_positional_argument_is_the_project_id(mock: requests_mock.Mocker) -> None:
    # python-novaclient passes it to keystoneauth1's Password(project_id=...): an id.
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    Client("2", "alice", "pa55word", "0123abcd", AUTH_URL).flavors.list()
    assert login(mock)["scope"]["project"] == {"id": "0123abcd"}


def test_user_id_logs_in_by_id(mock: requests_mock.Mocker) -> None:
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    Client("2", user_id="u-1", password="pw", project_name="demo", auth_url=AUTH_URL).flavors.list()
    assert login(mock)["identity"]["password"]["user"] == {"id": "u-1", "password": "pw"}


@pytest.mark.parametrize(
    ("old", "new", "value", "check"),
    [
        ("tenant_name", "project_name", "demo", lambda a: a["scope"]["project"]["name"]),
        ("tenant_id", "project_id", "p-9", lambda a: a["scope"]["project"]["id"]),
        ("api_key", "password", "k3y", lambda a: a["identity"]["password"]["user"]["password"]),
    ],
)
def test_deprecated_names_are_renamed_with_a_warning(
    mock: requests_mock.Mocker, old: str, new: str, value: str, check: Any
) -> None:
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    kwargs: dict[str, Any] = {"username": "u", "password": "pw", "auth_url": AUTH_URL}
    kwargs.pop(new, None)
    kwargs[old] = value
    with pytest.warns(DeprecationWarning, match=f"'{old}' argument is deprecated; use '{new}'"):
        cs = Client("2", **kwargs)
    cs.flavors.list()
    assert check(login(mock)) == value


def test_bypass_url_is_the_endpoint_override(mock: requests_mock.Mocker) -> None:
    flavors = mock.get("http://other.test/v2.1/flavors/detail", json={"flavors": []})
    with pytest.warns(DeprecationWarning, match="bypass_url"):
        cs = Client("2", auth_token="t", bypass_url="http://other.test/v2.1")
    cs.flavors.list()
    assert flavors.called


@pytest.mark.parametrize(
    "name",
    [
        "auth_plugin",
        "auth_system",
        "proxy_tenant_id",
        "proxy_token",
        "connection_pool",
        "volume_service_name",
    ],
)
def test_deprecated_arguments_without_a_meaning_are_ignored_with_a_warning(name: str) -> None:
    with pytest.warns(DeprecationWarning, match=f"'{name}' argument is deprecated and has no"):
        Client("2", auth_token="t", endpoint_override=COMPUTE_URL, **{name: "x"})


def test_a_deprecated_name_beside_its_new_one_is_ignored() -> None:
    with pytest.warns(DeprecationWarning, match="as 'project_name' is given, 'tenant_name'"):
        cs = Client(
            "2", auth_token="t", endpoint_override=COMPUTE_URL, project_name="a", tenant_name="b"
        )
    assert cs.project_name == "a"


def test_no_cache_is_the_opposite_of_os_cache() -> None:
    with pytest.warns(DeprecationWarning, match="no_cache"):
        cs = Client("2", auth_token="t", endpoint_override=COMPUTE_URL, no_cache=True)
    assert cs.os_cache is False
    assert Client("2", auth_token="t", endpoint_override=COMPUTE_URL, os_cache=True).os_cache


def test_current_arguments_warn_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Client(
            "2.1",
            auth_token="t",
            endpoint_override=COMPUTE_URL,
            endpoint_type="internal",
            interface="internal",
            region_name="r",
            insecure=True,
            timeout=5,
            timings=True,
            http_log_debug=True,
            logger=logging.getLogger("x"),
            service_type="compute",
            service_name="nova",
            direct_use=False,
            extensions=[],
            os_cache=False,
        )


def test_unknown_arguments_are_a_type_error_naming_them() -> None:
    with pytest.raises(TypeError, match="colour"):
        Client("2", auth_token="t", endpoint_override=COMPUTE_URL, colour="red")


def test_endpoint_type_selects_the_catalog_interface() -> None:
    cs = Client("2", auth_token="t", endpoint_override=COMPUTE_URL, endpoint_type="internal")
    assert cs.api.endpoint_filter["interface"] == "internal"


def test_api_version_object_and_the_null_version(mock: requests_mock.Mocker) -> None:
    flavors = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    cs = Client(APIVersion("2.53"), auth_token="t", endpoint_override=COMPUTE_URL)
    cs.flavors.list()
    assert flavors.last_request.headers["OpenStack-API-Version"] == "compute 2.53"
    assert Client(APIVersion(), auth_token="t", endpoint_override=COMPUTE_URL).api_version == (
        APIVersion(2, 0)
    )


def test_api_version_can_be_set_like_python_novaclient(mock: requests_mock.Mocker) -> None:
    flavors = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    cs = Client("2.1", auth_token="t", endpoint_override=COMPUTE_URL)
    cs.api_version = APIVersion("2.61")
    cs.flavors.list()
    assert flavors.last_request.headers["X-OpenStack-Nova-API-Version"] == "2.61"


def test_timings_record_each_request_and_reset(mock: requests_mock.Mocker) -> None:
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    cs = Client("2", auth_token="t", endpoint_override=COMPUTE_URL, timings=True)
    cs.flavors.list(is_public=None)
    ((what, start, end),) = cs.get_timings()
    assert what == "GET /flavors/detail?is_public=None" and start <= end
    cs.reset_timings()
    assert cs.get_timings() == []


def test_timings_are_off_by_default(mock: requests_mock.Mocker) -> None:
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    cs = Client("2", auth_token="t", endpoint_override=COMPUTE_URL)
    cs.flavors.list()
    assert cs.get_timings() == []


def test_python_novaclient_attribute_names() -> None:
    cs = Client("2", auth_token="t", endpoint_override=COMPUTE_URL, project_id="p", user_id="u")
    missing = [name for name in PNC_CLIENT_ATTRIBUTES if not hasattr(cs, name)]
    assert missing == []
    assert isinstance(cs.instance_action, InstanceActionManager)
    assert cs.instance_action is cs.instance_actions
    assert isinstance(cs.flavor_access, FlavorAccessManager)
    assert (cs.project_id, cs.user_id) == ("p", "u")


def test_extensions_attach_their_managers() -> None:
    class Extension:
        name = "widgets"

        class manager_class:  # python-novaclient's attribute name
            def __init__(self, api: Any) -> None:
                self.api = api

    cs = Client("2", auth_token="t", endpoint_override=COMPUTE_URL, extensions=[Extension()])
    assert cs.widgets.api is cs.api


def test_a_client_is_not_a_context_manager() -> None:
    cs = Client("2", auth_token="t", endpoint_override=COMPUTE_URL)
    with pytest.raises(exceptions.InvalidUsage), cs:
        pass


def test_secrets_stay_out_of_repr_and_attributes(mock: requests_mock.Mocker) -> None:
    cs = Client("2", "alice", "pa55-secret", "p-1", AUTH_URL, auth_token=None)
    shown = repr(cs) + repr({k: v for k, v in vars(cs).items() if k != "session"})
    assert "pa55-secret" not in shown


def test_v2_client_accepts_python_novaclients_arguments_directly(
    mock: requests_mock.Mocker,
) -> None:
    cs = ClientV2(
        api_version=APIVersion("2.60"),
        auth_token="t",
        endpoint_override=COMPUTE_URL,
        direct_use=False,
    )
    assert cs.api_version == APIVersion(2, 60)


def test_signatures_match_python_novaclients_factory_and_v2_client() -> None:
    import inspect

    from novaclient_lite import client as ours
    from tests.reference_novaclient import importable

    with importable():
        from novaclient import client as theirs
        from novaclient.v2 import client as theirs_v2

        factory = list(inspect.signature(theirs.Client).parameters)
        v2 = inspect.signature(theirs_v2.Client).parameters
    assert list(inspect.signature(ours.Client).parameters) == factory
    ours_v2 = inspect.signature(ClientV2).parameters
    missing = [n for n, p in v2.items() if p.kind is not p.VAR_KEYWORD and n not in ours_v2]
    assert missing == []
    differing = [n for n in v2 if n in ours_v2 and v2[n].default != ours_v2[n].default]
    # endpoint_type: 'publicURL' there; None here means keystoneauth1's default, public.
    assert differing == ["endpoint_type"]


def test_managers_are_built_on_first_use_and_kept() -> None:
    import sys

    from novaclient_lite.v2 import _lazy

    cs = Client("2.1", auth_token="t", endpoint_override="http://compute.invalid/v2.1")
    assert "servers" not in vars(cs)
    servers = cs.servers
    assert cs.servers is servers and vars(cs)["servers"] is servers
    assert servers.api is cs.api
    assert cs.instance_action is cs.instance_actions
    assert isinstance(type(cs).__dict__["flavors"], _lazy.LazyManager)
    assert "novaclient_lite.v2.servers" in sys.modules


def test_glance_uses_the_explicit_image_url() -> None:
    cs = Client(
        "2.1",
        auth_token="t",
        endpoint_override="http://compute.invalid/v2.1",
        image_url="http://image.invalid/v2",
    )
    assert cs.glance.api.endpoint == "http://image.invalid"
    assert cs.glance is cs.glance
