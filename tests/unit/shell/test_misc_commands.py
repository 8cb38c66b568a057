"""limits, quotas, availability zones, server groups, version-list."""

from __future__ import annotations

from tests.unit.support import AUTH_URL, COMPUTE_URL, last_request, v3_token, version_document
from tests.unit.v2.helpers import query_of

SG_ID = "5bbcc3c4-1da2-4437-a48a-66f15b1b13f9"


def test_limits(mock, run_cli):
    mock.get(
        COMPUTE_URL + "/limits",
        json={
            "limits": {
                "rate": [],
                "absolute": {
                    "maxTotalCores": 20,
                    "totalCoresUsed": 2,
                    "maxTotalKeypairs": 100,
                    "maxTotalRAMSize": 51200,
                    "totalRAMUsed": 1024,
                },
            }
        },
    )
    result = run_cli("limits --tenant p2")
    assert result.exit_code == 0, result.stderr
    assert result.header == ["Name", "Used", "Max"]
    assert result.table == [
        ["Cores", "2", "20"],
        ["Keypairs", "-", "100"],
        ["RAM", "1024", "51200"],
    ]
    assert query_of(last_request(mock)) == {"tenant_id": ["p2"]}


def test_limits_reserved_removed_at_2_75(mock, run_cli):
    result = run_cli("limits --reserved")
    assert result.exit_code == 1
    assert "'--reserved' needs compute API microversion 2.74 or earlier" in result.stderr


def test_quota_show_defaults_to_token_project(mock, run_cli):
    token = v3_token()
    mock.post(
        AUTH_URL + "/auth/tokens", json=token, headers={"X-Subject-Token": "t"}, status_code=201
    )
    token_project = token.project_id
    qs = {
        "id": token_project,
        "instances": 10,
        "cores": 20,
        "ram": 51200,
        "key_pairs": 100,
        "server_groups": 10,
        "server_group_members": 10,
        "metadata_items": 128,
    }
    matcher = mock.get(f"{COMPUTE_URL}/os-quota-sets/{token_project}", json={"quota_set": qs})
    result = run_cli("quota-show")
    assert result.exit_code == 0, result.stderr
    assert matcher.called_once
    assert result.header == ["Quota", "Limit"]
    assert [r[0] for r in result.table] == [
        "instances",
        "cores",
        "ram",
        "metadata_items",
        "key_pairs",
        "server_groups",
        "server_group_members",
    ]


def test_quota_show_detail_for_tenant_and_user(mock, run_cli):
    mock.get(
        COMPUTE_URL + "/os-quota-sets/p2/detail",
        json={"quota_set": {"id": "p2", "cores": {"limit": 20, "in_use": 2, "reserved": 0}}},
    )
    result = run_cli("quota-show --tenant p2 --user u1 --detail")
    assert result.header == ["Quota", "Limit", "In Use", "Reserved"]
    assert result.table == [["cores", "20", "2", "0"]]
    assert query_of(last_request(mock)) == {"user_id": ["u1"]}


def test_quota_defaults(mock, run_cli):
    mock.get(
        COMPUTE_URL + "/os-quota-sets/p2/defaults", json={"quota_set": {"id": "p2", "cores": 20}}
    )
    assert run_cli("quota-defaults --tenant p2").table == [["cores", "20"]]


def test_quota_update(mock, run_cli):
    mock.put(COMPUTE_URL + "/os-quota-sets/p2", json={"quota_set": {"cores": 30, "instances": -1}})
    result = run_cli("quota-update p2 --cores 30 --instances -1 --force")
    assert result.exit_code == 0, result.stderr
    assert last_request(mock).json() == {"quota_set": {"instances": -1, "cores": 30, "force": True}}


def test_availability_zone_list_admin_tree(mock, run_cli):
    mock.get(
        COMPUTE_URL + "/os-availability-zone/detail",
        json={
            "availabilityZoneInfo": [
                {
                    "zoneName": "nova",
                    "zoneState": {"available": True},
                    "hosts": {
                        "cmp1": {
                            "nova-compute": {
                                "active": True,
                                "available": True,
                                "updated_at": "2026-11-29T10:00:00",
                            }
                        }
                    },
                }
            ]
        },
    )
    result = run_cli("availability-zone-list")
    assert "| | |- nova-compute | enabled :-) 2026-11-29T10:00:00 |" in result.stdout
    assert run_cli("availability-zone-list -f json").json == [
        {"Name": "nova", "Status": "available"},
        {"Name": "|- cmp1", "Status": ""},
        {"Name": "| |- nova-compute", "Status": "enabled :-) 2026-11-29T10:00:00"},
    ]


