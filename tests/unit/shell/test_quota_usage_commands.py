"""quota-delete, quota-update options, quota-class-*, usage, usage-list, audit log, limits."""

from __future__ import annotations

import datetime
import json

import pytest
import requests_mock

from tests.unit.shell.support import RunCli, table_header, table_rows
from tests.unit.support import AUTH_URL, COMPUTE_URL, compute_requests, v3_token
from tests.unit.v2.bodies_usage import (
    AUDIT_LOG,
    PROJECT,
    PROJECT2,
    S1,
    S2,
    S3,
    quota_class,
    tenant_usage,
    usage_list,
)
from tests.unit.v2.helpers import assert_version, body_of, only_request, query_of

QS = COMPUTE_URL + "/os-quota-sets/p2"
QC = COMPUTE_URL + "/os-quota-class-sets/default"
U = COMPUTE_URL + "/os-simple-tenant-usage"
WINDOW = "--start 2026-11-03 --end 2026-12-02"
WINDOW_QUERY = {"start": ["2026-11-03T00:00:00"], "end": ["2026-12-02T00:00:00"]}


def token_project(mock: requests_mock.Mocker) -> str:
    token = v3_token()
    mock.post(
        AUTH_URL + "/auth/tokens", json=token, headers={"X-Subject-Token": "t"}, status_code=201
    )
    return str(token.project_id)


# -- quota-delete and quota-update -------------------------------------------------------


