"""python-novaclient-style calls (positional forms, its argument names and defaults) send
exactly the request python-novaclient 18.13.1 sends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL, compute_requests
from tests.unit.v2.helpers import SERVER_ID, assert_version, body_of, only_request, query_of

MakeClient = Callable[..., Client]
UUID = "5b3f1d2e-8c4a-4e6b-9f0d-1a2b3c4d5e6f"
KEY = "ssh-ed25519 AAAAC3Nza test"
RID = {"x-openstack-request-id": "req-1"}


def _keypair(name: str = "k") -> dict[str, Any]:
    return {"keypair": {"name": name, "public_key": KEY, "fingerprint": "f"}}


def test_limits_get_reserved_and_tenant_id_positional(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    get = mock.get(COMPUTE_URL + "/limits", json={"limits": {"absolute": {}, "rate": []}})
    make_client("2.74").limits.get(True, "t1")
    assert query_of(only_request(get)) == {"reserved": ["1"], "tenant_id": ["t1"]}
    make_client("2.74").limits.get(tenant_id="t2")
    assert query_of(get.last_request) == {"tenant_id": ["t2"]}


def test_both_names_of_one_argument_is_a_type_error(mock: requests_mock.Mocker, cs: Client) -> None:
    with pytest.raises(TypeError, match="project_id or tenant_id"):
        cs.limits.get(tenant_id="a", project_id="b")
    with pytest.raises(TypeError, match="project_id or tenant_id"):
        cs.quotas.get("a", project_id="b")
    assert compute_requests(mock) == []


@pytest.mark.parametrize(
    ("version", "args", "body"),
    [
        ("2.1", ("k", KEY), {"name": "k", "public_key": KEY}),
        ("2.2", ("k", KEY), {"name": "k", "public_key": KEY, "type": "ssh"}),
        ("2.2", ("k", KEY, "x509"), {"name": "k", "public_key": KEY, "type": "x509"}),
        (
            "2.10",
            ("k", KEY, "ssh", "u1"),
            {"name": "k", "public_key": KEY, "type": "ssh", "user_id": "u1"},
        ),
    ],
)
def test_keypairs_create_positional(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    version: str,
    args: tuple[str, ...],
    body: dict[str, Any],
) -> None:
    post = mock.post(COMPUTE_URL + "/os-keypairs", json=_keypair())
    make_client(version).keypairs.create(*args)
    req = only_request(post)
    assert body_of(req) == {"keypair": body}
    assert_version(req, version)


def test_keypairs_list_get_delete_positional(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    url = COMPUTE_URL + "/os-keypairs"
    listing = mock.get(url, json={"keypairs": [_keypair()]})
    one = mock.get(url + "/k", json=_keypair())
    gone = mock.delete(url + "/k", status_code=202)
    cs = make_client("2.35")
    cs.keypairs.list("u1", "m0", 1)
    assert query_of(only_request(listing)) == {"user_id": ["u1"], "marker": ["m0"], "limit": ["1"]}
    cs.keypairs.get("k", "u1")
    assert query_of(only_request(one)) == {"user_id": ["u1"]}
    cs.keypairs.delete(key="k", user_id="u1")
    assert query_of(only_request(gone)) == {"user_id": ["u1"]}


def test_quotas_positional(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    url = COMPUTE_URL + "/os-quota-sets/p1"
    put = mock.put(url, json={"quota_set": {"id": "p1", "instances": 10}})
    get = mock.get(url + "/detail", json={"quota_set": {"id": "p1"}})
    cs = make_client("2.57")
    cs.quotas.update("p1", "u1", True, 10, 20)
    req = only_request(put)
    assert query_of(req) == {"user_id": ["u1"]}
    assert body_of(req) == {"quota_set": {"force": True, "instances": 10, "cores": 20}}
    cs.quotas.update("p1", ram=-1)  # force=False, python-novaclient's default, is not sent
    assert body_of(put.last_request) == {"quota_set": {"ram": -1}}
    cs.quotas.get("p1", "u1", True)
    assert query_of(only_request(get)) == {"user_id": ["u1"]}


def test_quota_classes_update_positional(mock: requests_mock.Mocker, cs: Client) -> None:
    put = mock.put(
        COMPUTE_URL + "/os-quota-class-sets/default", json={"quota_class_set": {"id": "default"}}
    )
    cs.quota_classes.update("default", 10, None, 4096)
    assert body_of(only_request(put)) == {"quota_class_set": {"instances": 10, "ram": 4096}}


def test_quota_set_update_calls_the_manager_with_its_id(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    url = COMPUTE_URL + "/os-quota-sets/p1"
    mock.get(url, json={"quota_set": {"id": "p1", "cores": 1}})
    put = mock.put(url, json={"quota_set": {"id": "p1", "cores": 8}})
    quotas = cs.quotas.get("p1")
    assert quotas.update(cores=8).cores == 8
    assert body_of(only_request(put)) == {"quota_set": {"cores": 8}}


def test_servers_list_positional(mock: requests_mock.Mocker, cs: Client) -> None:
    get = mock.get(COMPUTE_URL + "/servers", json={"servers": []})
    cs.servers.list(False, {"name": "web"}, "m0", 5, ["name"], ["asc"])
    assert query_of(only_request(get)) == {
        "name": ["web"],
        "marker": ["m0"],
        "limit": ["5"],
        "sort_key": ["name"],
        "sort_dir": ["asc"],
    }


def test_flavors_list_and_create_positional(mock: requests_mock.Mocker, cs: Client) -> None:
    get = mock.get(COMPUTE_URL + "/flavors", json={"flavors": []})
    cs.flavors.list(False, False, "m0", 10, 512)
    assert query_of(only_request(get)) == {
        "is_public": ["false"],
        "marker": ["m0"],
        "minDisk": ["10"],
        "minRam": ["512"],
    }
    post = mock.post(COMPUTE_URL + "/flavors", json={"flavor": {"id": "f1"}})
    cs.flavors.create("f", 512, 1, 10, "f1", 2, 256, 1.0, False, "d")
    body = body_of(only_request(post))["flavor"]
    assert body == {
        "name": "f",
        "ram": 512,
        "vcpus": 1,
        "disk": 10,
        "id": "f1",
        "OS-FLV-EXT-DATA:ephemeral": 2,
        "swap": 256,
        "os-flavor-access:is_public": False,
        "description": "d",
    }  # rxtx_factor: Nova removed it at 2.102 (this client's 2.104): the default is left out


def test_server_groups_instance_actions_services_positional(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    groups = mock.get(COMPUTE_URL + "/os-server-groups", json={"server_groups": []})
    actions = mock.get(
        f"{COMPUTE_URL}/servers/{SERVER_ID}/os-instance-actions", json={"instanceActions": []}
    )
    down = mock.put(COMPUTE_URL + "/os-services/force-down", json={"service": {"id": 1}})
    down_53 = mock.put(f"{COMPUTE_URL}/os-services/{UUID}", json={"service": {"id": UUID}})
    make_client("2.58").server_groups.list(True, 5, 2)
    assert query_of(only_request(groups)) == {
        "all_projects": ["True"],
        "limit": ["5"],
        "offset": ["2"],
    }
    make_client("2.58").instance_actions.list(SERVER_ID, "req-0", 3)
    assert query_of(only_request(actions)) == {"marker": ["req-0"], "limit": ["3"]}
    make_client("2.11").services.force_down("h1", "nova-compute", True)
    assert body_of(only_request(down)) == {
        "host": "h1",
        "binary": "nova-compute",
        "forced_down": True,
    }
    make_client("2.53").services.force_down(UUID, False)
    assert body_of(only_request(down_53)) == {"forced_down": False}
    make_client("2.53").services.enable(service_uuid=UUID)
    assert body_of(down_53.last_request) == {"status": "enabled"}


def test_availability_zones_default_to_the_detailed_view(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    detail = mock.get(
        COMPUTE_URL + "/os-availability-zone/detail", json={"availabilityZoneInfo": []}
    )
    cs.availability_zones.list()
    assert only_request(detail).path == "/v2.1/os-availability-zone/detail"


def test_resize_disk_config_and_create_image_returns_the_id_string(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    action = mock.post(
        f"{COMPUTE_URL}/servers/{SERVER_ID}/action", json={"image_id": UUID}, headers=RID
    )
    cs = make_client("2.45")
    cs.servers.resize(SERVER_ID, "f2", "AUTO")
    assert body_of(only_request(action)) == {
        "resize": {"flavorRef": "f2", "OS-DCF:diskConfig": "AUTO"}
    }
    image = cs.servers.create_image(SERVER_ID, image_name="snap")
    assert isinstance(image, str) and image == UUID and image.request_ids == ["req-1"]
    assert body_of(action.last_request) == {"createImage": {"name": "snap"}}
    backup = cs.servers.backup(SERVER_ID, backup_name="b", backup_type="daily", rotation=1)
    assert backup == {"image_id": UUID} and backup.request_ids == ["req-1"]


def test_server_metadata_items_and_ips(mock: requests_mock.Mocker, cs: Client) -> None:
    url = f"{COMPUTE_URL}/servers/{SERVER_ID}"
    listing = mock.get(url + "/metadata", json={"metadata": {"a": "1"}}, headers=RID)
    one = mock.get(url + "/metadata/a", json={"meta": {"a": "1"}})
    put = mock.put(url + "/metadata/a", json={"meta": {"a": "2"}})
    ips = mock.get(url + "/ips", json={"addresses": {"net": [{"version": 4, "addr": "10.0.0.3"}]}})
    found = cs.servers.list_meta(SERVER_ID)
    assert found == {"metadata": {"a": "1"}} and found.request_ids == ["req-1"]
    assert only_request(listing).method == "GET"
    assert cs.servers.get_meta(SERVER_ID, "a") == {"meta": {"a": "1"}} and one.called_once
    assert cs.servers.set_meta_item(SERVER_ID, "a", "2") == {"a": "2"}
    assert body_of(only_request(put)) == {"meta": {"a": "2"}}
    assert cs.servers.ips(SERVER_ID) == {"net": [{"version": 4, "addr": "10.0.0.3"}]}
    assert ips.called_once


def test_flavor_extra_specs_results_carry_request_ids(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    url = COMPUTE_URL + "/flavors/f1/os-extra_specs"
    mock.get(url, json={"extra_specs": {"hw:cpu_policy": "dedicated"}}, headers=RID)
    post = mock.post(url, json={"extra_specs": {"k": "v"}}, headers=RID)
    gone = mock.delete(url + "/k", headers=RID)
    specs = cs.flavors.get_keys("f1")
    assert specs == {"hw:cpu_policy": "dedicated"} and specs.request_ids == ["req-1"]
    assert cs.flavors.set_keys("f1", metadata={"k": "v"}).request_ids == ["req-1"]
    assert body_of(only_request(post)) == {"extra_specs": {"k": "v"}}
    removed = cs.flavors.unset_keys("f1", ["k"])
    assert removed == () and removed.request_ids == ["req-1"] and gone.called_once


def test_glance_find_images_two_requests(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    cs = make_client("2.104", image_url="http://image.test")
    images = "http://image.test/v2/images"
    by_id = mock.get(images + "?id=in:cirros," + UUID, json={"images": [{"id": UUID, "name": "a"}]})
    by_name = mock.get(
        images + "?name=in:cirros," + UUID, json={"images": [{"id": "i2", "name": "cirros"}]}
    )
    found = cs.glance.find_images(["cirros", UUID])
    assert [i.id for i in found] == [UUID, "i2"]
    assert by_id.called_once and by_name.called_once


def test_deletes_answer_request_ids_both_ways(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.delete(f"{COMPUTE_URL}/servers/{SERVER_ID}", status_code=204, headers=RID)
    mock.delete(COMPUTE_URL + "/flavors/f1", status_code=202, headers=RID)
    for result in (cs.servers.delete(SERVER_ID), cs.flavors.delete("f1")):
        assert result == ["req-1"] and result.request_ids == ["req-1"]


def test_absolute_limits_iterate_as_python_novaclient_objects(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    absolute = {"maxTotalCores": 20, "totalCoresUsed": 2}
    mock.get(COMPUTE_URL + "/limits", json={"limits": {"absolute": absolute, "rate": []}})
    limits = cs.limits.get()
    assert {x.name: x.value for x in limits.absolute} == absolute  # python-novaclient's form
    assert limits.absolute == absolute and limits.absolute["maxTotalCores"] == 20  # ours
    assert sorted(limits.absolute) == ["maxTotalCores", "totalCoresUsed"]
    assert list(limits.rate) == []
