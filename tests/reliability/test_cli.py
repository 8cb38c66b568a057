"""The shell against the hostile server: exit 1, one line on stderr, no traceback."""

from __future__ import annotations

import pytest

from tests.reliability.support import (
    FLAVORS,
    LB_PAGE,
    Action,
    CliResult,
    Hostile,
    RunNova,
    closed_port,
    length_lie,
    raw,
    record_then_stall,
    redirect,
    reply,
    reset_mid_body,
    stall,
    within,
)

CASES: dict[str, tuple[str, str, Action, str]] = {
    # name: (method, path, action, expected error class in "ERROR (<class>): ...")
    "html-502": ("GET", FLAVORS, raw(502, LB_PAGE), "BadGateway"),
    "html-200": ("GET", FLAVORS, raw(200, b"<html>It works!</html>"), "InvalidResponse"),
    "truncated": (
        "GET",
        FLAVORS,
        raw(200, b'{"flavors": [', content_type="application/json"),
        "InvalidResponse",
    ),
    "wrong-shape": ("GET", FLAVORS, reply(200, {"flavors": {"id": 1}}), "InvalidResponse"),
    "reset": ("GET", FLAVORS, reset_mid_body, "ConnectionError"),
    "length-lie": ("GET", FLAVORS, length_lie, "ConnectionError"),
    "stall": ("GET", FLAVORS, stall, "Timeout"),
    "redirect-loop": ("GET", FLAVORS, redirect(FLAVORS), "InvalidResponse"),
    "banana-version": (
        "GET",
        "/v2.1/",
        reply(200, {"version": {"version": "banana"}}),
        "InvalidResponse",
    ),
    "rate-limited": (
        "GET",
        FLAVORS,
        reply(429, {"overLimit": {"message": "slow down"}}, {"Retry-After": "3600"}),
        "RateLimit",
    ),
}


def token_env(endpoint: str) -> dict[str, str]:
    return {
        "OS_TOKEN": "admin:admin",
        "OS_ENDPOINT_OVERRIDE": endpoint,
        "OS_COMPUTE_API_VERSION": "2.1",
    }


def assert_one_error_line(stderr: str, error_class: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr[:2000]
    assert lines[0].startswith(f"ERROR ({error_class}): "), lines[0][:300]
    assert len(lines[0]) < 1200
    assert "Traceback" not in stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_hostile_is_one_line_exit_1(hostile: Hostile, nova: RunNova, case: str) -> None:
    method, path, action, error_class = CASES[case]
    hostile.on(method, path, action)
    with within():
        result = nova(["--timeout", "0.5", "flavor-list"], token_env(hostile.endpoint))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_one_error_line(result.stderr, error_class)


def test_cli_connection_refused(nova: RunNova) -> None:
    with within():
        result = nova(["flavor-list"], token_env(f"http://127.0.0.1:{closed_port()}/v2.1"))
    assert result.exit_code == 1
    assert_one_error_line(result.stderr, "ConnectionError")


def test_cli_debug_shows_traceback_and_retries(hostile: Hostile, nova: RunNova) -> None:
    hostile.on("GET", FLAVORS, raw(503, b"<h1>busy</h1>"))
    with within():
        result = nova(["--debug", "flavor-list"], token_env(hostile.endpoint))
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert "retry 1/3 of GET" in result.stderr and "retry 3/3 of GET" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("ERROR (ServiceUnavailable): busy")


def test_cli_boot_that_stalls_is_sent_once(hostile: Hostile, nova: RunNova) -> None:
    hostile.on("GET", "/v2.1/flavors/1", reply(200, {"flavor": {"id": "1", "name": "tiny"}}))
    hostile.on("POST", "/v2.1/servers", record_then_stall)
    with within():
        result = nova(
            [
                "--timeout",
                "0.5",
                "boot",
                "--flavor",
                "1",
                "--image",
                "5f5e7d5c-0000-4000-8000-000000000001",
                "--nic",
                "none",
                "vm",
            ],
            {**token_env(hostile.endpoint), "OS_COMPUTE_API_VERSION": "2.37"},
        )
    assert result.exit_code == 1
    assert_one_error_line(result.stderr, "Timeout")
    assert hostile.count("POST", "/v2.1/servers") == 1


def test_cli_backup_that_fails_with_503_is_sent_once(hostile: Hostile, nova: RunNova) -> None:
    server = "5f5e7d5c-0000-4000-8000-0000000000aa"
    hostile.on(
        "GET", f"/v2.1/servers/{server}", reply(200, {"server": {"id": server, "name": "vm"}})
    )
    hostile.on("POST", f"/v2.1/servers/{server}/action", raw(503, b"busy"))
    with within():
        result = nova(["backup", server, "b1", "daily", "1"], token_env(hostile.endpoint))
    assert result.exit_code == 1
    assert_one_error_line(result.stderr, "ServiceUnavailable")
    assert hostile.count("POST", f"/v2.1/servers/{server}/action") == 1


SERVER = "5f5e7d5c-0000-4000-8000-0000000000bb"


def _boot_wait(hostile: Hostile, nova: RunNova, status_doc: dict[str, object]) -> CliResult:
    hostile.on("GET", "/v2.1/flavors/1", reply(200, {"flavor": {"id": "1", "name": "tiny"}}))
    hostile.on("POST", "/v2.1/servers", reply(202, {"server": {"id": SERVER, "links": []}}))
    hostile.on("GET", f"/v2.1/servers/{SERVER}", reply(200, {"server": status_doc}))
    with within():
        return nova(
            [
                "boot",
                "--flavor",
                "1",
                "--image",
                "5f5e7d5c-0000-4000-8000-000000000001",
                "--nic",
                "none",
                "--wait",
                "--wait-timeout",
                "0.5",
                "vm",
            ],
            {**token_env(hostile.endpoint), "OS_COMPUTE_API_VERSION": "2.37"},
        )


def test_cli_wait_has_a_deadline(hostile: Hostile, nova: RunNova) -> None:
    result = _boot_wait(hostile, nova, {"id": SERVER, "name": "vm", "status": "BUILD"})
    assert result.exit_code == 1
    assert_one_error_line(result.stderr, "WaitTimeout")
    assert hostile.count("POST", "/v2.1/servers") == 1


def test_cli_wait_error_state_is_one_line(hostile: Hostile, nova: RunNova) -> None:
    fault = {"message": "No valid host was found.\nThere are not enough hosts.", "code": 500}
    result = _boot_wait(
        hostile, nova, {"id": SERVER, "name": "vm", "status": "ERROR", "fault": fault}
    )
    assert result.exit_code == 1
    assert_one_error_line(result.stderr, "ResourceInErrorState")
    assert "No valid host was found." in result.stderr
