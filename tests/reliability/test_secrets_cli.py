"""The nova command line never shows a secret but once, as the result of the command that made it.

See secrets.py for the leak check.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests_mock

from tests.reliability.secrets import (
    ADMIN_PASS,
    AUTH_URL,
    COMPUTE,
    PASSWORD,
    SERVER_ID,
    USER_DATA,
    USER_DATA_B64,
    assert_clean,
)

SERVER_UUID = SERVER_ID


def password_env(version: str = "2.latest") -> dict[str, str]:
    return {
        "OS_AUTH_URL": AUTH_URL,
        "OS_USERNAME": "admin",
        "OS_PASSWORD": PASSWORD,
        "OS_PROJECT_NAME": "admin",
        "OS_USER_DOMAIN_NAME": "Default",
        "OS_PROJECT_DOMAIN_NAME": "Default",
        "OS_COMPUTE_API_VERSION": version,
    }


@pytest.fixture
def shell_cloud(cloud: requests_mock.Mocker) -> requests_mock.Mocker:
    cloud.get(
        COMPUTE + "/flavors/1",
        json={"flavor": {"id": "1", "name": "tiny", "ram": 1, "vcpus": 1, "disk": 1}},
    )
    return cloud


def boot_argv(user_data_file: str, debug: bool) -> list[str]:
    """``nova [--debug] boot`` with both secrets: the admin password and user data."""
    argv = ["boot", "--flavor", "1", "--image", "5f5e7d5c-0000-4000-8000-000000000001"]
    argv += ["--nic", "none", "--admin-pass", ADMIN_PASS, "--user-data", user_data_file, "vm"]
    return ["--debug", *argv] if debug else argv


@pytest.fixture
def user_data_file(tmp_path: Any) -> str:
    path = tmp_path / "user-data.sh"
    path.write_text(USER_DATA)
    return str(path)


@pytest.mark.parametrize("debug", [True, False])
def test_cli_boot_shows_admin_pass_once_and_logs_nothing(
    shell_cloud: requests_mock.Mocker, nova: Any, user_data_file: str, debug: bool
) -> None:
    result = nova(boot_argv(user_data_file, debug), password_env())
    assert result.exit_code == 0, result.stderr[-2000:]
    if debug:
        assert "REQ: POST" in result.stderr
    assert_clean(result.stderr, "stderr")
    assert ADMIN_PASS in result.stdout  # the one place it is shown: boot's own result
    assert_clean(result.stdout.replace(ADMIN_PASS, ""), "stdout")


def test_cli_keypair_add_prints_the_private_key_only_on_stdout(
    shell_cloud: requests_mock.Mocker, nova: Any
) -> None:
    result = nova(["--debug", "keypair-add", "k"], password_env("2.91"))
    assert result.exit_code == 0, result.stderr[-2000:]
    assert "LEAKCHECK-pk-9902" in result.stdout
    assert_clean(result.stderr, "stderr")


def test_cli_show_and_rescue_log_no_secrets(shell_cloud: requests_mock.Mocker, nova: Any) -> None:
    for argv in (
        ["--debug", "show", SERVER_UUID],
        ["--debug", "rescue", "--password", ADMIN_PASS, SERVER_UUID],
    ):
        result = nova(argv, password_env())
        assert result.exit_code == 0, result.stderr[-2000:]
        assert_clean(result.stderr, f"stderr of {argv[1]}")
        if argv[1] == "show":
            assert_clean(result.stdout, "stdout of show")


@pytest.mark.parametrize("debug", [True, False])
def test_cli_error_echoing_secrets(
    shell_cloud: requests_mock.Mocker, nova: Any, user_data_file: str, debug: bool
) -> None:
    echo = f"Invalid input. Value: {{'adminPass': {ADMIN_PASS!r}, 'user_data': '{USER_DATA_B64}'}}"
    shell_cloud.post(
        COMPUTE + "/servers", status_code=400, json={"badRequest": {"code": 400, "message": echo}}
    )
    result = nova(boot_argv(user_data_file, debug), password_env())
    assert result.exit_code == 1
    assert "ERROR (BadRequest): Invalid input." in result.stderr
    assert_clean(result.stderr + result.stdout, "the output")


@pytest.mark.parametrize("debug", [True, False])
def test_cli_wrong_password(shell_cloud: requests_mock.Mocker, nova: Any, debug: bool) -> None:
    shell_cloud.post(
        AUTH_URL + "/auth/tokens",
        status_code=401,
        json={
            "error": {
                "code": 401,
                "title": "Unauthorized",
                "message": "The request you have made requires authentication.",
            }
        },
    )
    result = nova((["--debug"] if debug else []) + ["flavor-list"], password_env())
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith("ERROR (")
    assert_clean(result.stderr + result.stdout, "the output")
    if not debug:
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_cli_insecure_warns_once(shell_cloud: requests_mock.Mocker, nova: Any) -> None:
    result = nova(["--insecure", "flavor-list"], password_env())
    assert result.exit_code == 0
    warnings = [
        line
        for line in result.stderr.splitlines()
        if "insecure" in line.lower() or "verif" in line.lower()
    ]
    assert len(warnings) == 1, result.stderr


def test_cli_writes_no_files(
    shell_cloud: requests_mock.Mocker, nova: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No cache, history or log file can hold a secret: nothing is written at all."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.chdir(home)
    result = nova(
        [
            "--debug",
            "boot",
            "--flavor",
            "1",
            "--image",
            "5f5e7d5c-0000-4000-8000-000000000001",
            "--nic",
            "none",
            "--admin-pass",
            ADMIN_PASS,
            "vm",
        ],
        {**password_env(), "HOME": str(home)},
    )
    assert result.exit_code == 0, result.stderr[-2000:]
    assert list(home.rglob("*")) == []
