"""flavor-* commands: the requests they send and what they print."""

from __future__ import annotations

import pytest

from tests.unit.bodies import flavor
from tests.unit.support import COMPUTE_URL, compute_requests, last_request, version_document
from tests.unit.v2.helpers import query_of

URL = COMPUTE_URL + "/flavors"


def test_flavor_list_columns_and_rows(mock, run_cli):
    mock.get(
        URL + "/detail",
        json={"flavors": [flavor(), flavor("2", "m1.small", ram=2048, description="Small")]},
    )
    result = run_cli("flavor-list")
    assert result.exit_code == 0, result.stderr
    # At the negotiated 2.104 Nova has no rxtx_factor any more (2.102), so no column.
    assert result.header == [
        "ID",
        "Name",
        "Memory_MiB",
        "Disk",
        "Ephemeral",
        "Swap",
        "VCPUs",
        "Is_Public",
        "Description",
    ]
    assert result.table == [
        ["1", "m1.tiny", "512", "1", "0", "0", "1", "True", "-"],
        ["2", "m1.small", "2048", "1", "0", "0", "1", "True", "Small"],
    ]
    assert query_of(last_request(mock)) == {}
    assert result.stderr == ""  # a null description is data, not a missing field


def test_flavor_list_items_lacking_fields_print_with_one_warning(mock, run_cli):
    mock.get(URL + "/detail", json={"flavors": [{"id": 1}]})
    result = run_cli("flavor-list")
    assert result.exit_code == 0
    assert result.table == [["1", "-", "-", "-", "-", "-", "-", "-", "-"]]
    assert result.stderr == (
        "nova: WARNING: the response lacks these fields (shown empty): Name, Memory_MiB, Disk, "
        "Ephemeral, Swap, VCPUs, Is_Public, Description.\n"
    )


def test_flavor_list_warns_about_one_incomplete_item_and_the_chosen_columns_only(mock, run_cli):
    mock.get(URL + "/detail", json={"flavors": [flavor(), {"id": "2", "ram": 64}]})
    result = run_cli("flavor-list -f json -c ID -c Memory_MiB -c Name")
    assert result.exit_code == 0
    assert result.json == [
        {"ID": "1", "Memory_MiB": 512, "Name": "m1.tiny"},
        {"ID": "2", "Memory_MiB": 64, "Name": None},
    ]
    assert result.stderr == (
        "nova: WARNING: the response lacks these fields (shown empty): Name.\n"
    )


def test_flavor_list_before_2_102_shows_rxtx_factor(mock, run_cli):
    mock.get(COMPUTE_URL + "/", json=version_document("2.101"))
    mock.get(URL + "/detail", json={"flavors": [flavor(rxtx_factor=1.0)]})
    result = run_cli("flavor-list")
    assert result.header[-3:] == ["RXTX_Factor", "Is_Public", "Description"]
    assert result.table[0][7] == "1.0"


def test_flavor_list_old_version_has_no_description(mock, run_cli):
    mock.get(COMPUTE_URL + "/", json=version_document("2.54"))
    mock.get(URL + "/detail", json={"flavors": [flavor(rxtx_factor=1.0)]})
    result = run_cli("flavor-list")
    assert result.header[-2:] == ["RXTX_Factor", "Is_Public"]
    assert result.table[0][7] == "1.0"


def test_flavor_list_filters(mock, run_cli):
    mock.get(URL + "/detail", json={"flavors": []})
    result = run_cli(
        "flavor-list --all --min-disk 10 --min-ram 256 --sort-key name "
        "--sort-dir desc --limit 5 --marker m1"
    )
    assert result.exit_code == 0, result.stderr
    assert query_of(last_request(mock)) == {
        "is_public": ["None"],
        "minDisk": ["10"],
        "minRam": ["256"],
        "sort_key": ["name"],
        "sort_dir": ["desc"],
        "limit": ["5"],
        "marker": ["m1"],
    }


def test_flavor_list_follows_every_page(mock, run_cli):
    mock.get(
        URL + "/detail",
        [
            {
                "json": {
                    "flavors": [flavor("1")],
                    "flavors_links": [{"rel": "next", "href": URL + "/detail?marker=1"}],
                }
            },
            {"json": {"flavors": [flavor("2", "m1.small")]}},
        ],
    )
    result = run_cli("flavor-list -f value -c ID")
    assert result.stdout == "1\n2\n"
    assert len(compute_requests(mock)) == 2


