"""``nova api`` against the real Nova API, on both ports (noauth admin_token and keystone).

GET a listing, POST an action and see it done, a 404 with its request id,
``--dry-run`` that changes nothing, and the catalog's other services
(placement, image) on the keystone port.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.devcloud import DevCloud
from tests.functional.conftest import NovaCli
from tests.functional.conftest import unique as name


@pytest.fixture(scope="module")
def vm(cs: Any, devcloud: DevCloud, wait_server: Any) -> Iterator[Any]:
    """One ACTIVE server of this auth mode's admin."""
    server = cs.servers.create(name("api"), devcloud.image_id, "1", networks="none")
    try:
        yield wait_server(server.id)
    finally:
        cs.servers.delete(server.id)


def api(nova_cli: NovaCli, env: dict[str, str], *argv: str) -> tuple[str, str, int]:
    return nova_cli(env, ["api", *argv])


def test_get_servers_is_the_json_nova_answers(
    nova_cli: NovaCli, env: dict[str, str], vm: Any, cs: Any
) -> None:
    out, err, rc = api(nova_cli, env, "GET", f"/servers?name=^{vm.name}$")
    assert rc == 0, err
    assert err == ""
    assert out.startswith('{\n  "servers": [\n')  # pretty-printed
    assert [s["id"] for s in json.loads(out)["servers"]] == [vm.id]
    out, err, rc = api(nova_cli, env, "get", f"/servers/{vm.id}", "-f", "json")
    assert rc == 0, err
    assert out.count("\n") == 1  # compact: one line
    server = json.loads(out)["server"]
    assert server["id"] == vm.id
    # the negotiated microversion was sent: 2.96+ shows pinned_availability_zone
    assert "pinned_availability_zone" in server and str(cs.api_version) == "2.104"


def test_get_hypervisors_as_admin(nova_cli: NovaCli, env: dict[str, str]) -> None:
    out, err, rc = api(nova_cli, env, "GET", "/os-hypervisors/detail", "-f", "json")
    assert rc == 0, err
    hypervisors = json.loads(out)["hypervisors"]
    assert len(hypervisors) == 2  # the dev cloud's two compute hosts
    assert all(uuid.UUID(h["id"]) for h in hypervisors)  # UUID ids: 2.53+ was negotiated


def test_post_an_action_and_see_it_done(
    nova_cli: NovaCli, env: dict[str, str], vm: Any, cs: Any
) -> None:
    out, err, rc = api(
        nova_cli,
        env,
        "POST",
        f"/servers/{vm.id}/action",
        "--data",
        '{"lock": {"locked_reason": "nova api test"}}',
        "-i",
    )
    try:
        assert rc == 0, err
        assert out.splitlines()[0] == "HTTP 202"
        assert re.search(r"^x-openstack-request-id: req-[0-9a-f-]{36}$", out, re.M | re.I)
        server = cs.servers.get(vm.id)
        assert (server.locked, server.locked_reason) == (True, "nova api test")
    finally:
        api(nova_cli, env, "POST", f"/servers/{vm.id}/action", "-d", '{"unlock": null}')
    assert cs.servers.get(vm.id).locked is False


def test_a_404_is_one_line_with_the_request_id(nova_cli: NovaCli, env: dict[str, str]) -> None:
    missing = str(uuid.uuid4())
    out, err, rc = api(nova_cli, env, "GET", f"/servers/{missing}")
    assert rc == 1
    assert out == ""
    assert re.fullmatch(
        rf"ERROR \(NotFound\): Instance {missing} could not be found\. "
        r"\(HTTP 404\) \(Request-ID: req-[0-9a-f-]{36}\)\n",
        err,
    ), err


def test_dry_run_prints_and_changes_nothing(
    nova_cli: NovaCli, env: dict[str, str], vm: Any, cs: Any
) -> None:
    out, err, rc = nova_cli(env, ["--dry-run", "api", "DELETE", f"/servers/{vm.id}"])
    assert rc == 0, err
    assert err == "Dry run: 1 request printed, none sent.\n"
    assert out.splitlines()[0] == f"DELETE {cs.api.endpoint}/servers/{vm.id}"
    assert f"OpenStack-API-Version: compute {cs.api_version}" in out.splitlines()
    out, err, rc = nova_cli(
        env, ["--dry-run", "api", "POST", f"/servers/{vm.id}/action", "-d", '{"lock": null}']
    )
    assert rc == 0, err
    assert out.endswith('\n\n{\n  "lock": null\n}\n')
    server = cs.servers.get(vm.id)
    assert (server.status, server.locked) == ("ACTIVE", False)


def test_placement_and_image_through_the_keystone_catalog(
    nova_cli: NovaCli, clouds: Any, devcloud: DevCloud
) -> None:
    """Placement's version document and its 403 (the dev cloud's placement takes only
    noauth ``user:project`` tokens, so a Keystone token is not an admin there)."""
    env = clouds.env("keystone")
    out, err, rc = api(nova_cli, env, "GET", "/", "--service", "placement", "-f", "json")
    assert rc == 0, err
    assert [v["id"] for v in json.loads(out)["versions"]] == ["v1.0"]
    out, err, rc = api(
        nova_cli,
        env,
        "GET",
        "/resource_providers",
        "--service",
        "placement",
        "-H",
        "OpenStack-API-Version: placement 1.14",
    )
    assert (rc, out) == (1, "")
    assert re.fullmatch(
        r"ERROR \(Forbidden\): .*Policy does not allow placement:resource_providers"
        r":list to be performed\. \(HTTP 403\) \(Request-ID: req-[0-9a-f-]{36}\)\n",
        err,
    ), err  # placement's {"errors": [{"detail": ...}]}
    out, err, rc = api(nova_cli, env, "GET", "/v2/images", "--service", "image", "-f", "json")
    assert rc == 0, err
    assert devcloud.image_id in {i["id"] for i in json.loads(out)["images"]}


def test_other_services_need_a_catalog(nova_cli: NovaCli, clouds: Any) -> None:
    out, err, rc = api(
        nova_cli, clouds.env("noauth"), "GET", "/resource_providers", "--service", "placement"
    )
    assert (rc, out) == (1, "")
    assert err.startswith("ERROR (EndpointNotFound): No placement service in the catalog")
    assert err.count("\n") == 1
