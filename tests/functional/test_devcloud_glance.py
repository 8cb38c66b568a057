"""The dev cloud's real Glance and its Network API view, checked with plain
requests/keystoneauth1 (not the library), in both auth modes.

What a client of issue 11 relies on: the catalog entries, the noauth
endpoints (``OS_IMAGE_URL``), the seeded image names, nova reading and writing
images through this Glance, and network names resolving to what nova boots on.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

import pytest
import requests

from tests.devcloud import DevCloud
from tests.devcloud.server_glance import payload, qcow2_image
from tests.functional.conftest import ServiceApi, keystone_session
from tests.functional.conftest import unique as name

SEEDED = {"cirros-0.6.3": "qcow2", "tiny-raw": "raw"}


@pytest.fixture(scope="module")
def network(service_api: Callable[..., ServiceApi], mode: str) -> ServiceApi:
    return service_api("network", mode)


def test_catalog_has_image_and_network_in_the_compute_region(devcloud: DevCloud) -> None:
    sess = keystone_session(devcloud, "demo")
    found = {
        stype: sess.get_endpoint(service_type=stype, interface="public", region_name="RegionOne")
        for stype in ("compute", "image", "network")
    }
    assert found == {
        "compute": devcloud.keystone_endpoint,
        "image": devcloud.image_keystone_url,
        "network": devcloud.network_keystone_url,
    }


def test_noauth_env_names_the_image_and_network_endpoints(devcloud: DevCloud) -> None:
    env = devcloud.noauth_env("demo", "demo")
    assert env["OS_IMAGE_URL"] == devcloud.image_url == f"http://127.0.0.1:{devcloud.port + 3}"
    assert env["OS_NETWORK_URL"] == devcloud.network_url
    versions = requests.get(env["OS_IMAGE_URL"] + "/", timeout=30)
    assert versions.status_code == 300  # Glance's version document (no token needed)
    current = [v["id"] for v in versions.json()["versions"] if v["status"] == "CURRENT"]
    assert len(current) == 1 and current[0].startswith("v2.")


@pytest.mark.parametrize("image_name", sorted(SEEDED))
def test_seeded_images_are_public_active_and_hold_their_payload(
    glance: ServiceApi, devcloud: DevCloud, image_name: str
) -> None:
    listed = glance.get(f"/v2/images?name={image_name}")["images"]
    assert len(listed) == 1
    image = listed[0]
    assert image["id"] == devcloud.images[image_name]
    data = payload(SEEDED[image_name])
    assert (
        image["status"],
        image["visibility"],
        image["disk_format"],
        image["container_format"],
        image["size"],
    ) == ("active", "public", SEEDED[image_name], "bare", len(data))
    assert image["os_hash_value"] == hashlib.sha512(data).hexdigest()
    download = glance.request("GET", f"/v2/images/{image['id']}/file")
    assert download.status_code == 200
    assert download.content == data


def test_the_default_image_is_the_cirros_seed(devcloud: DevCloud) -> None:
    assert (devcloud.image_name, devcloud.image_id) == (
        "cirros-0.6.3",
        devcloud.images["cirros-0.6.3"],
    )
    assert devcloud.image_ids == list(devcloud.images.values())
    assert qcow2_image()[:4] == b"QFI\xfb"


def test_a_demo_user_sees_public_images_but_cannot_delete_them(
    service_api: Callable[..., ServiceApi], mode: str, devcloud: DevCloud
) -> None:
    demo = service_api("image", mode, "demo")
    names = {i["name"] for i in demo.get("/v2/images")["images"]}
    assert set(SEEDED) <= names
    assert demo.request("DELETE", f"/v2/images/{devcloud.image_id}").status_code == 403
    assert demo.image(devcloud.image_id)["status"] == "active"


def test_noauth_glance_needs_a_token(devcloud: DevCloud) -> None:
    assert requests.get(devcloud.image_url + "/v2/images", timeout=30).status_code == 401


@pytest.mark.parametrize("token", ["admin:admin", "not-a-token"])
def test_keystone_glance_and_network_view_reject_other_tokens(
    devcloud: DevCloud, token: str
) -> None:
    for url in (
        devcloud.image_keystone_url + "/v2/images",
        devcloud.network_keystone_url + "/v2.0/networks",
    ):
        resp = requests.get(url, headers={"X-Auth-Token": token}, timeout=30)
        assert resp.status_code == 401, url


def test_nova_boots_from_an_image_uploaded_to_glance(
    cs: Any, glance: ServiceApi, wait_server: Any, image_proxy: Any
) -> None:
    image_name = name("uploaded")
    created = glance.request(
        "POST",
        "/v2/images",
        json={"name": image_name, "disk_format": "raw", "container_format": "bare"},
    )
    assert created.status_code == 201, created.text
    image_id = created.json()["id"]
    assert created.json()["status"] == "queued"
    upload = glance.request(
        "PUT",
        f"/v2/images/{image_id}/file",
        data=bytes(4096),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert upload.status_code == 204, upload.text
    assert image_proxy(image_id)["name"] == image_name  # nova sees it through Glance
    server = cs.servers.create(name("fromglance"), image_id, "1", networks="none")
    try:
        assert wait_server(server.id).image["id"] == image_id
    finally:
        cs.servers.delete(server.id)
        wait_server(server.id, "DELETED")
        assert glance.request("DELETE", f"/v2/images/{image_id}").status_code == 204
    assert glance.image(image_id) is None


def test_snapshot_goes_queued_saving_active_in_glance(
    cs: Any, clouds: Any, mode: str, glance: ServiceApi, wait_server: Any, devcloud: DevCloud
) -> None:
    server = cs.servers.create(name("snapsrc"), devcloud.image_id, "1", networks="none")
    wait_server(server.id)
    image_id = cs.servers.create_image(server.id, name("snap"), {"why": "test"})
    seen: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = glance.get(f"/v2/images/{image_id}")["status"]
        if not seen or seen[-1] != status:
            seen.append(status)
        if status not in ("queued", "saving"):
            break
        time.sleep(0.05)
    try:
        assert seen[-1] == "active"
        assert set(seen) <= {"queued", "saving", "active"}
        image = glance.image(image_id)
        assert (image["why"], image["image_type"], image["instance_uuid"]) == (
            "test",
            "snapshot",
            server.id,
        )
        assert image["owner"] == clouds.project_id(mode)
        assert (image["disk_format"], image["size"]) == ("qcow2", len(qcow2_image()))
        download = glance.request("GET", f"/v2/images/{image_id}/file")
        assert download.content == qcow2_image()
    finally:
        wait_server(server.id)
        cs.servers.delete(server.id)
        glance.request("DELETE", f"/v2/images/{image_id}")


def test_network_view_finds_networks_by_name_and_id(
    network: ServiceApi, devcloud: DevCloud
) -> None:
    net_id = devcloud.info["NETWORK_ID"]
    by_name = network.get(f"/v2.0/networks?name={devcloud.network_name}")["networks"]
    assert [n["id"] for n in by_name] == [net_id]
    assert network.get("/v2.0/networks?name=no-such-net") == {"networks": []}
    assert network.get(f"/v2.0/networks?name={devcloud.network_name}&fields=id") == {
        "networks": [{"id": net_id}]
    }
    one = network.get(f"/v2.0/networks/{net_id}")["network"]
    assert (one["id"], one["name"], one["status"]) == (net_id, "private", "ACTIVE")
    missing = network.request("GET", "/v2.0/networks/0bad0bad-0000-4000-8000-000000000000")
    assert missing.status_code == 404
    assert missing.json()["NeutronError"]["type"] == "NetworkNotFound"


def test_network_view_is_read_only(network: ServiceApi, devcloud: DevCloud) -> None:
    resp = network.request("POST", "/v2.0/networks", json={"network": {"name": "x"}})
    assert resp.status_code == 405
    assert (
        network.request("DELETE", f"/v2.0/networks/{devcloud.info['NETWORK_ID']}").status_code
        == 405
    )
    assert requests.get(devcloud.network_url + "/v2.0/networks", timeout=30).status_code == 401


def test_boot_on_a_network_found_by_name_then_its_port(
    cs: Any, network: ServiceApi, wait_server: Any, devcloud: DevCloud
) -> None:
    found = network.get(f"/v2.0/networks?name={devcloud.network_name}&fields=id")
    net_id = found["networks"][0]["id"]
    server = cs.servers.create(name("bynet"), devcloud.image_id, "1", networks=[{"uuid": net_id}])
    try:
        wait_server(server.id)
        ports = network.get(f"/v2.0/ports?device_id={server.id}")["ports"]
        assert [(p["network_id"], p["device_id"]) for p in ports] == [(net_id, server.id)]
        assert network.get(f"/v2.0/ports/{ports[0]['id']}")["port"]["id"] == ports[0]["id"]
    finally:
        cs.servers.delete(server.id)
        wait_server(server.id, "DELETED")
    assert network.get(f"/v2.0/ports?device_id={server.id}") == {"ports": []}
