"""``nova api``: the exact request, the printed body, errors, --dry-run and redaction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests_mock
from keystoneauth1 import fixture as ksa_fixture

from tests.unit.shell.support import DEFAULT_VARS, RunCli
from tests.unit.support import AUTH_URL, COMPUTE_URL, TOKEN, last_request
from tests.unit.v2.helpers import SERVER_ID, assert_version, body_of, only_request, query_of

PLACEMENT_URL = "http://placement.test/placement"
IMAGE_URL = "http://image.test:9292"
ACTION = f"{COMPUTE_URL}/servers/{SERVER_ID}/action"
SERVERS = {"servers": [{"id": SERVER_ID, "name": "vm1", "links": []}]}
NOAUTH_VARS = {
    "OS_AUTH_TYPE": "admin_token",
    "OS_TOKEN": "admin:admin",
    "OS_ENDPOINT_OVERRIDE": COMPUTE_URL,
}


def login_with_catalog(m: requests_mock.Mocker) -> None:
    """Keystone answers with compute, placement and image in the catalog."""
    token = ksa_fixture.V3Token(project_name="admin", user_name="admin")
    token.set_project_scope()
    for kind, url in (("compute", COMPUTE_URL), ("placement", PLACEMENT_URL), ("image", IMAGE_URL)):
        token.add_service(kind).add_standard_endpoints(public=url, internal=url, region="RegionOne")
    m.post(
        AUTH_URL + "/auth/tokens", json=token, headers={"X-Subject-Token": TOKEN}, status_code=201
    )


def nothing_at_all_sent(m: requests_mock.Mocker) -> None:
    """Refused before the login: not even Keystone was asked."""
    assert m.request_history == []


# -- GET: the request and the printed body ---------------------------------------------------


def test_get_sends_the_path_and_query_as_given_with_the_microversion(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get = mock.get(f"{COMPUTE_URL}/servers/detail", json=SERVERS)
    result = run_cli(
        "--os-compute-api-version 2.79 api get "
        "'/servers/detail?sort_key=display_name&changes-since=2026-01-01T00:00:00Z'"
    )
    assert result.exit_code == 0, result.stderr
    request = only_request(get)
    assert request.method == "GET"
    assert query_of(request) == {
        "sort_key": ["display_name"],
        "changes-since": ["2026-01-01T00:00:00Z"],
    }
    assert_version(request, "2.79")
    assert request.body is None
    assert result.stdout == json.dumps(SERVERS, indent=2) + "\n"
    assert result.stderr == ""


def test_get_negotiates_the_newest_version_by_default(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get = mock.get(f"{COMPUTE_URL}/os-hypervisors", json={"hypervisors": []})
    assert run_cli("api GET /os-hypervisors").exit_code == 0
    assert_version(only_request(get), "2.104")


COMPACT = '{"servers":[{"id":"' + SERVER_ID + '","name":"vm1","links":[]}]}\n'


@pytest.mark.parametrize(
    "fmt,expected",
    [
        ("json", COMPACT),
        ("value", COMPACT),
        ("yaml", f'servers:\n  - id: "{SERVER_ID}"\n    name: vm1\n    links: []\n'),
    ],
)
def test_machine_formats_are_compact(
    run_cli: RunCli, mock: requests_mock.Mocker, fmt: str, expected: str
) -> None:
    mock.get(f"{COMPUTE_URL}/servers", json=SERVERS)
    result = run_cli(f"api GET /servers -f {fmt}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected


def test_include_prints_status_and_headers_with_credentials_masked(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    mock.post(
        ACTION,
        status_code=202,
        headers={
            "Location": "http://image.test/v2/images/i-1",
            "x-openstack-request-id": "req-7",
            "X-Subject-Token": "leaked-token-value",
        },
    )
    result = run_cli(
        f'api POST /servers/{SERVER_ID}/action -d \'{{"createImage": {{"name": "snap"}}}}\' -i'
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "HTTP 202"
    assert "Location: http://image.test/v2/images/i-1" in lines
    assert "x-openstack-request-id: req-7" in lines
    assert "leaked-token-value" not in result.stdout
    assert any(line.startswith("X-Subject-Token: {SHA256}") for line in lines)


def test_head_prints_nothing(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    head = mock.head(f"{COMPUTE_URL}/servers", status_code=200)
    result = run_cli("api head /servers")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert only_request(head).method == "HEAD"


# -- bodies: --data as text, @file and @- ----------------------------------------------------

REBOOT = {"reboot": {"type": "HARD"}}


def test_post_sends_the_data_as_json(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = mock.post(ACTION, status_code=202)
    result = run_cli(["api", "POST", f"/servers/{SERVER_ID}/action", "--data", json.dumps(REBOOT)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    request = only_request(post)
    assert body_of(request) == REBOOT
    assert request.headers["Content-Type"] == "application/json"
    assert_version(request, "2.104")


def test_post_reads_the_data_from_a_file(
    run_cli: RunCli, mock: requests_mock.Mocker, tmp_path: Path
) -> None:
    post = mock.post(ACTION, status_code=202)
    (tmp_path / "reboot.json").write_text(json.dumps(REBOOT), encoding="utf-8")
    result = run_cli(f"api POST /servers/{SERVER_ID}/action -d @{tmp_path / 'reboot.json'}")
    assert result.exit_code == 0, result.stderr
    assert body_of(only_request(post)) == REBOOT


def test_put_reads_the_data_from_stdin_and_prints_the_answer(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    answer = {"server": {"id": SERVER_ID, "name": "vm2"}}
    put = mock.put(f"{COMPUTE_URL}/servers/{SERVER_ID}", json=answer)
    result = run_cli(f"api PUT /servers/{SERVER_ID} --data @-", stdin='{"server": {"name": "vm2"}}')
    assert result.exit_code == 0, result.stderr
    assert body_of(only_request(put)) == {"server": {"name": "vm2"}}
    assert json.loads(result.stdout) == answer


# -- headers ------------------------------------------------------------------------------


def test_a_header_is_added(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = mock.get(f"{COMPUTE_URL}/servers", json=SERVERS)
    result = run_cli("api GET /servers -H 'X-Trace: on' --header 'Accept-Language:  fr '")
    assert result.exit_code == 0, result.stderr
    request = only_request(get)
    assert request.headers["X-Trace"] == "on"
    assert request.headers["Accept-Language"] == "fr"


def test_a_header_replaces_the_clients_own_whatever_its_case(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    result = run_cli(
        [
            "--dry-run",
            "api",
            "PATCH",
            "/servers/x",
            "-d",
            "[]",
            "-H",
            "openstack-api-version: compute 2.1",
            "-H",
            "content-type: application/openstack-images-v2.1-json-patch",
        ]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"PATCH {COMPUTE_URL}/servers/x\n"
        "X-OpenStack-Nova-API-Version: 2.104\n"
        "openstack-api-version: compute 2.1\n\n[]\n"
    )


# -- errors -------------------------------------------------------------------------------


def test_an_error_is_one_line_with_status_and_request_id(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    mock.get(
        f"{COMPUTE_URL}/servers/nope",
        status_code=404,
        headers={"x-openstack-request-id": "req-4c1e"},
        json={"itemNotFound": {"code": 404, "message": "Instance nope could not be found."}},
    )
    result = run_cli("api GET /servers/nope")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "ERROR (NotFound): Instance nope could not be found. (HTTP 404) (Request-ID: req-4c1e)\n"
    )


@pytest.mark.parametrize(
    "argv,message",
    [
        (["api", "GET", "http://evil.test/servers"], "the path must start with '/'"),
        (["api", "GET", "//evil.test/servers"], "the path must start with '/'"),
        (["api", "GET", "servers"], "the path must start with '/'"),
        (["api", "GET", "/servers detail"], "the path must start with '/'"),
        (["api", "FETCH", "/servers"], "argument <method>: invalid choice: 'FETCH'"),
        (["api", "GET", "/servers", "-H", "no colon"], "a header must be 'Name: value'"),
        (["api", "GET", "/servers", "-H", "Bad Name: x"], "a header must be 'Name: value'"),
        (["api", "GET", "/servers", "-H", "X-A: 1\r\nX-B: 2"], "a header must be 'Name: value'"),
        (
            ["api", "POST", "/servers", "-d", "{'a': 1}"],
            "argument --data/-d: not valid JSON: Expecting property name enclosed in double quotes",
        ),
        (
            ["api", "POST", "/servers", "-d", "@/no/such/file.json"],
            "argument --data/-d: can't read '/no/such/file.json'",
        ),
        (["api", "GET", "/servers", "--service", "volume"], "argument --service: invalid choice"),
        (["api", "GET", "/servers", "-c", "servers"], "-c/--column does not apply"),
    ],
)
def test_bad_input_is_one_usage_line_and_nothing_is_sent(
    run_cli: RunCli, mock: requests_mock.Mocker, argv: list[str], message: str
) -> None:
    result = run_cli(argv)
    assert result.exit_code == 2
    assert result.stderr.startswith("nova api: error: ")
    assert message in result.stderr
    assert result.stderr.endswith(" (see 'nova help api')\n")
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""
    assert [r for r in mock.request_history if r.url.startswith(COMPUTE_URL + "/servers")] == []


@pytest.mark.parametrize(
    "argv",
    [
        ["api", "GET", "https://evil.test/"],
        ["api", "POST", "/servers", "-d", "{not json"],
        ["api", "GET", "/servers", "-H", "no colon"],
    ],
)
def test_bad_input_is_refused_before_the_login(
    run_cli: RunCli, mock: requests_mock.Mocker, argv: list[str]
) -> None:
    assert run_cli(argv).exit_code == 2
    nothing_at_all_sent(mock)


def test_a_bad_file_names_it(run_cli: RunCli, mock: requests_mock.Mocker, tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text('{"a": }', encoding="utf-8")
    result = run_cli(f"api POST /servers -d @{tmp_path / 'b.json'}")
    assert result.exit_code == 2
    assert (
        f"argument --data/-d: not valid JSON in '{tmp_path / 'b.json'}': Expecting value"
        in result.stderr
    )
    nothing_at_all_sent(mock)


def test_bad_json_on_stdin_is_one_usage_line(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli("api POST /servers -d @-", stdin="[1,")
    assert result.exit_code == 2
    assert result.stderr == (
        "nova api: error: --data: not valid JSON on standard input: "
        "Expecting value: line 1 column 4 (char 3) (see 'nova help api')\n"
    )
    assert [
        r for r in mock.request_history if r.method != "GET" and r.url.startswith(COMPUTE_URL)
    ] == []


# -- --dry-run ------------------------------------------------------------------------------


def test_dry_run_prints_the_post_and_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    post = mock.post(ACTION, status_code=202)
    result = run_cli(
        ["--dry-run", "api", "post", f"/servers/{SERVER_ID}/action", "-d", json.dumps(REBOOT)]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"POST {ACTION}\n"
        "OpenStack-API-Version: compute 2.104\n"
        "X-OpenStack-Nova-API-Version: 2.104\n\n" + json.dumps(REBOOT, indent=2) + "\n"
    )
    assert result.stderr == "Dry run: 1 request printed, none sent.\n"
    assert not post.called


def test_dry_run_still_sends_a_get(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = mock.get(f"{COMPUTE_URL}/servers", json=SERVERS)
    result = run_cli("--dry-run api GET /servers -f json")
    assert result.exit_code == 0, result.stderr
    assert get.called_once
    assert json.loads(result.stdout) == SERVERS
    assert result.stderr == "Dry run: no request would change anything.\n"


# -- secrets -------------------------------------------------------------------------------


def test_debug_masks_the_secrets_of_the_body_and_headers(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    mock.post(
        f"{COMPUTE_URL}/servers",
        status_code=400,
        json={"badRequest": {"code": 400, "message": "Invalid input: 'Pa55\"word!' is not valid"}},
    )
    body = {"server": {"name": "vm", "adminPass": 'Pa55"word!', "user_data": "c2VjcmV0LWRhdGE="}}
    result = run_cli(
        [
            "--debug",
            "api",
            "POST",
            "/servers",
            "-d",
            json.dumps(body),
            "-H",
            "X-Auth-Token: user-given-token-123",
        ]
    )
    assert result.exit_code == 1
    for secret in ('Pa55"word!', 'Pa55\\"word!', "c2VjcmV0LWRhdGE=", "user-given-token-123", TOKEN):
        assert secret not in result.stderr
    assert "REQ: POST" in result.stderr and "***" in result.stderr


# -- other services ----------------------------------------------------------------------------


def test_placement_through_the_catalog_without_compute_microversions(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    login_with_catalog(mock)
    get = mock.get(
        f"{PLACEMENT_URL}/resource_providers?name=host1", json={"resource_providers": []}
    )
    result = run_cli(
        "api GET '/resource_providers?name=host1' --service placement "
        "-H 'OpenStack-API-Version: placement 1.39'"
    )
    assert result.exit_code == 0, result.stderr
    request = only_request(get)
    assert request.headers["OpenStack-API-Version"] == "placement 1.39"
    assert "X-OpenStack-Nova-API-Version" not in request.headers
    assert request.headers["X-Auth-Token"] == TOKEN
    assert json.loads(result.stdout) == {"resource_providers": []}


def test_image_through_the_catalog(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    login_with_catalog(mock)
    get = mock.get(f"{IMAGE_URL}/v2/images", json={"images": []})
    result = run_cli("api GET /v2/images --service image")
    assert result.exit_code == 0, result.stderr
    assert_version(only_request(get), None)
    assert last_request(mock).url == f"{IMAGE_URL}/v2/images"


def test_a_service_missing_from_the_catalog_is_one_line(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    result = run_cli("api GET /v2.0/networks --service network")
    assert result.exit_code == 1
    assert result.stderr == (
        "ERROR (EndpointNotFound): No network service in the catalog for any region "
        "(interface public); logins without a catalog (admin_token, none, "
        "a warm --os-cache) reach compute only.\n"
    )


def test_admin_token_mode_reaches_compute_only(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli("api GET /v2/images --service image", env_vars=NOAUTH_VARS)
    assert result.exit_code == 1
    assert result.stderr.startswith("ERROR (EndpointNotFound): No image service in the catalog")
    assert [r.url for r in mock.request_history] == [COMPUTE_URL + "/"]  # discovery only
    get = mock.get(f"{COMPUTE_URL}/servers", json=SERVERS)
    assert run_cli("api GET /servers", env_vars=NOAUTH_VARS).exit_code == 0
    assert get.last_request.headers["X-Auth-Token"] == "admin:admin"


def test_help_lists_the_command(run_cli: RunCli) -> None:
    result = run_cli("help api", env_vars=dict(DEFAULT_VARS))
    assert result.exit_code == 0
    assert "usage: nova api" in result.stdout and "--service <service>" in result.stdout