def test_quota_delete(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    matcher = mock.delete(QS, status_code=202)
    result = run_cli("quota-delete --tenant p2 --user u1")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    req = only_request(matcher)
    assert query_of(req) == {"user_id": ["u1"]}
    assert_version(req, "2.104")


def test_quota_delete_needs_tenant(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    result = run_cli("quota-delete")
    assert result.exit_code == 2
    assert "the following arguments are required: --tenant" in result.stderr
    assert compute_requests(mock) == []


@pytest.mark.parametrize(
    ("version", "option", "quota"),
    [
        ("2.35", "--floating-ips", "floating_ips"),
        ("2.35", "--security-group-rules", "security_group_rules"),
        ("2.56", "--injected-files", "injected_files"),
        ("2.56", "--injected-file-content-bytes", "injected_file_content_bytes"),
        ("2.104", "--server-group-members", "server_group_members"),
    ],
)
def test_quota_update_option_within_its_range(
    mock: requests_mock.Mocker, run_cli: RunCli, version: str, option: str, quota: str
) -> None:
    matcher = mock.put(QS, json={"quota_set": {quota: 5}})
    result = run_cli(f"--os-compute-api-version {version} quota-update p2 {option} 5 --force")
    assert result.exit_code == 0, result.stderr
    req = only_request(matcher)
    assert body_of(req) == {"quota_set": {quota: 5, "force": True}}
    assert_version(req, version)
    assert table_rows(result.stdout) == [[quota, "5"]]


@pytest.mark.parametrize(
    ("version", "option", "last"),
    [
        ("2.36", "--fixed-ips", "2.35"),
        ("2.36", "--security-groups", "2.35"),
        ("2.57", "--injected-file-path-bytes", "2.56"),
    ],
)
def test_quota_update_option_out_of_range(
    mock: requests_mock.Mocker, run_cli: RunCli, version: str, option: str, last: str
) -> None:
    result = run_cli(f"--os-compute-api-version {version} quota-update p2 {option} 5")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"ERROR (UnsupportedAttribute): '{option}' needs compute API microversion {last} or "
        f"earlier. This session uses {version} (see --os-compute-api-version)."
    ]
    assert compute_requests(mock) == []


# -- quota-class-show / quota-class-update -------------------------------------------------


def test_quota_class_show(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    matcher = mock.get(
        QC, json=quota_class(instances=10, cores=20, server_group_members=10, key_pairs=100)
    )
    result = run_cli("quota-class-show default")
    assert result.exit_code == 0, result.stderr
    assert matcher.called_once
    assert table_header(result.stdout) == ["Quota", "Limit"]
    assert table_rows(result.stdout) == [
        ["instances", "10"],
        ["cores", "20"],
        ["key_pairs", "100"],
        ["server_group_members", "10"],
    ]


def test_quota_class_update_before_2_50_takes_network_quotas(
    mock: requests_mock.Mocker, run_cli: RunCli
) -> None:
    matcher = mock.put(QC, json=quota_class(instances=5, fixed_ips=-1))
    result = run_cli(
        "--os-compute-api-version 2.49 quota-class-update default --instances 5 --fixed-ips -1"
    )
    assert result.exit_code == 0, result.stderr
    req = only_request(matcher)
    assert body_of(req) == {"quota_class_set": {"instances": 5, "fixed_ips": -1}}
    assert_version(req, "2.49")
    assert table_rows(result.stdout) == [["instances", "5"], ["fixed_ips", "-1"]]


@pytest.mark.parametrize(
    ("version", "option", "last"),
    [("2.50", "--floating-ips", "2.49"), ("2.57", "--injected-files", "2.56")],
)
def test_quota_class_update_refuses_removed_quotas(
    mock: requests_mock.Mocker, run_cli: RunCli, version: str, option: str, last: str
) -> None:
    result = run_cli(f"--os-compute-api-version {version} quota-class-update default {option} 1")
    assert result.exit_code == 1
    assert (
        f"'{option}' needs compute API microversion {last} or earlier. This session uses {version}"
    ) in result.stderr
    assert compute_requests(mock) == []


def test_quota_class_update_needs_a_value(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    result = run_cli("quota-class-update default")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "ERROR (ValidationError): quotas must be at least one name=value item (e.g. cores=20)."
    ]
    assert compute_requests(mock) == []


def test_dry_run_quota_commands_send_nothing(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    put = mock.put(QC, json=quota_class())
    delete = mock.delete(QS, status_code=202)
    result = run_cli("--dry-run quota-class-update default --cores 8")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"PUT {QC}"
    assert '"cores": 8' in result.stdout
    result = run_cli("--dry-run quota-delete --tenant p2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"DELETE {QS}"
    assert not put.called and not delete.called


# -- usage / usage-list ----------------------------------------------------------------------


def test_usage_list(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    matcher = mock.get(
        U,
        [
            {"json": usage_list(tenant_usage(PROJECT, S1, S2, hours=1.5), next_marker=S2)},
            {"json": usage_list(tenant_usage(PROJECT, S3, hours=1.5), tenant_usage(PROJECT2, S1))},
            {"json": usage_list()},
        ],
    )
    result = run_cli(f"usage-list {WINDOW}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Usage from 2026-11-03 to 2026-12-02:"
    assert table_header(result.stdout) == [
        "Tenant ID",
        "Servers",
        "RAM MiB-Hours",
        "CPU Hours",
        "Disk GiB-Hours",
    ]
    assert table_rows(result.stdout) == [
        [PROJECT, "3", "2304.00", "4.50", "4.50"],
        [PROJECT2, "1", "512.00", "1.00", "1.00"],
    ]
    queries = [query_of(r) for r in matcher.request_history]
    assert queries[0] == {**WINDOW_QUERY, "detailed": ["1"]}
    assert [q.get("marker") for q in queries] == [None, [S2], [S1]]


def test_usage_list_default_window(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    matcher = mock.get(U, json=usage_list())
    before = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    result = run_cli("usage-list -f json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    query = query_of(only_request(matcher))
    start = datetime.datetime.fromisoformat(query["start"][0])
    end = datetime.datetime.fromisoformat(query["end"][0])
    assert abs(before - datetime.timedelta(weeks=4) - start) < datetime.timedelta(minutes=1)
    assert abs(before + datetime.timedelta(days=1) - end) < datetime.timedelta(minutes=1)


@pytest.mark.parametrize("day", ["2026-13-01", "2026-11-03T10:00", "20261103", "yesterday"])
def test_usage_list_bad_date_is_a_usage_error(
    mock: requests_mock.Mocker, run_cli: RunCli, day: str
) -> None:
    result = run_cli(f"usage-list --start {day}")
    assert result.exit_code == 2
    assert (
        f"argument --start: the value must be a date like 2012-01-20; got '{day}'." in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert compute_requests(mock) == []


def test_usage_defaults_to_the_token_project(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    project = token_project(mock)
    matcher = mock.get(
        f"{U}/{project}",
        [
            {"json": {"tenant_usage": tenant_usage(project, S1, hours=2.0)}},
            {"json": {"tenant_usage": {}}},
        ],
    )
    result = run_cli(f"usage {WINDOW}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Usage from 2026-11-03 to 2026-12-02:"
    assert table_header(result.stdout) == [
        "Servers",
        "RAM MiB-Hours",
        "CPU Hours",
        "Disk GiB-Hours",
    ]
    assert table_rows(result.stdout) == [["1", "1024.00", "2.00", "2.00"]]
    assert query_of(matcher.request_history[0]) == WINDOW_QUERY
    assert query_of(matcher.request_history[1]) == {**WINDOW_QUERY, "marker": [S1]}


def test_usage_without_servers_says_none(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    mock.get(f"{U}/p2", json={"tenant_usage": {}})
    result = run_cli(f"usage --tenant p2 {WINDOW}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Usage from 2026-11-03 to 2026-12-02:\nNone\n"
    result = run_cli(f"usage --tenant p2 {WINDOW} -f json")
    assert json.loads(result.stdout) == []


def test_usage_without_a_project_says_use_tenant(
    mock: requests_mock.Mocker, run_cli: RunCli
) -> None:
    env = {
        "OS_AUTH_TYPE": "admin_token",
        "OS_TOKEN": "admin:admin",
        "OS_ENDPOINT_OVERRIDE": COMPUTE_URL,
    }  # a token without a project
    result = run_cli(f"usage {WINDOW}", env_vars=env)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "ERROR (CommandError): No project in this session's token: use --tenant."
    ]
    assert compute_requests(mock) == []


def test_usage_before_2_40_is_one_request(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    matcher = mock.get(f"{U}/p2", json={"tenant_usage": tenant_usage("p2", S1)})
    result = run_cli(f"--os-compute-api-version 2.39 usage --tenant p2 {WINDOW}")
    assert result.exit_code == 0, result.stderr
    req = only_request(matcher)
    assert query_of(req) == WINDOW_QUERY
    assert_version(req, "2.39")


# -- instance-usage-audit-log -----------------------------------------------------------------


def test_instance_usage_audit_log(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    matcher = mock.get(COMPUTE_URL + "/os-instance_usage_audit_log", json=AUDIT_LOG)
    result = run_cli("instance-usage-audit-log")
    assert result.exit_code == 0, result.stderr
    assert matcher.called_once
    rows = dict(table_rows(result.stdout))
    assert rows["hosts_not_run"] == "['compute1', 'compute2']"
    assert rows["overall_status"] == "0 of 2 hosts done. 0 errors."
    assert rows["num_hosts"] == "2"
    result = run_cli("instance-usage-audit-log -f json")
    assert json.loads(result.stdout)["hosts_not_run"] == ["compute1", "compute2"]


def test_instance_usage_audit_log_before(mock: requests_mock.Mocker, run_cli: RunCli) -> None:
    body = {"instance_usage_audit_log": AUDIT_LOG["instance_usage_audit_logs"]}
    matcher = mock.get(
        COMPUTE_URL + "/os-instance_usage_audit_log/2015-08-27%2009%3A49%3A58", json=body
    )
    result = run_cli(["instance-usage-audit-log", "--before", "2015-08-27 09:49:58"])
    assert result.exit_code == 0, result.stderr
    assert only_request(matcher).url.endswith("/2015-08-27%2009%3A49%3A58")


# -- limits: the rate table -------------------------------------------------------------------


def test_limits_prints_rate_limits_when_nova_has_them(
    mock: requests_mock.Mocker, run_cli: RunCli
) -> None:
    mock.get(
        COMPUTE_URL + "/limits",
        json={
            "limits": {
                "absolute": {"maxTotalCores": 20},
                "rate": [
                    {
                        "uri": "*",
                        "regex": ".*",
                        "limit": [
                            {
                                "verb": "POST",
                                "value": 10,
                                "remaining": 2,
                                "unit": "MINUTE",
                                "next-available": "2026-12-01T00:00:00Z",
                            }
                        ],
                    }
                ],
            }
        },
    )
    result = run_cli("limits")
    assert result.exit_code == 0, result.stderr
    assert table_header(result.stdout) == [
        "Verb",
        "URI",
        "Value",
        "Remain",
        "Unit",
        "Next_Available",
    ]
    assert table_rows(result.stdout) == [  # the rate table, then the absolute one
        ["POST", "*", "10", "2", "MINUTE", "2026-12-01T00:00:00Z"],
        ["Name", "Used", "Max"],
        ["Cores", "-", "20"],
    ]


def test_limits_without_rate_limits_prints_one_table(
    mock: requests_mock.Mocker, run_cli: RunCli
) -> None:
    mock.get(
        COMPUTE_URL + "/limits", json={"limits": {"absolute": {"maxTotalCores": 20}, "rate": []}}
    )
    result = run_cli("limits")
    assert table_header(result.stdout) == ["Name", "Used", "Max"]
    assert "Verb" not in result.stdout
