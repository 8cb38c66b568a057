"""Server commands end to end: argv -> HTTP requests -> stdout/stderr -> exit code."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import pytest
import requests_mock

from tests.unit.conftest import COMPUTE_URL, compute_requests
from tests.unit.shell import fixtures_servers as fx
from tests.unit.shell.conftest import RunCli, table_header, table_rows

SID = fx.SERVER_ID
SURL = f"{COMPUTE_URL}/servers/{SID}"
ACTION = f"{SURL}/action"


# -- helpers ---------------------------------------------------------------------------------


def sent(m: requests_mock.Mocker, method: str | None = None) -> list[Any]:
    """Compute requests (version discovery excluded), optionally of one method."""
    return [r for r in compute_requests(m) if method is None or r.method == method]


def calls(m: requests_mock.Mocker) -> list[tuple[str, str]]:
    """(method, path?query) of every compute request, in order."""
    out = []
    for r in compute_requests(m):
        parts = urllib.parse.urlsplit(r.url)
        query = urllib.parse.unquote(parts.query)
        out.append((r.method, parts.path.removeprefix("/v2.1") + (f"?{query}" if query else "")))
    return out


def query(request: Any) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(request.url).query)


def version_of(request: Any) -> str | None:
    return request.headers.get("X-OpenStack-Nova-API-Version")


def record(text: str) -> dict[str, str]:
    """A Property/Value table as a dict (continuation rows appended)."""
    result: dict[str, str] = {}
    key = ""
    for cells in table_rows(text):
        if cells[0]:
            key = cells[0]
            result[key] = cells[1]
        else:
            result[key] += "\n" + cells[1]
    return result


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def get_server(m: requests_mock.Mocker, body: dict[str, Any] | None = None,
               server_id: str = SID) -> Any:
    return m.get(f"{COMPUTE_URL}/servers/{server_id}",
                 json={"server": body or fx.server(server_id)})


def flavor_get(m: requests_mock.Mocker, flavor_id: str = "1", name: str = "m1.tiny") -> Any:
    return m.get(f"{COMPUTE_URL}/flavors/{flavor_id}", json={"flavor": fx.flavor(flavor_id, name)})


# -- boot ------------------------------------------------------------------------------------


def boot_mocks(m: requests_mock.Mocker) -> Any:
    flavor_get(m)
    get_server(m, fx.server(status="BUILD", task_state="scheduling", power_state=0))
    return m.post(f"{COMPUTE_URL}/servers", json=fx.created(), status_code=202)


def test_boot_minimal(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} vm1")
    assert result.exit_code == 0, result.stderr
    assert post.called_once
    assert post.last_request.json() == {"server": {
        "name": "vm1", "flavorRef": "1", "imageRef": fx.IMAGE_ID, "networks": "auto"}}
    assert version_of(post.last_request) == "2.104"
    assert post.last_request.headers["OpenStack-API-Version"] == "compute 2.104"
    assert calls(mock) == [("GET", "/flavors/1"), ("POST", "/servers"),
                           ("GET", f"/servers/{SID}")]
    shown = record(result.stdout)
    assert shown["adminPass"] == fx.ADMIN_PASS
    assert shown["id"] == SID
    assert shown["status"] == "BUILD"
    assert shown["OS-EXT-STS:task_state"] == "scheduling"
    assert shown["private network"] == "192.168.1.30, fd00::30"
    assert shown["flavor:original_name"] == "m1.tiny"
    assert shown["image"] == fx.IMAGE_ID
    assert shown["security_groups"] == "default"
    assert shown["metadata"] == '{"role": "web"}'
    assert "links" not in shown and "addresses" not in shown and "flavor" not in shown
    assert result.stderr == ""


def test_boot_every_option(run_cli: RunCli, mock: requests_mock.Mocker, tmp_path: Any) -> None:
    post = boot_mocks(mock)
    user_data = tmp_path / "cloud-init.yaml"
    user_data.write_bytes(b"#cloud-config\n")
    result = run_cli([
        "boot", "--flavor", "1", "--image", fx.IMAGE_ID,
        "--nic", f"net-id={fx.NET_ID},v4-fixed-ip=10.0.0.5,tag=eth0",
        "--nic", f"port-id={fx.PORT_ID}", "--nic", f"net-id={fx.NET_ID},v6-fixed-ip=fd00::5",
        "--meta", "role=web", "--meta", "expr=a=b", "--key-name", "mykey",
        "--user-data", str(user_data), "--security-groups", "default,web",
        "--availability-zone", "nova", "--description", "web server", "--tags", "t1,t2",
        "--min-count", "2", "--max-count", "3", "--config-drive", "true",
        "--hint", "group=g1", "--hint", "same_host=a", "--hint", "same_host=b",
        "--block-device", f"source=volume,id={fx.VOLUME_ID},dest=volume,size=10,"
                          "shutdown=remove,bootindex=1,tag=data,volume_type=fast",
        "--ephemeral", "size=2,format=ext4", "--swap", "512",
        "--admin-pass", "s3cret", "--hostname", "web-1", "vm1"])
    assert result.exit_code == 0, result.stderr
    local = {"source_type": "blank", "destination_type": "local", "boot_index": -1,
             "delete_on_termination": True}
    assert post.last_request.json() == {
        "server": {
            "name": "vm1", "flavorRef": "1", "imageRef": fx.IMAGE_ID,
            "metadata": {"role": "web", "expr": "a=b"},
            "user_data": "I2Nsb3VkLWNvbmZpZwo=",
            "security_groups": [{"name": "default"}, {"name": "web"}],
            "block_device_mapping_v2": [
                {"source_type": "volume", "uuid": fx.VOLUME_ID, "destination_type": "volume",
                 "volume_size": 10, "delete_on_termination": True, "boot_index": 1,
                 "tag": "data", "volume_type": "fast"},
                {**local, "volume_size": 2, "guest_format": "ext4"},
                {**local, "guest_format": "swap", "volume_size": 512},
            ],
            "min_count": 2, "max_count": 3,
            "networks": [{"uuid": fx.NET_ID, "fixed_ip": "10.0.0.5", "tag": "eth0"},
                         {"port": fx.PORT_ID}, {"uuid": fx.NET_ID, "fixed_ip": "fd00::5"}],
            "description": "web server", "tags": ["t1", "t2"], "hostname": "web-1",
            "key_name": "mykey", "availability_zone": "nova", "adminPass": "s3cret",
            "config_drive": True,
        },
        "os:scheduler_hints": {"group": "g1", "same_host": ["a", "b"]},
    }


def test_boot_from_volume_without_image(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    result = run_cli(f"boot --flavor 1 --boot-volume {fx.VOLUME_ID} --nic none vm1")
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json() == {"server": {
        "name": "vm1", "flavorRef": "1", "networks": "none",
        "block_device_mapping_v2": [{
            "uuid": fx.VOLUME_ID, "source_type": "volume", "destination_type": "volume",
            "boot_index": 0, "delete_on_termination": False}]}}


def test_boot_key_name_from_environment(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    from tests.unit.shell.conftest import DEFAULT_VARS

    post = boot_mocks(mock)
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} vm1",
                     env_vars={**DEFAULT_VARS, "NOVACLIENT_DEFAULT_KEY_NAME": "envkey"})
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["server"]["key_name"] == "envkey"


def test_boot_at_2_1_sends_no_networks(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    get_server(mock, fx.server_old(status="BUILD"))
    result = run_cli(f"--os-compute-api-version 2.1 boot --flavor 1 --image {fx.IMAGE_ID} vm1")
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json() == {"server": {
        "name": "vm1", "flavorRef": "1", "imageRef": fx.IMAGE_ID}}
    assert version_of(post.last_request) == "2.1"
    assert "OpenStack-API-Version" not in post.last_request.headers
    assert record(result.stdout)["flavor"] == "m1.tiny (1)"


def test_boot_wait_polls_until_active(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    mock.get(SURL, [{"json": {"server": fx.server(status="BUILD", task_state="spawning")}},
                    {"json": {"server": fx.server()}}])
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} --poll vm1")
    assert result.exit_code == 0, result.stderr
    shown = record(result.stdout)
    assert (shown["status"], shown["adminPass"]) == ("ACTIVE", fx.ADMIN_PASS)
    assert [c for c in calls(mock) if c[0] == "GET"][1:] == [("GET", f"/servers/{SID}")] * 2


def test_boot_wait_error_state(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    mock.get(SURL, json={"server": fx.server(status="ERROR", fault={
        "code": 500, "message": "No valid host was found."})})
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} --wait vm1")
    assert (result.exit_code, result.stdout) == (1, "")
    assert one_line(result.stderr) == (f"ERROR (ResourceInErrorState): Server {SID} is in ERROR "
                                       "state: No valid host was found.")


def test_boot_return_reservation_id(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    flavor_get(mock)
    post = mock.post(f"{COMPUTE_URL}/servers", json={"reservation_id": "r-3bn8nnxm"},
                     status_code=202)
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} --max-count 3 "
                     "--return-reservation-id vm")
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["server"]["return_reservation_id"] is True
    assert record(result.stdout) == {"reservation_id": "r-3bn8nnxm"}
    assert calls(mock)[-1] == ("POST", "/servers")


def test_boot_json_output(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    result = run_cli(f"-f json boot --flavor 1 --image {fx.IMAGE_ID} vm1")
    data = json.loads(result.stdout)
    assert data["adminPass"] == fx.ADMIN_PASS
    assert data["private network"] == "192.168.1.30, fd00::30"
    assert data["metadata"] == {"role": "web"}


@pytest.mark.parametrize("nic, named", [
    ("net-id=not-a-uuid", "net-id=not-a-uuid"),
    ("foo=bar", "foo=bar"),
    (f"net-id={fx.NET_ID},port-id={fx.PORT_ID}", "port-id"),
    (f"v4-fixed-ip=10.0.0.1,net-id={fx.NET_ID},v4-fixed-ip=10.0.0.2", "v4-fixed-ip=10.0.0.2"),
    (f"net-id={fx.NET_ID},v4-fixed-ip=999.1.1.1", "'999.1.1.1' is not an IPv4 address"),
    (f"net-id={fx.NET_ID},v6-fixed-ip=10.0.0.1", "'10.0.0.1' is not an IPv6 address"),
    (f"auto,net-id={fx.NET_ID}", "auto or none"),
    ("net-name=private", "net-name needs the Network API"),
    ("v4-fixed-ip=10.0.0.1", "exactly one of net-id or port-id"),
])
def test_boot_bad_nic_sends_nothing(run_cli: RunCli, mock: requests_mock.Mocker,
                                    nic: str, named: str) -> None:
    boot_mocks(mock)
    result = run_cli(["boot", "--flavor", "1", "--image", fx.IMAGE_ID, "--nic", nic, "vm1"])
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert line.startswith("ERROR (ValidationError): ") and named in line
    assert result.stdout == ""
    assert sent(mock) == []


def test_boot_auto_with_another_nic_is_refused(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} --nic auto --nic none vm1")
    assert result.exit_code == 1
    assert "auto or none cannot be used with any other --nic" in one_line(result.stderr)
    assert sent(mock, "POST") == []


def test_boot_nic_tag_needs_2_42(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    result = run_cli(f"--os-compute-api-version 2.40 boot --flavor 1 --image {fx.IMAGE_ID} "
                     f"--nic net-id={fx.NET_ID},tag=eth0 vm1")
    assert result.exit_code == 1
    assert "UnsupportedAttribute" in one_line(result.stderr)
    assert sent(mock, "POST") == []


@pytest.mark.parametrize("option, named", [
    (["--meta", "novalue"], "Invalid --meta 'novalue'"),
    (["--meta", "=v"], "Invalid --meta '=v'"),
    (["--meta", "bad/key=v"], "'bad/key'"),
    (["--meta", "k=" + "v" * 256], "Metadata value of 'k'"),
    (["--hint", "novalue"], "Invalid --hint 'novalue'"),
    (["--block-device", "source=disk"], "source must be volume, image, snapshot or blank"),
    (["--block-device", "source=volume,dest=cloud"], "dest must be local or volume"),
    (["--block-device", "shutdown=keep"], "shutdown must be remove or preserve"),
    (["--block-device", "size=big"], "size must be an integer"),
    (["--block-device", "colour=red"], "'colour=red' is not key=value"),
    (["--ephemeral", "size=x"], "Invalid --ephemeral 'size=x'"),
    (["--config-drive", "maybe"], "'--config-drive' option must be a boolean"),
    (["--tags", "a/b"], "Invalid tag 'a/b'"),
])
def test_boot_bad_values_send_nothing(run_cli: RunCli, mock: requests_mock.Mocker,
                                      option: list[str], named: str) -> None:
    post = boot_mocks(mock)
    result = run_cli(["boot", "--flavor", "1", "--image", fx.IMAGE_ID, *option, "vm1"])
    assert result.exit_code == 1
    assert named in one_line(result.stderr)
    assert not post.called


@pytest.mark.parametrize("cmdline, code, named", [
    ("boot --flavor 1 --image cirros vm1", 1, "'cirros' is not an image ID"),
    ("boot --image {img} vm1", 1, "you need to specify a Flavor ID"),
    ("boot --flavor 1 vm1", 1, "you need to specify exactly one source ID"),
    ("boot --flavor 1 --image {img} --boot-volume {vol} vm1", 1, "exactly one source ID"),
    ("boot --flavor 1 --image {img} --min-count 0 vm1", 2, "'0' is not a positive integer"),
    ("boot --flavor 1 --image {img} --min-count 3 --max-count 2 vm1", 1,
     "min_count must not exceed max_count"),
    ("boot --flavor 1 --image {img} --user-data /nonexistent/file vm1", 1,
     "Can't open '/nonexistent/file'"),
])
def test_boot_usage_errors(run_cli: RunCli, mock: requests_mock.Mocker, cmdline: str,
                           code: int, named: str) -> None:
    post = boot_mocks(mock)
    result = run_cli(cmdline.format(img=fx.IMAGE_ID, vol=fx.VOLUME_ID))
    assert result.exit_code == code
    assert named in one_line(result.stderr)
    assert not post.called


def test_boot_tags_before_2_52(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    result = run_cli(f"--os-compute-api-version 2.51 boot --flavor 1 --image {fx.IMAGE_ID} "
                     "--tags a vm1")
    assert result.exit_code == 1
    assert "'--tags' needs compute API microversion 2.52 or later" in one_line(result.stderr)
    assert not post.called


# -- list ------------------------------------------------------------------------------------


def test_list_default_fetches_every_page(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", [
        {"json": fx.servers_page(fx.server(SID, "web"), next_marker=SID)},
        {"json": fx.servers_page(fx.server(fx.SERVER2_ID, "db", status="SHUTOFF",
                                           task_state="powering-on", power_state=4,
                                           addresses={}))},
    ])
    result = run_cli("list")
    assert result.exit_code == 0, result.stderr
    assert detail.call_count == 2
    assert calls(mock) == [("GET", "/servers/detail"),
                           ("GET", f"/servers/detail?limit=1&marker={SID}")]
    assert table_header(result.stdout) == ["ID", "Name", "Status", "Task State", "Power State",
                                           "Networks"]
    assert table_rows(result.stdout) == [
        [fx.SERVER2_ID, "db", "SHUTOFF", "powering-on", "Shutdown", ""],
        [SID, "web", "ACTIVE", "-", "Running", "private=192.168.1.30, fd00::30"],
    ]


def test_list_filters_and_sort(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    flavor_get(mock)
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    result = run_cli(
        f"list --name ^web --status ACTIVE --flavor 1 --image {fx.IMAGE_ID} --host h1 "
        "--tenant p1 --user u1 --ip 10.0 --ip6 fd00 --limit 5 --marker m1 "
        "--sort name:asc,created_at --changes-since 2026-01-01T00:00:00Z "
        "--changes-before 2026-12-01T00:00:00Z --tags a,b --not-tags-any c --locked false "
        "--availability-zone nova --key-name k1 --deleted --reservation-id r-1")
    assert result.exit_code == 0, result.stderr
    assert query(detail.last_request) == {
        "all_tenants": ["1"], "name": ["^web"], "status": ["ACTIVE"], "flavor": ["1"],
        "image": [fx.IMAGE_ID], "host": ["h1"], "tenant_id": ["p1"], "user_id": ["u1"],
        "ip": ["10.0"], "ip6": ["fd00"], "limit": ["5"], "marker": ["m1"],
        "sort_key": ["name", "created_at"], "sort_dir": ["asc", "desc"],
        "changes-since": ["2026-01-01T00:00:00Z"], "changes-before": ["2026-12-01T00:00:00Z"],
        "tags": ["a,b"], "not-tags-any": ["c"], "locked": ["false"],
        "availability_zone": ["nova"], "key_name": ["k1"], "deleted": ["true"],
        "reservation_id": ["r-1"]}
    assert table_header(result.stdout) == ["ID", "Name", "Tenant ID", "Status", "Task State",
                                           "Power State", "Networks", "Updated"]


def test_list_all_tenants_from_environment(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    from tests.unit.shell.conftest import DEFAULT_VARS

    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    result = run_cli("list", env_vars={**DEFAULT_VARS, "ALL_TENANTS": "true"})
    assert result.exit_code == 0, result.stderr
    assert query(detail.last_request) == {"all_tenants": ["1"]}
    assert "Tenant ID" in table_header(result.stdout)
    assert run_cli("list --all-tenants 0").exit_code == 0
    assert query(detail.last_request) == {}


def test_list_limit_minus_one_means_all(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    assert run_cli("list --limit -1").exit_code == 0
    assert query(detail.last_request) == {}


def test_list_minimal(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    short = mock.get(f"{COMPUTE_URL}/servers", json={"servers": [
        {"id": SID, "name": "vm1", "links": []}]})
    result = run_cli("list --minimal")
    assert short.called_once
    assert table_header(result.stdout) == ["ID", "Name"]
    assert table_rows(result.stdout) == [[SID, "vm1"]]


def test_list_fields(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    result = run_cli("list --fields name,OS-EXT-STS:vm_state,flavor:original_name,networks,id")
    assert result.exit_code == 0, result.stderr
    assert table_header(result.stdout) == ["ID", "Name", "OS-EXT-STS: Vm State",
                                           "flavor: Original Name", "Networks"]
    assert table_rows(result.stdout) == [
        [SID, "vm1", "active", "m1.tiny", "private=192.168.1.30, fd00::30"]]


def test_list_json(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    result = run_cli("list -f json")
    assert json.loads(result.stdout) == [{
        "ID": SID, "Name": "vm1", "Status": "ACTIVE", "Task State": None,
        "Power State": "Running", "Networks": "private=192.168.1.30, fd00::30"}]


@pytest.mark.parametrize("cmdline, message", [
    ("list --fields name,bogus", "Non-existent fields are specified: ['bogus']"),
    ("list --sort name:up", "Unknown sort direction: up"),
    ("list --changes-since yesterday", "Invalid changes-since value: yesterday"),
    ("list --image cirros", "'cirros' is not an image ID"),
])
def test_list_bad_arguments(run_cli: RunCli, mock: requests_mock.Mocker, cmdline: str,
                            message: str) -> None:
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    result = run_cli(cmdline)
    assert result.exit_code == 1
    assert message in one_line(result.stderr)
    assert detail.call_count == (1 if "fields" in cmdline else 0)


def test_list_tags_need_2_26(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    result = run_cli("--os-compute-api-version 2.25 list --tags a")
    assert result.exit_code == 1
    assert "'--tags' needs compute API microversion 2.26 or later" in result.stderr
    assert not detail.called


# -- show and name lookup ------------------------------------------------------------------


def test_show_by_id(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    result = run_cli(f"show {SID}")
    assert result.exit_code == 0, result.stderr
    assert calls(mock) == [("GET", f"/servers/{SID}")]
    shown = record(result.stdout)
    assert shown["private network"] == "192.168.1.30, fd00::30"
    assert shown["flavor:vcpus"] == "1"
    assert shown["flavor:extra_specs"] == "{}"
    assert shown["OS-EXT-STS:task_state"] == "-"
    assert "OS-EXT-SRV-ATTR:user_data" not in shown
    assert list(shown) == sorted(shown)


def test_show_minimal_and_volume_backed(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock, fx.server(image=""))
    shown = record(run_cli(f"show --minimal {SID}").stdout)
    assert shown["flavor"] == "m1.tiny"
    assert shown["image"] == "Attempt to boot from volume - no image supplied"


def test_show_old_flavor_is_looked_up(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock, fx.server_old())
    mock.get(f"{COMPUTE_URL}/flavors/1", status_code=404,
             json={"itemNotFound": {"code": 404, "message": "Flavor 1 could not be found."}})
    result = run_cli(f"--os-compute-api-version 2.46 show {SID}")
    assert result.exit_code == 0, result.stderr
    assert record(result.stdout)["flavor"] == "Flavor not found (1)"


def test_show_by_name(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    detail = mock.get(f"{COMPUTE_URL}/servers/detail",
                      json=fx.servers_page(fx.server(SID, "vm1"), fx.server(fx.SERVER2_ID, "vm10")))
    result = run_cli("show vm1")
    assert result.exit_code == 0, result.stderr
    assert calls(mock) == [("GET", "/servers/detail?name=^vm1$")]
    assert record(result.stdout)["id"] == SID
    assert detail.called_once


def test_show_name_not_found(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    result = run_cli("show nope")
    assert (result.exit_code, result.stdout) == (1, "")
    assert one_line(result.stderr) == (
        "ERROR (ResourceNotFound): No server with a name or ID of 'nope' exists. (HTTP 404)")


def test_show_uuid_not_found_falls_back_to_name(run_cli: RunCli,
                                                mock: requests_mock.Mocker) -> None:
    mock.get(SURL, status_code=404,
             json={"itemNotFound": {"code": 404, "message": "Instance could not be found."}})
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    result = run_cli(f"show {SID}")
    assert result.exit_code == 1
    assert f"No server with a name or ID of '{SID}' exists." in one_line(result.stderr)


def test_show_name_not_unique(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail",
             json=fx.servers_page(fx.server(SID, "vm1"), fx.server(fx.SERVER2_ID, "vm1")))
    result = run_cli("show vm1")
    assert result.exit_code == 1
    assert one_line(result.stderr) == ("ERROR (NoUniqueMatch): Multiple server matches found "
                                       "for 'vm1', use an ID to be more specific.")


# -- update and delete -------------------------------------------------------------------------


def test_update_name_and_description(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    put = mock.put(SURL, json={"server": fx.server(name="vm2")})
    result = run_cli(f"update {SID} --name vm2 --description 'web tier'")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert put.last_request.json() == {"server": {"name": "vm2", "description": "web tier"}}


def test_update_empty_description_removes_it(run_cli: RunCli,
                                             mock: requests_mock.Mocker) -> None:
    get_server(mock)
    put = mock.put(SURL, json={"server": fx.server()})
    assert run_cli(["update", SID, "--description", ""]).exit_code == 0
    assert put.last_request.json() == {"server": {"description": None}}


def test_update_nothing(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    put = mock.put(SURL, json={"server": fx.server()})
    result = run_cli(f"update {SID}")
    assert result.exit_code == 1
    assert "Nothing to update" in one_line(result.stderr)
    assert not put.called


def test_update_description_before_2_19(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli(f"--os-compute-api-version 2.18 update {SID} --description x")
    assert result.exit_code == 1
    assert "'--description' needs compute API microversion 2.19" in one_line(result.stderr)
    assert sent(mock) == []


def test_delete_many_with_one_failure(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    get_server(mock, fx.server(fx.SERVER2_ID, "vm2"), fx.SERVER2_ID)
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    d1 = mock.delete(SURL, status_code=204)
    d2 = mock.delete(f"{COMPUTE_URL}/servers/{fx.SERVER2_ID}", status_code=409, json={
        "conflictingRequest": {"code": 409, "message": "Instance is locked."}})
    result = run_cli(f"delete {SID} ghost {fx.SERVER2_ID}")
    assert result.exit_code == 1
    assert d1.called_once and d2.called_once
    assert result.stdout == f"Request to delete server {SID} has been accepted.\n"
    assert result.stderr.splitlines() == [
        "ERROR (ResourceNotFound): No server with a name or ID of 'ghost' exists. (HTTP 404) "
        "for ghost",
        f"ERROR (Conflict): Instance is locked. (HTTP 409) for {fx.SERVER2_ID}",
    ]


def test_delete_by_uuid_sends_one_request_per_server(run_cli: RunCli,
                                                    mock: requests_mock.Mocker) -> None:
    mock.delete(SURL, status_code=204)
    mock.delete(f"{COMPUTE_URL}/servers/{fx.SERVER2_ID}", status_code=204)
    result = run_cli(f"delete {SID} {fx.SERVER2_ID}")
    assert result.exit_code == 0, result.stderr
    assert sorted(calls(mock)) == sorted([("DELETE", f"/servers/{SID}"),
                                          ("DELETE", f"/servers/{fx.SERVER2_ID}")])


def test_a_uuid_that_is_not_an_id_is_looked_up_as_a_name(run_cli: RunCli,
                                                        mock: requests_mock.Mocker) -> None:
    ghost = "00000000-0000-4000-8000-00000000dead"
    missing = {"status_code": 404, "json": {"itemNotFound": {"code": 404, "message": "nope"}}}
    mock.post(f"{COMPUTE_URL}/servers/{ghost}/action", **missing)
    mock.get(f"{COMPUTE_URL}/servers/{ghost}", **missing)
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    result = run_cli(f"stop {ghost}")
    assert result.exit_code == 1
    assert f"No server with a name or ID of '{ghost}' exists." in result.stderr
    assert [m for m, _ in calls(mock)] == ["POST", "GET", "GET"]


def test_delete_all_tenants_looks_names_up_everywhere(run_cli: RunCli,
                                                     mock: requests_mock.Mocker) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    mock.delete(SURL, status_code=204)
    result = run_cli("delete --all-tenants vm1")
    assert result.exit_code == 0, result.stderr
    assert calls(mock) == [("GET", "/servers/detail?name=^vm1$&all_tenants=1"),
                           ("DELETE", f"/servers/{SID}")]


def test_delete_wait_until_gone(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(SURL, [{"json": {"server": fx.server()}},
                    {"json": {"server": fx.server(status="ACTIVE", task_state="deleting")}},
                    {"status_code": 404, "json": {"itemNotFound": {"code": 404,
                                                                    "message": "gone"}}}])
    delete = mock.delete(SURL, status_code=204)
    result = run_cli(f"delete --wait {SID}")
    assert result.exit_code == 0, result.stderr
    assert delete.called_once
    assert result.stdout == f"Server {SID} has been deleted.\n"


# -- actions on several servers ------------------------------------------------------------------


@pytest.mark.parametrize("cmdline, body, verb", [
    ("reboot", {"reboot": {"type": "SOFT"}}, "reboot"),
    ("reboot --hard", {"reboot": {"type": "HARD"}}, "reboot"),
    ("stop", {"os-stop": None}, "stop"),
    ("start", {"os-start": None}, "start"),
    ("pause", {"pause": None}, "pause"),
    ("unpause", {"unpause": None}, "unpause"),
    ("suspend", {"suspend": None}, "suspend"),
    ("resume", {"resume": None}, "resume"),
    ("lock", {"lock": None}, "lock"),
    ("lock --reason maintenance", {"lock": {"locked_reason": "maintenance"}}, "lock"),
    ("unlock", {"unlock": None}, "unlock"),
])
def test_simple_actions(run_cli: RunCli, mock: requests_mock.Mocker, cmdline: str,
                        body: dict[str, Any], verb: str) -> None:
    get_server(mock)
    get_server(mock, fx.server(fx.SERVER2_ID, "vm2"), fx.SERVER2_ID)
    action = mock.post(ACTION, status_code=202)
    action2 = mock.post(f"{COMPUTE_URL}/servers/{fx.SERVER2_ID}/action", status_code=202)
    result = run_cli(f"{cmdline} {SID} {fx.SERVER2_ID}")
    assert (result.exit_code, result.stderr) == (0, "")
    assert action.last_request.json() == body == action2.last_request.json()
    assert version_of(action.last_request) == "2.104"
    assert result.stdout.splitlines() == [
        f"Request to {verb} server {SID} has been accepted.",
        f"Request to {verb} server {fx.SERVER2_ID} has been accepted.",
    ]


def test_stop_one_missing_still_stops_the_others(run_cli: RunCli,
                                                 mock: requests_mock.Mocker) -> None:
    get_server(mock)
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    action = mock.post(ACTION, status_code=202)
    result = run_cli(f"stop ghost {SID}")
    assert result.exit_code == 1
    assert action.called_once
    assert result.stdout == f"Request to stop server {SID} has been accepted.\n"
    assert "No server with a name or ID of 'ghost' exists." in one_line(result.stderr)


def test_lock_reason_needs_2_73(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli(f"--os-compute-api-version 2.72 lock --reason x {SID}")
    assert result.exit_code == 1
    assert "'--reason' needs compute API microversion 2.73" in one_line(result.stderr)
    assert sent(mock) == []


def test_reboot_wait(run_cli: RunCli, mock: requests_mock.Mocker, clock: Any) -> None:
    # A UUID goes straight to the action: every GET here is a poll of the wait.
    mock.get(SURL, [{"json": {"server": fx.server(status="REBOOT", task_state="rebooting")}},
                    {"json": {"server": fx.server()}}])
    mock.post(ACTION, status_code=202)
    result = run_cli(f"reboot --poll {SID}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Server {SID} is ACTIVE.\n"
    assert clock.sleeps == [0.5]


def test_stop_wait_timeout(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(SURL, json={"server": fx.server(task_state="powering-off")})
    mock.post(ACTION, status_code=202)
    result = run_cli(f"stop --wait --wait-timeout 5 {SID}")
    assert result.exit_code == 1
    assert "WaitTimeout" in one_line(result.stderr) and "SHUTOFF" in result.stderr


# -- rescue, resize, rebuild ----------------------------------------------------------------------


def test_rescue(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    action = mock.post(ACTION, json={"adminPass": "rescue-pw"})
    result = run_cli(f"rescue --password pw --image {fx.IMAGE_ID} {SID}")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {
        "rescue": {"adminPass": "pw", "rescue_image_ref": fx.IMAGE_ID}}
    assert record(result.stdout) == {"adminPass": "rescue-pw"}


@pytest.mark.parametrize("cmdline, body", [
    ("unrescue", {"unrescue": None}),
    ("resize-confirm", {"confirmResize": None}),
    ("resize-revert", {"revertResize": None}),
])
def test_single_actions(run_cli: RunCli, mock: requests_mock.Mocker, cmdline: str,
                        body: dict[str, Any]) -> None:
    get_server(mock)
    action = mock.post(ACTION, status_code=202)
    result = run_cli(f"{cmdline} {SID}")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert action.last_request.json() == body


def test_resize_wait(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(SURL, [{"json": {"server": fx.server()}},
                    {"json": {"server": fx.server(task_state="resize_prep")}},
                    {"json": {"server": fx.server(status="VERIFY_RESIZE")}}])
    flavor_get(mock, "2", "m1.small")
    action = mock.post(ACTION, status_code=202)
    result = run_cli(f"resize --wait {SID} 2")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {"resize": {"flavorRef": "2"}}
    assert result.stdout == (f"Server {SID} is VERIFY_RESIZE; confirm with 'nova resize-confirm "
                             f"{SID}' or revert with 'nova resize-revert {SID}'.\n")


def test_rebuild(run_cli: RunCli, mock: requests_mock.Mocker, tmp_path: Any) -> None:
    get_server(mock)
    action = mock.post(ACTION, json={"server": {**fx.server(status="REBUILD"),
                                                "adminPass": "new-pw"}})
    user_data = tmp_path / "ud"
    user_data.write_text("hi")
    result = run_cli(["rebuild", SID, fx.IMAGE_ID, "--rebuild-password", "pw", "--name", "vm2",
                      "--description", "d", "--preserve-ephemeral", "--meta", "a=b",
                      "--key-unset", "--user-data", str(user_data)])
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {"rebuild": {
        "imageRef": fx.IMAGE_ID, "adminPass": "pw", "name": "vm2", "preserve_ephemeral": True,
        "metadata": {"a": "b"}, "description": "d", "key_name": None, "user_data": "aGk="}}
    shown = record(result.stdout)
    assert (shown["status"], shown["adminPass"]) == ("REBUILD", "new-pw")


def test_rebuild_minimal_body(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    action = mock.post(ACTION, json={"server": fx.server(status="REBUILD")})
    assert run_cli(f"rebuild {SID} {fx.IMAGE_ID}").exit_code == 0
    assert action.last_request.json() == {"rebuild": {"imageRef": fx.IMAGE_ID}}


def test_rebuild_conflicting_key_options(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli(f"rebuild {SID} {fx.IMAGE_ID} --key-name k --key-unset")
    assert result.exit_code == 1
    assert "Cannot specify '--key-unset' with '--key-name'." in one_line(result.stderr)
    assert sent(mock) == []


# -- images and backups ----------------------------------------------------------------------------


def test_image_create(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    action = mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(f"image-create {SID} snap1 --metadata k=v --show")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {
        "createImage": {"name": "snap1", "metadata": {"k": "v"}}}
    assert record(result.stdout) == {"id": fx.NEW_IMAGE_ID, "name": "snap1", "server": SID}


def test_image_create_at_2_1_wait(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(SURL, [{"json": {"server": fx.server_old()}},
                    {"json": {"server": fx.server_old(task_state="image_uploading")}},
                    {"json": {"server": fx.server_old(status="SHUTOFF")}}])
    action = mock.post(ACTION, status_code=202,
                       headers={"Location": f"http://glance.test/images/{fx.NEW_IMAGE_ID}"})
    result = run_cli(f"--os-compute-api-version 2.1 image-create --poll {SID} snap1")
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    assert action.last_request.json() == {"createImage": {"name": "snap1"}}
    assert version_of(action.last_request) == "2.1"
    assert len(sent(mock, "GET")) == 3


def test_backup(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    action = mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(f"backup {SID} nightly daily 2")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {
        "createBackup": {"name": "nightly", "backup_type": "daily", "rotation": 2}}
    assert record(result.stdout)["id"] == fx.NEW_IMAGE_ID


def test_backup_bad_rotation_is_a_usage_error(run_cli: RunCli,
                                              mock: requests_mock.Mocker) -> None:
    result = run_cli(f"backup {SID} nightly daily two")
    assert result.exit_code == 2
    assert "'two' is not a non-negative integer" in one_line(result.stderr)
    assert sent(mock) == []


def test_backup_instance_snapshot(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    action = mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(["backup-instance", "vm1", "before-upgrade", "pre 2.0 upgrade"])
    assert result.exit_code == 0, result.stderr
    assert calls(mock) == [("GET", "/servers/detail?name=^vm1$"),
                           ("POST", f"/servers/{SID}/action")]
    assert action.last_request.json() == {"createImage": {
        "name": "before-upgrade", "metadata": {"description": "pre 2.0 upgrade"}}}
    assert version_of(action.last_request) == "2.104"
    assert record(result.stdout) == {"id": fx.NEW_IMAGE_ID, "name": "before-upgrade",
                                     "server": SID}


def test_backup_instance_rotation_at_2_1(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock, fx.server_old())
    action = mock.post(ACTION, status_code=202, headers={
        "Location": f"{COMPUTE_URL}/images/{fx.NEW_IMAGE_ID}"})
    result = run_cli(["--os-compute-api-version", "2.1", "-f", "value", "-c", "id",
                      "backup-instance", SID, "weekly-1", "weekly", "--rotation", "4",
                      "--backup-type", "weekly"])
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {"createBackup": {
        "name": "weekly-1", "backup_type": "weekly", "rotation": 4,
        "metadata": {"description": "weekly"}}}
    assert version_of(action.last_request) == "2.1"
    assert result.stdout == f"{fx.NEW_IMAGE_ID}\n"


def test_backup_instance_rotation_default_type_and_wait(run_cli: RunCli,
                                                        mock: requests_mock.Mocker) -> None:
    mock.get(SURL, [{"json": {"server": fx.server()}},
                    {"json": {"server": fx.server(task_state="image_snapshot")}},
                    {"json": {"server": fx.server(task_state="image_uploading")}},
                    {"json": {"server": fx.server()}}])
    action = mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(f"-f json backup-instance {SID} nightly why --rotation 7 --wait")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {"createBackup": {
        "name": "nightly", "backup_type": "daily", "rotation": 7,
        "metadata": {"description": "why"}}}
    assert json.loads(result.stdout) == {"id": fx.NEW_IMAGE_ID, "name": "nightly",
                                         "server": SID}
    assert calls(mock)[-3:] == [("GET", f"/servers/{SID}")] * 3


@pytest.mark.parametrize("args, code, message", [
    ("--backup-type weekly", 2, "nova backup-instance: error: --backup-type needs --rotation"),
    ("--rotation 0", 1, "ERROR (ValidationError): rotation must be a positive integer"),
    ("--rotation -1", 2, "argument --rotation: '-1' is not a non-negative integer"),
])
def test_backup_instance_refusals(run_cli: RunCli, mock: requests_mock.Mocker, args: str,
                                  code: int, message: str) -> None:
    get_server(mock)
    action = mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(f"backup-instance {SID} nightly why {args}")
    assert result.exit_code == code
    assert message in one_line(result.stderr)
    assert not action.called


# -- metadata and console --------------------------------------------------------------------------


def test_meta_set(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    post = mock.post(f"{SURL}/metadata", json={"metadata": {"a": "1", "b": "x=y"}})
    result = run_cli(f"meta {SID} set a=1 b=x=y")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert post.last_request.json() == {"metadata": {"a": "1", "b": "x=y"}}


def test_meta_delete(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    da = mock.delete(f"{SURL}/metadata/a", status_code=204)
    db = mock.delete(f"{SURL}/metadata/b", status_code=204)
    assert run_cli(f"meta {SID} delete a b=ignored").exit_code == 0
    assert da.called_once and db.called_once
    assert [c[1] for c in calls(mock) if c[0] == "DELETE"] == [
        f"/servers/{SID}/metadata/b", f"/servers/{SID}/metadata/a"]


@pytest.mark.parametrize("items, code, message", [
    ("a", 1, "Invalid metadata 'a': expected the form key=value."),
    ("bad/key=1", 1, "Invalid metadata key 'bad/key'"),
    ("", 2, "the following arguments are required"),
])
def test_meta_bad_input_sends_nothing(run_cli: RunCli, mock: requests_mock.Mocker, items: str,
                                      code: int, message: str) -> None:
    get_server(mock)
    post = mock.post(f"{SURL}/metadata", json={"metadata": {}})
    result = run_cli(f"meta {SID} set {items}")
    assert result.exit_code == code
    assert message in one_line(result.stderr)
    assert not post.called


def test_console_log(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    action = mock.post(ACTION, json={"output": "line1\nline2"})
    result = run_cli(f"console-log --length 10 {SID}")
    assert (result.exit_code, result.stdout) == (0, "line1\nline2\n")
    assert action.last_request.json() == {"os-getConsoleOutput": {"length": 10}}


def test_console_log_without_length(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    action = mock.post(ACTION, json={"output": ""})
    assert run_cli(f"console-log {SID}").exit_code == 0
    assert action.last_request.json() == {"os-getConsoleOutput": {}}