def test_availability_zone_list_falls_back_for_non_admins(mock, run_cli):
    mock.get(
        COMPUTE_URL + "/os-availability-zone/detail",
        status_code=403,
        json={"forbidden": {"message": "no"}},
    )
    mock.get(
        COMPUTE_URL + "/os-availability-zone",
        json={
            "availabilityZoneInfo": [
                {"zoneName": "nova", "zoneState": {"available": False}, "hosts": None}
            ]
        },
    )
    result = run_cli("availability-zone-list")
    assert result.exit_code == 0, result.stderr
    assert result.table == [["nova", "not available"]]


def group(**extra):
    return {
        "id": SG_ID,
        "name": "g1",
        "policy": "anti-affinity",
        "rules": {"max_server_per_host": 2},
        "members": [],
        "project_id": "p",
        "user_id": "u",
        **extra,
    }


def test_server_group_list(mock, run_cli):
    mock.get(COMPUTE_URL + "/os-server-groups", json={"server_groups": [group()]})
    result = run_cli("server-group-list --all-projects --limit 5 --offset 2")
    assert result.header == ["Id", "Name", "Project Id", "User Id", "Policy", "Rules", "Members"]
    assert result.table[0][4:] == ["anti-affinity", '{"max_server_per_host": 2}', "[]"]
    assert query_of(last_request(mock)) == {
        "all_projects": ["True"],
        "limit": ["5"],
        "offset": ["2"],
    }


def test_server_group_list_old_columns(mock, run_cli):
    mock.get(COMPUTE_URL + "/", json=version_document("2.63"))
    mock.get(
        COMPUTE_URL + "/os-server-groups",
        json={"server_groups": [group(policies=["affinity"], metadata={})]},
    )
    assert run_cli("server-group-list").header[4:] == ["Policies", "Members", "Metadata"]


def test_server_group_create_with_rule(mock, run_cli):
    mock.post(COMPUTE_URL + "/os-server-groups", json={"server_group": group()})
    result = run_cli("server-group-create g1 anti-affinity --rule max_server_per_host=2")
    assert result.exit_code == 0, result.stderr
    assert last_request(mock).json() == {
        "server_group": {
            "name": "g1",
            "policy": "anti-affinity",
            "rules": {"max_server_per_host": 2},
        }
    }


def test_server_group_create_rule_needs_2_64(mock, run_cli):
    result = run_cli(
        "--os-compute-api-version 2.63 server-group-create g1 anti-affinity "
        "--rule max_server_per_host=2"
    )
    assert result.exit_code == 1 and "'--rule' needs compute API microversion 2.64" in result.stderr


def test_server_group_get_and_delete(mock, run_cli):
    mock.get(f"{COMPUTE_URL}/os-server-groups/{SG_ID}", json={"server_group": group()})
    result = run_cli(f"server-group-get {SG_ID} -f json")
    assert result.json[0]["Name"] == "g1"
    deleted = mock.delete(f"{COMPUTE_URL}/os-server-groups/{SG_ID}", status_code=204)
    mock.get(COMPUTE_URL + "/os-server-groups", json={"server_groups": [group()]})
    result = run_cli(f"server-group-delete {SG_ID} nope")
    assert result.exit_code == 1 and deleted.called_once
    assert result.stdout == f"Server group {SG_ID} has been successfully deleted.\n"
    assert "ERROR (ResourceNotFound): No server group with a name or ID of 'nope'" in result.stderr


def test_version_list(mock, run_cli):
    mock.get(
        "http://compute.test/",
        json={
            "versions": [
                {
                    "id": "v2.0",
                    "status": "SUPPORTED",
                    "updated": "2011-01-21T11:33:21Z",
                    "version": "",
                    "min_version": "",
                },
                {
                    "id": "v2.1",
                    "status": "CURRENT",
                    "updated": "2013-07-23T11:33:21Z",
                    "version": "2.104",
                    "min_version": "2.1",
                },
            ]
        },
    )
    result = run_cli("version-list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Client supported API versions:\nMinimum version 2.1\n")
    assert result.table[1] == ["v2.1", "CURRENT", "2013-07-23T11:33:21Z", "2.1", "2.104"]
    data = run_cli("version-list -f json").json
    assert data[1]["Version"] == "2.104"
