"""hypervisor-*, service-*, agent-* and host-meta: requests, columns, messages, exit codes."""

from __future__ import annotations

import json

import pytest
import requests_mock

from novaclient_lite.v2.agents import REMOVED
from tests.unit.shell.support import RunCli, table_header, table_rows
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.bodies_admin import (
    HYP_URL,
    HYP_UUID,
    SERVER2_UUID,
    SERVER_UUID,
    STATISTICS,
    SVC_URL,
    SVC_UUID,
    hypervisor,
    hypervisor_detail,
    service,
)
from tests.unit.v2.helpers import body_of, nothing_sent, only_request, query_of

# -- hypervisors ------------------------------------------------------------------------


def test_hypervisor_list(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = mock.get(HYP_URL, json={"hypervisors": [hypervisor()]})
    result = run_cli(f"hypervisor-list --limit 1 --marker {HYP_UUID}")
    assert result.exit_code == 0, result.stderr
    assert table_header(result.stdout) == ["ID", "Hypervisor hostname", "State", "Status"]
    assert table_rows(result.stdout) == [[HYP_UUID, "compute1", "up", "enabled"]]
    assert query_of(only_request(get)) == {"limit": ["1"], "marker": [HYP_UUID]}


def test_hypervisor_list_matching(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    new = mock.get(HYP_URL, json={"hypervisors": [hypervisor()]})
    old = mock.get(HYP_URL + "/compute/search", json={"hypervisors": [hypervisor(1)]})
    assert run_cli("hypervisor-list --matching compute").exit_code == 0
    assert query_of(only_request(new)) == {"hypervisor_hostname_pattern": ["compute"]}
    result = run_cli("--os-compute-api-version 2.52 hypervisor-list --matching compute")
    assert table_rows(result.stdout) == [["1", "compute1", "up", "enabled"]]
    only_request(old)


def test_hypervisor_list_paging_needs_2_33(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli("--os-compute-api-version 2.32 hypervisor-list --limit 1")
    assert result.exit_code == 1
    assert "--limit" in result.stderr and "2.33" in result.stderr
    nothing_sent(mock)


def test_hypervisor_servers(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    servers = [{"uuid": SERVER_UUID, "name": "instance-00000001"}]
    get = mock.get(
        HYP_URL, json={"hypervisors": [hypervisor(servers=servers), hypervisor("h2", "compute10")]}
    )
    result = run_cli("hypervisor-servers compute1")
    assert table_header(result.stdout) == ["ID", "Name", "Hypervisor ID", "Hypervisor Hostname"]
    assert table_rows(result.stdout) == [[SERVER_UUID, "instance-00000001", HYP_UUID, "compute1"]]
    assert query_of(only_request(get)) == {
        "hypervisor_hostname_pattern": ["compute1"],
        "with_servers": ["True"],
    }


def test_hypervisor_show_flattens_and_wraps(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{HYP_URL}/{HYP_UUID}", json={"hypervisor": hypervisor_detail()})
    result = run_cli(f"hypervisor-show {HYP_UUID} --wrap 20")
    assert result.exit_code == 0, result.stderr
    rows = table_rows(result.stdout)
    assert ["cpu_info_arch", "x86_64"] in rows and ["service_host", "compute1"] in rows
    assert max(len(value) for _, value in rows) <= 20
    shown = json.loads(run_cli(f"-f json hypervisor-show {HYP_UUID}").stdout)
    assert shown["uptime"] == " 09:00:00 up 1 day, load average: 0.10, 0.20, 0.30"


def test_hypervisor_show_old_json_cpu_info(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{HYP_URL}/3", json={"hypervisor": hypervisor(3, cpu_info='{"arch": "arm"}')})
    result = run_cli("--os-compute-api-version 2.27 -f json hypervisor-show 3")
    assert json.loads(result.stdout)["cpu_info_arch"] == "arm"


def test_hypervisor_uptime(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{HYP_URL}/{HYP_UUID}", json={"hypervisor": hypervisor_detail()})
    result = run_cli(f"-f json hypervisor-uptime {HYP_UUID}")
    assert sorted(json.loads(result.stdout)) == [
        "hypervisor_hostname",
        "id",
        "state",
        "status",
        "uptime",
    ]


def test_hypervisor_stats(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(HYP_URL + "/statistics", json={"hypervisor_statistics": STATISTICS})
    result = run_cli("--os-compute-api-version 2.87 -f json hypervisor-stats")
    assert json.loads(result.stdout) == STATISTICS
    removed = run_cli("hypervisor-stats")
    assert removed.exit_code == 1
    assert removed.stderr == (
        "ERROR (UnsupportedVersion): Command 'hypervisor-stats' needs "
        "compute API version 2.1 - 2.87; this session uses 2.104 (see "
        "--os-compute-api-version).\n"
    )


# -- services ---------------------------------------------------------------------------

SERVICE_COLUMNS = [
    "Id",
    "Binary",
    "Host",
    "Zone",
    "Status",
    "State",
    "Updated_at",
    "Disabled Reason",
]


def test_service_list(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = mock.get(SVC_URL, json={"services": [service()]})
    result = run_cli("service-list --host compute1 --binary nova-compute")
    assert table_header(result.stdout) == [*SERVICE_COLUMNS, "Forced down"]
    assert query_of(only_request(get)) == {"host": ["compute1"], "binary": ["nova-compute"]}
    old = run_cli("--os-compute-api-version 2.10 service-list")
    assert table_header(old.stdout) == SERVICE_COLUMNS


def test_service_disable_by_host_looks_up_the_uuid(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get = mock.get(SVC_URL, json={"services": [service()]})
    put = mock.put(
        f"{SVC_URL}/{SVC_UUID}",
        json={"service": service(status="disabled", disabled_reason="maintenance")},
    )
    result = run_cli("service-disable compute1 --reason maintenance")
    assert result.exit_code == 0, result.stderr
    assert query_of(only_request(get)) == {"host": ["compute1"], "binary": ["nova-compute"]}
    assert body_of(only_request(put)) == {"status": "disabled", "disabled_reason": "maintenance"}
    assert table_header(result.stdout) == ["ID", "Host", "Binary", "Status", "Disabled Reason"]
    assert table_rows(result.stdout) == [
        [SVC_UUID, "compute1", "nova-compute", "disabled", "maintenance"]
    ]


def test_service_enable_by_uuid_and_before_2_53(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    new = mock.put(f"{SVC_URL}/{SVC_UUID}", json={"service": service()})
    old = mock.put(
        SVC_URL + "/enable",
        json={"service": {"host": "compute1", "binary": "nova-compute", "status": "enabled"}},
    )
    assert run_cli(f"service-enable {SVC_UUID}").exit_code == 0
    assert body_of(only_request(new)) == {"status": "enabled"}
    result = run_cli("--os-compute-api-version 2.52 service-enable compute1")
    assert body_of(only_request(old)) == {"host": "compute1", "binary": "nova-compute"}
    assert table_header(result.stdout) == ["Host", "Binary", "Status"]


def test_service_host_not_found(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(SVC_URL, json={"services": []})
    result = run_cli("service-disable ghost")
    assert result.exit_code == 1
    assert result.stderr == (
        "ERROR (ResourceNotFound): No nova-compute service on a host named 'ghost' exists.\n"
    )


def test_service_force_down(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    put = mock.put(f"{SVC_URL}/{SVC_UUID}", json={"service": service(forced_down=True)})
    result = run_cli(f"service-force-down {SVC_UUID}")
    assert body_of(put.last_request) == {"forced_down": True}
    assert table_header(result.stdout) == ["ID", "Host", "Binary", "Forced down"]
    run_cli(f"service-force-down --unset {SVC_UUID}")
    assert body_of(put.last_request) == {"forced_down": False}
    old = mock.put(
        SVC_URL + "/force-down",
        json={"service": {"host": "compute1", "binary": "nova-compute", "forced_down": False}},
    )
    run_cli("--os-compute-api-version 2.11 service-force-down --unset compute1")
    assert body_of(only_request(old)) == {
        "host": "compute1",
        "binary": "nova-compute",
        "forced_down": False,
    }


def test_service_force_down_needs_2_11(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli("--os-compute-api-version 2.10 service-force-down compute1")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "ERROR (UnsupportedVersion): Command 'service-force-down' "
        "needs compute API version 2.11 - 2.latest"
    )
    nothing_sent(mock)


def test_service_delete(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    delete = mock.delete(f"{SVC_URL}/{SVC_UUID}", status_code=204)
    assert run_cli(f"service-delete {SVC_UUID}").stdout == ""
    only_request(delete)
    bad = run_cli("service-delete 42")
    assert (bad.exit_code, bad.stderr) == (
        1,
        "ERROR (ValidationError): Service id must be a UUID from microversion 2.53; got '42'.\n",
    )


def test_dry_run_prints_the_disable(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    put = mock.put(f"{SVC_URL}/{SVC_UUID}", json={"service": service()})
    result = run_cli(f"--dry-run service-disable {SVC_UUID}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"PUT {COMPUTE_URL}/os-services/{SVC_UUID}\n")
    assert json.loads(result.stdout.split("\n\n", 1)[1]) == {"status": "disabled"}
    assert not put.called


# -- agents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        "agent-list",
        "agent-create linux x86 1 http://a abc",
        "agent-modify 1 2 http://a abc",
        "agent-delete 1",
    ],
)
def test_agents_are_gone(run_cli: RunCli, mock: requests_mock.Mocker, command: str) -> None:
    result = run_cli(command)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"ERROR (APIRemoved): {REMOVED}\n"
    nothing_sent(mock)


# -- host-meta --------------------------------------------------------------------------


def two_servers_on(mock: requests_mock.Mocker) -> None:
    servers = [{"uuid": SERVER_UUID, "name": "a"}, {"uuid": SERVER2_UUID, "name": "b"}]
    mock.get(
        HYP_URL,
        json={
            "hypervisors": [
                hypervisor(servers=servers),
                hypervisor("h2", "compute10", servers=[{"uuid": "x" * 8, "name": "c"}]),
            ]
        },
    )


def test_host_meta_set_on_each_server(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    two_servers_on(mock)
    posts = [
        mock.post(f"{COMPUTE_URL}/servers/{sid}/metadata", json={"metadata": {"k": "v"}})
        for sid in (SERVER_UUID, SERVER2_UUID)
    ]
    result = run_cli("host-meta compute1 set k=v --strict")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Metadata set on server {SERVER_UUID}.",
        f"Metadata set on server {SERVER2_UUID}.",
    ]
    assert [body_of(only_request(p)) for p in posts] == [{"metadata": {"k": "v"}}] * 2


def test_host_meta_delete_reports_each_failure(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    two_servers_on(mock)
    ok = mock.delete(f"{COMPUTE_URL}/servers/{SERVER_UUID}/metadata/k", status_code=204)
    mock.delete(
        f"{COMPUTE_URL}/servers/{SERVER2_UUID}/metadata/k",
        status_code=404,
        json={"itemNotFound": {"code": 404, "message": "Metadata item was not found"}},
    )
    result = run_cli("host-meta compute1 delete k --strict")
    assert result.exit_code == 1
    assert result.stdout == f"Metadata deleted from server {SERVER_UUID}.\n"
    assert result.stderr.startswith("ERROR (NotFound): Metadata item was not found")
    assert result.stderr.rstrip().endswith(f"for {SERVER2_UUID}")
    only_request(ok)


def test_host_meta_checks(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    bare = run_cli("host-meta compute1 set k")
    assert (bare.exit_code, bare.stderr) == (
        1,
        "ERROR (ValidationError): <key=value> must be of the form key=value; got 'k'.\n",
    )
    nothing_sent(mock)
    mock.get(HYP_URL, json={"hypervisors": [hypervisor(hostname="compute10")]})
    strict = run_cli("host-meta compute1 set k=v --strict")
    assert strict.stderr == (
        "ERROR (ResourceNotFound): No hypervisor matching 'compute1' could be found.\n"
    )


def test_host_meta_dry_run_prints_one_request_per_server(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    two_servers_on(mock)
    result = run_cli("--dry-run host-meta compute1 set k=v --strict")
    assert result.exit_code == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("POST")] == [
        f"POST {COMPUTE_URL}/servers/{SERVER_UUID}/metadata",
        f"POST {COMPUTE_URL}/servers/{SERVER2_UUID}/metadata",
    ]


def test_service_disable_without_reason(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    put = mock.put(f"{SVC_URL}/{SVC_UUID}", json={"service": service(status="disabled")})
    result = run_cli(f"service-disable {SVC_UUID}")
    assert body_of(only_request(put)) == {"status": "disabled"}
    assert table_header(result.stdout) == ["ID", "Host", "Binary", "Status"]