def test_flavor_list_extra_specs_embedded(mock, run_cli):
    mock.get(URL + "/detail", json={"flavors": [flavor(extra_specs={"hw:cpu_policy": "shared"})]})
    result = run_cli("flavor-list --extra-specs -f json")
    data = result.json
    assert list(data[0])[-2:] == ["extra_specs", "Description"]
    assert data[0]["extra_specs"] == {"hw:cpu_policy": "shared"}
    assert len(compute_requests(mock)) == 1


def test_flavor_list_extra_specs_before_2_61(mock, run_cli):
    mock.get(COMPUTE_URL + "/", json=version_document("2.60"))
    body = flavor()
    del body["extra_specs"]
    mock.get(URL + "/detail", json={"flavors": [body]})
    mock.get(URL + "/1/os-extra_specs", json={"extra_specs": {"k": "v"}})
    result = run_cli("flavor-list --extra-specs")
    assert result.table[0][9] == '{"k": "v"}'


def test_flavor_show(mock, run_cli):
    mock.get(URL + "/1", json={"flavor": flavor(extra_specs={"a": "b"})})
    result = run_cli("flavor-show 1")
    assert result.exit_code == 0, result.stderr
    rows = dict((r[0], r[1]) for r in result.table)
    assert rows["name"] == "m1.tiny" and rows["extra_specs"] == '{"a": "b"}'
    assert "links" not in rows


def test_flavor_show_by_name(mock, run_cli):
    mock.get(URL + "/m1.small", status_code=404, json={"itemNotFound": {"message": "no"}})
    mock.get(URL + "/detail", json={"flavors": [flavor(), flavor("2", "m1.small")]})
    result = run_cli("flavor-show m1.small -f json")
    assert result.json["id"] == "2"
    assert query_of(mock.request_history[-1]) == {"is_public": ["None"]}


def test_flavor_create(mock, run_cli):
    mock.post(URL, json={"flavor": flavor("auto-id", "new", description="d")})
    result = run_cli(
        "flavor-create new auto 512 1 2 --ephemeral 3 --swap 64 --is-public false --description d"
    )
    assert result.exit_code == 0, result.stderr
    assert last_request(mock).json() == {
        "flavor": {
            "name": "new",
            "ram": 512,
            "vcpus": 2,
            "disk": 1,
            "id": None,
            "OS-FLV-EXT-DATA:ephemeral": 3,
            "swap": 64,
            "os-flavor-access:is_public": False,
            "description": "d",
        }
    }
    assert result.table[0][:2] == ["auto-id", "new"]


def test_flavor_create_rxtx_before_2_102(mock, run_cli):
    mock.post(URL, json={"flavor": flavor("f1", "n", rxtx_factor=2.0)})
    result = run_cli("--os-compute-api-version 2.60 flavor-create n f1 512 1 1 --rxtx-factor 2")
    assert result.exit_code == 0, result.stderr
    body = last_request(mock).json()["flavor"]
    assert body["rxtx_factor"] == 2.0 and body["id"] == "f1"


def test_flavor_create_invalid_bool(run_cli):
    result = run_cli("flavor-create n auto 512 1 1 --is-public maybe")
    assert result.exit_code == 2
    assert result.stderr == (
        "nova flavor-create: error: argument --is-public: the value must be a boolean "
        "(true/false, yes/no, 1/0, on/off); got 'maybe'. (see 'nova help flavor-create')\n"
    )


@pytest.mark.parametrize("word, public", [("YES", True), ("off", False), ("t", True)])
def test_flavor_create_is_public_takes_the_validators_words(mock, run_cli, word, public):
    mock.post(URL, json={"flavor": flavor()})
    result = run_cli(f"flavor-create n auto 512 1 1 --is-public {word}")
    assert result.exit_code == 0, result.stderr
    assert last_request(mock).json()["flavor"]["os-flavor-access:is_public"] is public


