"""``nova --dry-run``: changes are printed, not sent; lookups run; exit 0 and one notice."""

from __future__ import annotations

import io
import json
import threading
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.dry_run import PlannedRequest
from novaclient_lite.shell.environment import Environment
from novaclient_lite.shell.multi import for_each
from tests.unit import bodies as fx
from tests.unit.service_catalog import use_catalog
from tests.unit.shell.server_helpers import SID, SURL, calls, flavor_get, get_server
from tests.unit.shell.support import DEFAULT_VARS, RunCli
from tests.unit.support import AUTH_URL, COMPUTE_URL

SID2 = fx.SERVER2_ID
HEADERS = "OpenStack-API-Version: compute 2.104\nX-OpenStack-Nova-API-Version: 2.104\n"


def only_reads_were_sent(m: requests_mock.Mocker) -> None:
    """Compute saw GETs only; the one other request is the Keystone login."""
    assert [(r.method, r.url) for r in m.request_history if r.method != "GET"] == [
        ("POST", AUTH_URL + "/auth/tokens")
    ]


def two_servers(m: requests_mock.Mocker) -> tuple[Any, Any]:
    """vm1 and vm2 found by name; their DELETE matchers (which must stay uncalled)."""
    m.get(
        f"{COMPUTE_URL}/servers/detail?name=%5Evm1%24", json=fx.servers_page(fx.server(SID, "vm1"))
    )
    m.get(
        f"{COMPUTE_URL}/servers/detail?name=%5Evm2%24", json=fx.servers_page(fx.server(SID2, "vm2"))
    )
    return (
        m.delete(SURL, status_code=204),
        m.delete(f"{COMPUTE_URL}/servers/{SID2}", status_code=204),
    )


# -- delete: one request per target --------------------------------------------------------


