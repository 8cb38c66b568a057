"""aggregate-* commands: python-novaclient's columns, messages and checks; --dry-run."""

from __future__ import annotations

import json

import requests_mock

from tests.unit.service_catalog import IMAGE_URL, use_catalog
from tests.unit.shell.support import RunCli, table_header, table_rows
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.bodies_admin import AGG_URL, AGG_UUID, aggregate
from tests.unit.v2.helpers import IMAGE_ID, body_of, nothing_sent, only_request, query_of

DETAIL = ["Id", "Name", "Availability Zone", "Hosts", "Metadata", "UUID"]


def test_aggregate_list_columns_by_version(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(AGG_URL, json={"aggregates": [aggregate()]})
    new = run_cli("aggregate-list")
    assert table_header(new.stdout) == ["Id", "Name", "Availability Zone", "UUID"]
    assert table_rows(new.stdout) == [["1", "agg1", "az1", AGG_UUID]]
    old = run_cli("--os-compute-api-version 2.40 aggregate-list")
    assert table_header(old.stdout) == ["Id", "Name", "Availability Zone"]


def test_aggregate_show_by_name(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(AGG_URL, json={"aggregates": [aggregate()]})
    result = run_cli("aggregate-show agg1")
    assert result.exit_code == 0, result.stderr
    assert table_header(result.stdout) == DETAIL
    assert table_rows(result.stdout) == [
        ["1", "agg1", "az1", "'compute1'", "'availability_zone=az1', 'ssd=true'", AGG_UUID]
    ]


def test_aggregate_show_unknown(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(AGG_URL, json={"aggregates": []})
    result = run_cli("aggregate-show ghost")
    assert result.exit_code == 1
    assert result.stderr == (
        "ERROR (ResourceNotFound): No aggregate with a name or ID of 'ghost' exists.\n"
    )


def test_aggregate_create(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = mock.post(AGG_URL, json={"aggregate": aggregate(hosts=[], metadata={})})
    result = run_cli("aggregate-create agg1 az1")
    assert result.exit_code == 0, result.stderr
    assert body_of(only_request(post)) == {
        "aggregate": {"name": "agg1", "availability_zone": "az1"}
    }
    assert table_rows(result.stdout) == [["1", "agg1", "az1", "", "", AGG_UUID]]


def test_aggregate_update(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(AGG_URL + "/1", json={"aggregate": aggregate()})
    put = mock.put(AGG_URL + "/1", json={"aggregate": aggregate(name="new")})
    result = run_cli("aggregate-update 1 --name new --availability-zone az2")
    assert result.exit_code == 0, result.stderr
    assert body_of(only_request(put)) == {"aggregate": {"name": "new", "availability_zone": "az2"}}
    assert result.stdout.splitlines()[0] == "Aggregate 1 has been successfully updated."
    assert table_rows(result.stdout)[0][1] == "new"


def test_aggregate_update_needs_a_change(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli("aggregate-update 1")
    assert result.exit_code == 1
    assert result.stderr == (
        "ERROR (CommandError): Either '--name <name>' or "
        "'--availability-zone <availability-zone>' must be specified.\n"
    )
    nothing_sent(mock)


def test_aggregate_set_metadata_sets_and_unsets(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    mock.get(AGG_URL + "/1", json={"aggregate": aggregate()})
    action = mock.post(AGG_URL + "/1/action", json={"aggregate": aggregate(metadata={"a": "b"})})
    result = run_cli("aggregate-set-metadata 1 a=b=c ssd")
    assert result.exit_code == 0, result.stderr
    assert body_of(only_request(action)) == {
        "set_metadata": {"metadata": {"a": "b=c", "ssd": None}}
    }
    assert result.stdout.splitlines()[0] == (
        "Metadata has been successfully updated for aggregate 1."
    )


def test_aggregate_set_metadata_checks(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(AGG_URL + "/1", json={"aggregate": aggregate()})
    action = mock.post(AGG_URL + "/1/action", json={"aggregate": aggregate()})
    same = run_cli("aggregate-set-metadata 1 ssd=true")
    assert (same.exit_code, same.stderr) == (1, "ERROR (CommandError): metadata already exists\n")
    gone = run_cli("aggregate-set-metadata 1 nope")
    assert gone.stderr == (
        "ERROR (CommandError): metadata key nope does not exist hence can not be deleted\n"
    )
    empty = run_cli("aggregate-set-metadata 1 =x")
    assert empty.exit_code == 1
    assert empty.stderr == (
        "ERROR (ValidationError): <key=value> must be of the form key=value or key; got '=x'.\n"
    )
    assert not action.called


def test_add_and_remove_host(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(AGG_URL, json={"aggregates": [aggregate()]})
    action = mock.post(AGG_URL + "/1/action", json={"aggregate": aggregate()})
    added = run_cli("aggregate-add-host agg1 compute2")
    assert added.stdout.splitlines()[0] == (
        "Host compute2 has been successfully added for aggregate 1 "
    )
    assert body_of(action.last_request) == {"add_host": {"host": "compute2"}}
    removed = run_cli("aggregate-remove-host agg1 compute1")
    assert removed.stdout.splitlines()[0] == (
        "Host compute1 has been successfully removed from aggregate 1 "
    )
    assert body_of(action.last_request) == {"remove_host": {"host": "compute1"}}


def test_aggregate_delete(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(AGG_URL, json={"aggregates": [aggregate()]})
    delete = mock.delete(AGG_URL + "/1", status_code=200)
    result = run_cli("aggregate-delete agg1")
    assert (result.exit_code, result.stdout) == (0, "Aggregate 1 has been successfully deleted.\n")
    only_request(delete)


def test_aggregate_cache_images(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(AGG_URL + "/1", json={"aggregate": aggregate()})
    post = mock.post(AGG_URL + "/1/images", status_code=202)
    result = run_cli(f"aggregate-cache-images 1 {IMAGE_ID}")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert body_of(only_request(post)) == {"cache": [{"id": IMAGE_ID}]}


def test_aggregate_cache_images_by_name(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    use_catalog(mock)
    mock.get(AGG_URL + "/1", json={"aggregate": aggregate()})
    images = mock.get(
        IMAGE_URL + "/v2/images", json={"images": [{"id": IMAGE_ID, "name": "cirros"}]}
    )
    post = mock.post(AGG_URL + "/1/images", status_code=202)
    result = run_cli("aggregate-cache-images 1 cirros")
    assert result.exit_code == 0, result.stderr
    assert query_of(only_request(images))["name"] == ["cirros"]
    assert body_of(only_request(post)) == {"cache": [{"id": IMAGE_ID}]}


def test_aggregate_cache_images_refusals(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    old = run_cli(f"--os-compute-api-version 2.80 aggregate-cache-images 1 {IMAGE_ID}")
    assert old.exit_code == 1
    assert "aggregate-cache-images" in old.stderr and "2.81" in old.stderr
    nothing_sent(mock)
    use_catalog(mock)
    mock.get(IMAGE_URL + "/v2/images", json={"images": []})
    post = mock.post(AGG_URL + "/1/images", status_code=202)
    unknown = run_cli("aggregate-cache-images 1 ghost")
    assert (unknown.exit_code, unknown.stderr) == (
        1,
        "ERROR (ResourceNotFound): No image with a name or ID of 'ghost' exists.\n",
    )
    assert not post.called


def test_dry_run_prints_the_add_host(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(AGG_URL, json={"aggregates": [aggregate()]})
    action = mock.post(AGG_URL + "/1/action", json={"aggregate": aggregate()})
    result = run_cli("--dry-run aggregate-add-host agg1 compute2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"POST {COMPUTE_URL}/os-aggregates/1/action\n")
    assert json.loads(result.stdout.split("\n\n", 1)[1]) == {"add_host": {"host": "compute2"}}
    assert not action.called
