"""The framework end to end: argv -> HTTP -> stdout/stderr/exit code."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from novaclient_lite import __version__
from novaclient_lite.shell import main
from tests.unit import bodies
from tests.unit.shell.support import DEFAULT_VARS, table_header, table_rows
from tests.unit.support import AUTH_URL, COMPUTE_URL, TOKEN, version_document

FLAVOR = bodies.flavor()


def test_version(run_cli):
    result = run_cli("--version")
    assert (result.stdout, result.stderr, result.exit_code) == (__version__ + "\n", "", 0)


def test_version_after_global_flags(run_cli):
    assert run_cli("--debug --version").stdout == __version__ + "\n"
    assert run_cli("--os-username bob --version").stdout == __version__ + "\n"


@pytest.mark.parametrize("argv", ["--version", "help", "help flavor-list"])
def test_startup_imports_no_http_stack(argv):
    code = textwrap.dedent(f"""
        import io, sys
        from novaclient_lite.shell import main
        from novaclient_lite.shell.environment import Environment
        env = Environment(io.StringIO(), io.StringIO(), io.StringIO())
        assert main({argv.split()!r}, env) == 0, env.stderr.getvalue()
        heavy = [m for m in sys.modules if m.split(".")[0] in
                 ("requests", "keystoneauth1", "prettytable", "urllib3", "openstack")]
        print(",".join(heavy))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_no_arguments_prints_help(run_cli):
    result = run_cli([])
    assert result.exit_code == 0
    assert result.stdout.startswith("usage: nova")
    assert "flavor-list" in result.stdout and "--os-auth-url" in result.stdout


def test_help_lists_commands_and_env_vars(run_cli):
    result = run_cli("help")
    assert result.exit_code == 0
    assert "[env: OS_AUTH_URL]" in result.stdout
    assert "[env: OS_COMPUTE_API_VERSION]" in result.stdout
    assert "  flavor-list " in result.stdout and "keypair-add" in result.stdout


def test_help_command(run_cli):
    result = run_cli("help flavor-create")
    assert result.exit_code == 0
    assert result.stdout.startswith("usage: nova flavor-create")
    assert "(Supported by API versions '2.55' - '2.latest')" in " ".join(result.stdout.split())


def test_dash_h_on_command(run_cli):
    result = run_cli("flavor-list -h")
    assert result.exit_code == 0 and "--extra-specs" in result.stdout


def test_help_unknown_command(run_cli):
    result = run_cli("help flavor-lst")
    assert result.exit_code == 2
    assert "'flavor-lst' is not a nova command. Did you mean flavor-list" in result.stderr


def test_unknown_command_is_usage_error(run_cli):
    result = run_cli("bogus-command")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "'bogus-command' is not a nova command" in result.stderr


def test_usage_error_is_one_line(run_cli):
    result = run_cli("flavor-create tiny auto 512")
    assert result.exit_code == 2
    assert result.stderr == (
        "nova flavor-create: error: the following arguments are required: <disk>, <vcpus> "
        "(see 'nova help flavor-create')\n"
    )
    assert run_cli("flavor-create tiny auto lots 1 1").exit_code == 2


def test_unknown_global_option(run_cli):
    result = run_cli("--bogus flavor-list")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_error_line_with_request_id(mock, run_cli):
    mock.get(
        COMPUTE_URL + "/flavors/x",
        status_code=404,
        json={"itemNotFound": {"code": 404, "message": "Flavor x could not be found."}},
        headers={"x-openstack-request-id": "req-123"},
    )
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    result = run_cli("flavor-show x")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "ERROR (ResourceNotFound): No flavor with a name or ID of 'x' exists.\n"
    )


def test_http_error_class_name(mock, run_cli):
    mock.get(
        COMPUTE_URL + "/flavors/detail",
        status_code=403,
        json={"forbidden": {"code": 403, "message": "Policy doesn't allow it."}},
        headers={"x-openstack-request-id": "req-abc"},
    )
    result = run_cli("flavor-list")
    assert result.exit_code == 1
    assert result.stderr == (
        "ERROR (Forbidden): Policy doesn't allow it. (HTTP 403) (Request-ID: req-abc)\n"
    )
    assert "Traceback" not in result.stderr