def test_flavor_create_validation_sends_nothing(mock, run_cli):
    result = run_cli("flavor-create n auto 0 1 1")
    assert result.exit_code == 1
    assert result.stderr.startswith("ERROR (ValidationError): ram must be a positive integer")
    assert not [r for r in mock.request_history if r.method == "POST" and "/flavors" in r.url]


def test_flavor_update(mock, run_cli):
    mock.get(URL + "/1", json={"flavor": flavor()})
    mock.put(URL + "/1", json={"flavor": flavor(description="new desc")})
    result = run_cli("flavor-update 1 'new desc'")
    assert result.exit_code == 0, result.stderr
    assert last_request(mock).json() == {"flavor": {"description": "new desc"}}
    assert result.table[0][-1] == "new desc"


def test_flavor_delete_several_with_one_failure(mock, run_cli):
    mock.get(URL + "/1", json={"flavor": flavor()})
    mock.get(URL + "/2", json={"flavor": flavor("2", "m1.small")})
    mock.get(URL + "/nope", status_code=404, json={"itemNotFound": {"message": "no"}})
    mock.get(URL + "/detail", json={"flavors": [flavor(), flavor("2", "m1.small")]})
    deleted = [mock.delete(URL + "/1", status_code=202), mock.delete(URL + "/2", status_code=202)]
    result = run_cli("flavor-delete 1 nope 2")
    assert result.exit_code == 1
    assert result.stdout == "Flavor 1 has been deleted.\nFlavor 2 has been deleted.\n"
    assert result.stderr == (
        "ERROR (ResourceNotFound): No flavor with a name or ID of 'nope' exists. for nope\n"
    )
    assert all(m.called_once for m in deleted)


def test_flavor_key_set_and_unset(mock, run_cli):
    mock.get(URL + "/1", json={"flavor": flavor()})
    post = mock.post(URL + "/1/os-extra_specs", json={"extra_specs": {"a": "1", "b": "x=y"}})
    assert run_cli("flavor-key 1 set a=1 b=x=y").exit_code == 0
    assert post.last_request.json() == {"extra_specs": {"a": "1", "b": "x=y"}}
    dels = [mock.delete(URL + "/1/os-extra_specs/a"), mock.delete(URL + "/1/os-extra_specs/b")]
    assert run_cli("flavor-key 1 unset a b").exit_code == 0
    assert all(d.called_once for d in dels)


def test_flavor_key_set_needs_values(mock, run_cli):
    mock.get(URL + "/1", json={"flavor": flavor()})
    result = run_cli("flavor-key 1 set novalue")
    assert result.exit_code == 1
    assert result.stderr == (
        "ERROR (ValidationError): metadata must be of the form key=value; got 'novalue'.\n"
    )


def test_flavor_access_list(mock, run_cli):
    mock.get(
        URL + "/p1",
        json={"flavor": flavor("p1", "private", **{"os-flavor-access:is_public": False})},
    )
    mock.get(
        URL + "/p1/os-flavor-access",
        json={"flavor_access": [{"flavor_id": "p1", "tenant_id": "t1"}]},
    )
    result = run_cli("flavor-access-list --flavor p1")
    assert result.header == ["Flavor_ID", "Tenant_ID"]
    assert result.table == [["p1", "t1"]]


def test_flavor_access_list_errors(mock, run_cli):
    assert run_cli("flavor-access-list").stderr == (
        "ERROR (CommandError): Unable to get all access lists. Specify --flavor\n"
    )
    mock.get(URL + "/1", json={"flavor": flavor()})
    assert run_cli("flavor-access-list --flavor 1").stderr == (
        "ERROR (CommandError): Access list not available for public flavors.\n"
    )


def test_flavor_access_add_and_remove(mock, run_cli):
    mock.get(URL + "/p1", json={"flavor": flavor("p1", "private")})
    action = mock.post(
        URL + "/p1/action", json={"flavor_access": [{"flavor_id": "p1", "tenant_id": "t1"}]}
    )
    result = run_cli("flavor-access-add p1 t1")
    assert action.last_request.json() == {"addTenantAccess": {"tenant": "t1"}}
    assert result.table == [["p1", "t1"]]
    run_cli("flavor-access-remove p1 t1")
    assert action.last_request.json() == {"removeTenantAccess": {"tenant": "t1"}}
