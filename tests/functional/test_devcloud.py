"""The dev cloud is the real nova API: checked with plain ``requests``."""

from __future__ import annotations

import requests

from tests.devcloud import DevCloud
from tests.functional.conftest import keystone_session

NOAUTH_ADMIN = {"X-Auth-Token": "admin:admin"}


def test_version_document_shows_max_microversion(devcloud: DevCloud) -> None:
    resp = requests.get(devcloud.noauth_endpoint + "/", headers=NOAUTH_ADMIN, timeout=30)
    assert resp.status_code == 200
    version = resp.json()["version"]
    assert version["id"] == "v2.1"
    assert version["version"] == "2.104"
    assert version["min_version"] == "2.1"


def test_noauth_flavor_list_has_six_default_flavors(devcloud: DevCloud) -> None:
    resp = requests.get(devcloud.noauth_endpoint + "/flavors", headers=NOAUTH_ADMIN, timeout=30)
    assert resp.status_code == 200
    names = {f["name"] for f in resp.json()["flavors"]}
    assert len(names) == 6
    assert "m1.tiny" in names


def test_noauth_without_token_is_401(devcloud: DevCloud) -> None:
    resp = requests.get(devcloud.noauth_endpoint + "/flavors", timeout=30)
    assert resp.status_code == 401


def test_keystone_login_then_flavors_detail(devcloud: DevCloud) -> None:
    sess = keystone_session(devcloud, "admin")
    endpoint = sess.get_endpoint(
        service_type="compute", interface="public", region_name="RegionOne"
    )
    assert endpoint == devcloud.keystone_endpoint
    resp = sess.get(endpoint + "/flavors/detail", headers={"OpenStack-API-Version": "compute 2.61"})
    assert resp.status_code == 200
    assert resp.headers["OpenStack-API-Version"] == "compute 2.61"
    flavors = resp.json()["flavors"]
    assert len(flavors) == 6
    assert all("extra_specs" in f for f in flavors)


def test_keystone_bad_token_is_401(devcloud: DevCloud) -> None:
    resp = requests.get(
        devcloud.keystone_endpoint + "/flavors", headers={"X-Auth-Token": "not-a-token"}, timeout=30
    )
    assert resp.status_code == 401
    assert "Keystone uri=" in resp.headers.get("WWW-Authenticate", "")


def test_demo_user_cannot_create_flavors(devcloud: DevCloud) -> None:
    body = {"flavor": {"name": "demo-forbidden", "ram": 64, "vcpus": 1, "disk": 1}}
    resp = requests.post(
        devcloud.noauth_endpoint + "/flavors",
        json=body,
        headers={"X-Auth-Token": "demo:demo"},
        timeout=30,
    )
    assert resp.status_code == 403
    sess = keystone_session(devcloud, "demo")
    resp = sess.post(devcloud.keystone_endpoint + "/flavors", json=body, raise_exc=False)
    assert resp.status_code == 403


def test_env_helpers(devcloud: DevCloud) -> None:
    assert devcloud.noauth_env() == {
        "OS_AUTH_TYPE": "admin_token",
        "OS_TOKEN": "admin:admin",
        "OS_ENDPOINT_OVERRIDE": devcloud.noauth_endpoint,
        "OS_IMAGE_URL": devcloud.image_url,
        "OS_NETWORK_URL": devcloud.network_url,
    }
    creds = devcloud.credentials("demo")
    assert creds["OS_USERNAME"] == creds["OS_PROJECT_NAME"] == "demo"
    assert set(creds) == {
        "OS_AUTH_URL",
        "OS_USERNAME",
        "OS_PASSWORD",
        "OS_PROJECT_NAME",
        "OS_USER_DOMAIN_NAME",
        "OS_PROJECT_DOMAIN_NAME",
        "OS_REGION_NAME",
    }
    assert list(devcloud.images) == ["cirros-0.6.3", "tiny-raw"]
    assert devcloud.log_path.exists()