def test_debug_shows_traceback(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", status_code=500, json={})
    result = run_cli("--debug flavor-list")
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("ERROR (InternalServerError)")


def test_microversion_negotiation_header(mock, run_cli):
    mock.get(COMPUTE_URL + "/", json=version_document("2.60"))
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    assert run_cli("flavor-list").exit_code == 0
    assert mock.last_request.headers["X-OpenStack-Nova-API-Version"] == "2.60"
    assert run_cli("--os-compute-api-version 2.10 flavor-list").exit_code == 0
    assert mock.last_request.headers["X-OpenStack-Nova-API-Version"] == "2.10"


def test_command_needs_newer_version(mock, run_cli):
    result = run_cli("--os-compute-api-version 2.50 flavor-update m1 desc")
    assert result.exit_code == 1
    assert result.stderr == (
        "ERROR (UnsupportedVersion): Command 'flavor-update' needs compute "
        "API version 2.55 - 2.latest; this session uses 2.50 (see "
        "--os-compute-api-version).\n"
    )


def test_option_needs_newer_version(mock, run_cli):
    result = run_cli(
        "--os-compute-api-version 2.54 flavor-create --description d tiny auto 512 1 1"
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "ERROR (UnsupportedAttribute): '--description' needs "
        "compute API microversion 2.55 or later."
    )
    assert "2.54" in result.stderr
    assert not [r for r in mock.request_history if r.method == "POST" and "flavors" in r.url]


def test_option_removed_in_newer_version(mock, run_cli):
    result = run_cli("flavor-create --rxtx-factor 2 tiny auto 512 1 1")
    assert result.exit_code == 1
    assert "'--rxtx-factor' needs compute API microversion 2.101 or earlier" in result.stderr


def test_invalid_api_version(run_cli):
    result = run_cli("--os-compute-api-version 3.1 flavor-list")
    assert result.exit_code == 1 and result.stderr.startswith("ERROR (UnsupportedVersion)")


def test_debug_redacts_secrets(mock, run_cli):
    password, private_key = "pw-MARKER-1f2e", "PRIVATE-MARKER-9d8c"
    mock.post(
        COMPUTE_URL + "/os-keypairs",
        json={
            "keypair": {
                "name": "k1",
                "type": "ssh",
                "fingerprint": "fp",
                "public_key": "ssh-rsa AAA",
                "private_key": private_key,
                "user_id": "u",
            }
        },
    )
    env = {**DEFAULT_VARS, "OS_PASSWORD": password}
    result = run_cli("--debug --os-compute-api-version 2.91 keypair-add k1", env_vars=env)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == private_key
    assert "REQ: POST http://compute.test/v2.1/os-keypairs" in result.stderr
    assert "Identity: POST http://identity.test/v3/auth/tokens -> 201" in result.stderr
    for secret in (password, private_key, TOKEN):
        assert secret not in result.stderr


def test_debug_off_no_logging(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    result = run_cli("flavor-list")
    assert result.stderr == ""


def test_timings(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    result = run_cli("--timings flavor-list")
    assert result.exit_code == 0
    assert table_header(result.stderr) == ["Method", "URL", "Status", "Seconds"]
    rows = table_rows(result.stderr)
    assert ["POST", AUTH_URL + "/auth/tokens", "201"] == rows[0][:3]
    assert rows[-1][1] == "Total"
    assert ["GET", COMPUTE_URL + "/flavors/detail", "200"] in [r[:3] for r in rows]


@pytest.mark.parametrize("where", ["before", "after"])
def test_format_json(mock, run_cli, where):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": [FLAVOR]})
    argv = "-f json flavor-list" if where == "before" else "flavor-list -f json"
    result = run_cli(argv)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data[0]["ID"] == "1" and data[0]["Memory_MiB"] == 512
    assert data[0]["Description"] is None
    assert list(data[0])[:3] == ["ID", "Name", "Memory_MiB"]


def test_format_value_and_columns(mock, run_cli):
    mock.get(
        COMPUTE_URL + "/flavors/detail",
        json={"flavors": [FLAVOR, {**FLAVOR, "id": "2", "name": "m1.small"}]},
    )
    result = run_cli("flavor-list -f value -c name -c id")
    assert result.stdout == "m1.tiny 1\nm1.small 2\n"


def test_format_yaml(mock, run_cli):
    import yaml  # a test dependency: a missing PyYAML fails, it does not skip

    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": [FLAVOR]})
    result = run_cli("flavor-list -f yaml")
    assert yaml.safe_load(result.stdout)[0]["Name"] == "m1.tiny"


def test_unknown_column(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": [FLAVOR]})
    result = run_cli("flavor-list -c bogus")
    assert result.exit_code == 1
    assert result.stderr.startswith("ERROR (CommandError): Unknown column 'bogus'")


def test_keyboard_interrupt(mock, run_cli, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("novaclient_lite.v2.flavors.FlavorManager.list", interrupt)
    result = run_cli("flavor-list")
    assert result.exit_code == 130
    assert result.stderr == "... terminating nova client\n"


def test_bash_completion(run_cli):
    result = run_cli("bash-completion")
    words = result.stdout.split()
    assert result.exit_code == 0
    assert {"flavor-list", "keypair-add", "--os-auth-url", "--extra-specs"} <= set(words)
    assert "bash-completion" not in words


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o default"), ("zsh", "#compdef")])
def test_completion_script(run_cli, shell, marker):
    result = run_cli(f"completion {shell}")
    assert result.exit_code == 0 and marker in result.stdout and "flavor-list" in result.stdout


def test_main_uses_process_environment(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["nova", "--version"])
    assert main() == 0
    assert capsys.readouterr().out == __version__ + "\n"


def test_broken_pipe_is_quiet(mock, run_cli, monkeypatch):
    def broken(*args, **kwargs):
        raise BrokenPipeError

    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    monkeypatch.setattr("novaclient_lite.shell.output.emit", broken)
    result = run_cli("flavor-list")
    assert (result.exit_code, result.stderr) == (1, "")


def test_package_main_stays_the_function_after_a_run() -> None:
    """``from novaclient_lite.shell import main`` must keep naming the entry function."""
    import io

    import novaclient_lite.shell as shell_pkg
    from novaclient_lite.shell.environment import Environment

    env = Environment(
        stdin=io.StringIO(),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        stdin_isatty=False,
        stdout_isatty=False,
        vars={},
    )
    assert shell_pkg.main(["help"], env) == 0
    assert callable(shell_pkg.main) and shell_pkg.main.__module__ == "novaclient_lite.shell"