def test_delete_two_servers_prints_two_deletes_and_sends_none(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    d1, d2 = two_servers(mock)
    result = run_cli("--dry-run delete vm1 vm2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"DELETE {COMPUTE_URL}/servers/{SID}\n{HEADERS}\n"
        f"DELETE {COMPUTE_URL}/servers/{SID2}\n{HEADERS}"
    )
    assert result.stderr == "Dry run: 2 requests printed, none sent.\n"
    assert not d1.called and not d2.called
    assert calls(mock) == [
        ("GET", "/servers/detail?name=^vm1$"),
        ("GET", "/servers/detail?name=^vm2$"),
    ]
    only_reads_were_sent(mock)


def test_delete_with_wait_does_not_wait(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    two_servers(mock)
    result = run_cli("--dry-run delete --wait vm1")
    assert result.exit_code == 0, result.stderr
    assert calls(mock) == [("GET", "/servers/detail?name=^vm1$")]  # no poll of vm1
    assert result.stderr == "Dry run: 1 request printed, none sent.\n"


def test_a_failed_lookup_is_still_an_error(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    two_servers(mock)
    mock.get(f"{COMPUTE_URL}/servers/detail?name=%5Eghost%24", json=fx.servers_page())
    result = run_cli("--dry-run delete vm1 ghost")
    assert result.exit_code == 1
    assert result.stdout == f"DELETE {COMPUTE_URL}/servers/{SID}\n{HEADERS}"
    assert result.stderr.splitlines() == [
        "ERROR (ResourceNotFound): No server with a name or ID of 'ghost' exists. for ghost",
        "Dry run: 1 request printed, none sent.",
    ]
    only_reads_were_sent(mock)


def test_json_format_prints_the_requests_as_one_list(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    two_servers(mock)
    result = run_cli("--dry-run -f json delete vm1 vm2")
    assert result.exit_code == 0, result.stderr
    headers = {"OpenStack-API-Version": "compute 2.104", "X-OpenStack-Nova-API-Version": "2.104"}
    assert json.loads(result.stdout) == [
        {
            "method": "DELETE",
            "url": f"{COMPUTE_URL}/servers/{SID}",
            "headers": headers,
            "body": None,
        },
        {
            "method": "DELETE",
            "url": f"{COMPUTE_URL}/servers/{SID2}",
            "headers": headers,
            "body": None,
        },
    ]
    assert result.stderr == "Dry run: 2 requests printed, none sent.\n"


def test_yaml_format(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    two_servers(mock)
    result = run_cli("--dry-run -f yaml delete vm1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f'- method: DELETE\n  url: "{COMPUTE_URL}/servers/{SID}"\n'
        '  headers:\n    OpenStack-API-Version: "compute 2.104"\n'
        '    X-OpenStack-Nova-API-Version: "2.104"\n  body: null\n'
    )


# -- boot: the exact body, secrets masked ---------------------------------------------------


def test_boot_prints_the_exact_post_with_secrets_masked(
    run_cli: RunCli, mock: requests_mock.Mocker, tmp_path: Any
) -> None:
    flavor = flavor_get(mock)
    post = mock.post(f"{COMPUTE_URL}/servers", json=fx.created(), status_code=202)
    get = get_server(mock)
    user_data = tmp_path / "cloud-init.yaml"
    user_data.write_bytes(b"#cloud-config\npassword: hunter2\n")
    result = run_cli(
        [
            "--debug",
            "--dry-run",
            "boot",
            "--flavor",
            "1",
            "--image",
            fx.IMAGE_ID,
            "--admin-pass",
            "s3cret-pass",
            "--user-data",
            str(user_data),
            "--meta",
            "role=web",
            "--wait",
            "vm1",
        ]
    )
    assert result.exit_code == 0, result.stderr
    assert flavor.called_once and not post.called and not get.called
    assert result.stdout == (
        f"POST {COMPUTE_URL}/servers\n{HEADERS}\n"
        + json.dumps(
            {
                "server": {
                    "name": "vm1",
                    "flavorRef": "1",
                    "imageRef": fx.IMAGE_ID,
                    "metadata": {"role": "web"},
                    "user_data": "***",
                    "networks": "auto",
                    "adminPass": "***",
                }
            },
            indent=2,
        )
        + "\n"
    )
    assert result.stderr.endswith("Dry run: 1 request printed, none sent.\n")
    for secret in ("s3cret-pass", "hunter2", "I2Nsb3Vk"):  # I2Nsb3Vk: base64 of "#cloud"
        assert secret not in result.stdout + result.stderr
    only_reads_were_sent(mock)


def test_boot_at_2_1_shows_only_the_legacy_header(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    flavor_get(mock)
    result = run_cli(
        f"--os-compute-api-version 2.1 --dry-run boot --flavor 1 --image {fx.IMAGE_ID} vm1"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        f"POST {COMPUTE_URL}/servers",
        "X-OpenStack-Nova-API-Version: 2.1",
        "",
    ]


# -- backup-instance: the action body ---------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "body"),
    [
        ("", {"createImage": {"name": "before-upgrade", "metadata": {"description": "pre 2.0"}}}),
        (
            "--rotation 3 --backup-type weekly",
            {
                "createBackup": {
                    "name": "before-upgrade",
                    "backup_type": "weekly",
                    "rotation": 3,
                    "metadata": {"description": "pre 2.0"},
                }
            },
        ),
    ],
)
def test_backup_instance_prints_the_action(
    run_cli: RunCli, mock: requests_mock.Mocker, extra: str, body: dict[str, Any]
) -> None:
    use_catalog(mock)  # --wait needs the Image API, as the real run would
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    action = mock.post(f"{SURL}/action", json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(f"--dry-run backup-instance vm1 before-upgrade 'pre 2.0' --wait {extra}")
    assert result.exit_code == 0, result.stderr
    assert not action.called
    assert result.stdout == (f"POST {SURL}/action\n{HEADERS}\n" + json.dumps(body, indent=2) + "\n")
    assert result.stderr == "Dry run: 1 request printed, none sent.\n"
    assert calls(mock) == [("GET", "/servers/detail?name=^vm1$")]  # no --wait polling


# -- what stays as it was ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_get_only_command_is_unaffected(
    run_cli: RunCli, mock: requests_mock.Mocker, fmt: str
) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    plain = run_cli(f"-f {fmt} list")
    dry = run_cli(f"--dry-run -f {fmt} list")
    assert dry.exit_code == plain.exit_code == 0
    assert dry.stdout == plain.stdout and "vm1" in dry.stdout
    assert dry.stderr == "Dry run: no request would change anything.\n"
    assert [r.method for r in mock.request_history].count("GET") == 4  # twice discovery + list


@pytest.mark.parametrize(("value", "held"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_the_environment_variable(
    run_cli: RunCli, mock: requests_mock.Mocker, value: str, held: bool
) -> None:
    d1, _ = two_servers(mock)
    result = run_cli("delete vm1", env_vars={**DEFAULT_VARS, "NOVACLIENT_DRY_RUN": value})
    assert result.exit_code == 0, result.stderr
    assert d1.called is not held
    assert result.stderr == ("Dry run: 1 request printed, none sent.\n" if held else "")


def test_help_names_the_option_and_its_variable(run_cli: RunCli) -> None:
    text = " ".join(run_cli("help").stdout.split())
    assert "--dry-run Print every request that would change something" in text
    assert "[env: NOVACLIENT_DRY_RUN]" in text


def test_a_command_without_a_client_prints_no_notice(run_cli: RunCli) -> None:
    result = run_cli("--dry-run help list")
    assert result.exit_code == 0 and result.stderr == ""


# -- the multi-target runner -----------------------------------------------------------------


def make_env(dry_run: bool) -> Environment:
    return Environment(io.StringIO(), io.StringIO(), io.StringIO(), dry_run=dry_run)


def test_for_each_counts_a_held_target_as_a_success_and_runs_them_in_order() -> None:
    threads: set[int] = set()
    seen: list[str] = []

    def action(target: str) -> str | None:
        threads.add(threading.get_ident())
        seen.append(target)
        if target == "bad":
            raise exceptions.NotFound("No server bad.", code=404)
        raise exceptions.RequestNotSent(PlannedRequest("DELETE", f"http://c/{target}"))

    targets = ["a", "bad", "c", "d", "e", "f", "g", "h", "i"]
    results = for_each(make_env(True), targets, action, what="delete server")
    assert seen == targets and threads == {threading.get_ident()}
    assert results.failures == 1
    assert results.lines[0] == "Request to delete server a was not sent (dry run)."
    assert results.lines[1] == "ERROR (NotFound): No server bad. (HTTP 404) for bad"


def test_for_each_without_dry_run_still_uses_workers() -> None:
    threads: set[int] = set()
    barrier = threading.Barrier(2, timeout=5)

    def action(target: str) -> None:
        threads.add(threading.get_ident())
        barrier.wait()  # only two threads at once can pass

    for_each(make_env(False), ["a", "b"], action, what="x")
    assert len(threads) == 2


def test_a_result_after_a_held_request_is_not_shown() -> None:
    # e.g. a plugin command that catches RequestNotSent and returns what it would have made
    from novaclient_lite.shell import output
    from novaclient_lite.shell.dry_run import Printer

    out, err = io.StringIO(), io.StringIO()
    printer = Printer(out, "table")
    printer(PlannedRequest("POST", "http://c/servers", {}, {"server": {"name": "x"}}))
    assert printer.emit(output.Record({"id": "made-up"}), out, err) == 0
    assert out.getvalue() == 'POST http://c/servers\n\n{\n  "server": {\n    "name": "x"\n  }\n}\n'
    assert err.getvalue() == ""


def test_dry_run_after_the_command_is_refused_and_nothing_is_sent(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    d1, _ = two_servers(mock)
    result = run_cli("delete vm1 --dry-run")
    assert result.exit_code == 2
    assert result.stderr.startswith("nova delete: error: unrecognized arguments: --dry-run")
    assert not d1.called and mock.request_history == []
