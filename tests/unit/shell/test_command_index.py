"""The command index: a command imports only its own module; help and suggestions import none."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from novaclient_lite.shell import suggest
from novaclient_lite.shell.v2 import _index
from tests.unit.shell.support import DEFAULT_VARS

COMMAND_PACKAGE = "novaclient_lite.shell.v2."


def command_modules_after(argv: list[str], index: dict[str, tuple[str, str]] | None = None) -> str:
    """Run ``main(argv)`` in a fresh interpreter; the command modules it imported, then its
    stderr (``index`` replaces the command index first)."""
    code = textwrap.dedent(f"""
        import io, sys
        from novaclient_lite.shell.v2 import _index
        if {index!r} is not None:
            _index.COMMANDS.clear()
            _index.COMMANDS.update({index!r})
        from novaclient_lite.shell import main
        from novaclient_lite.shell.environment import Environment
        env = Environment(io.StringIO(), io.StringIO(), io.StringIO(), vars={DEFAULT_VARS!r})
        status = main({argv!r}, env)
        loaded = sorted(m for m in sys.modules if m.startswith({COMMAND_PACKAGE!r}))
        print(status, ",".join(m.rsplit(".", 1)[1] for m in loaded if not m.endswith("._index")))
        print(env.stderr.getvalue(), end="")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout


def test_a_command_imports_only_its_own_module():
    # an option the command lacks: its parser is built, and it stops before any login
    out = command_modules_after(["flavor-list", "--no-such-option"])
    status, modules = out.splitlines()[0].split(" ")
    assert status == "2"
    assert modules.split(",") == ["_parsing", "flavors"]


@pytest.mark.parametrize(
    ("argv", "modules"),
    [(["help"], ""), (["help", "flavor-list"], "_parsing,flavors"), (["flavor-lst"], "")],
)
def test_help_and_unknown_names_import_no_other_command_module(argv, modules):
    assert (
        command_modules_after(argv).splitlines()[0] == f"{0 if argv[0] == 'help' else 2} {modules}"
    )


def test_help_lists_every_command_of_the_index_with_its_line(run_cli):
    out = run_cli("help").stdout
    for name, (_module, line) in _index.COMMANDS.items():
        assert f"  {name} " in out and line in out, name
    assert (
        "  flavor-create " in out and "(2.55 - 2.latest)" not in _index.COMMANDS["flavor-list"][1]
    )


def test_an_unknown_name_is_one_line_with_the_close_names(run_cli):
    result = run_cli("flavor-lst")
    assert result.exit_code == 2
    assert result.stderr == (
        "nova: error: 'flavor-lst' is not a nova command. Did you mean flavor-list or "
        "flavor-delete or flavor-show? See 'nova help'.\n"
    )
    assert result.stdout == ""


def test_suggestions_come_from_the_index_without_importing():
    index = {**_index.COMMANDS, "frobnicate": ("v2.no_such_module", "Frobnicate a server.")}
    out = command_modules_after(["frobnicat"], index).splitlines()
    assert out[0] == "2 "  # no command module imported (v2.no_such_module does not exist)
    assert out[1] == (
        "nova: error: 'frobnicat' is not a nova command. Did you mean frobnicate? See 'nova help'."
    )


@pytest.mark.parametrize("name", ["shelv", "hel-list", "heal", "shell"])
def test_help_is_never_offered_for_a_real_looking_command(name, run_cli):
    result = run_cli(name)
    assert result.exit_code == 2
    assert "help?" not in result.stderr
    assert result.stderr.startswith(f"nova: error: '{name}' is not a nova command.")


@pytest.mark.parametrize("name", ["hlep", "hepl", "halp", "hel", "helpp"])
def test_help_is_offered_for_a_typo_of_help(name, run_cli):
    result = run_cli(name)
    assert result.exit_code == 2
    assert "Did you mean help" in result.stderr


@pytest.mark.parametrize(
    ("name", "close"),
    [
        ("help", True),
        ("hlep", True),
        ("elp", True),
        ("helps", True),
        ("xhelp", True),
        ("pleh", False),
        ("shelv", False),
        ("he", False),
        ("hxlx", False),
    ],
)
def test_one_edit_from_help(name, close):
    assert (suggest.close_names(name, ["help"]) == ["help"]) is close


def test_completion_still_sees_every_command_and_option(run_cli):
    words = set(run_cli("bash-completion").stdout.split())
    assert set(_index.COMMANDS) - {"bash-completion"} <= words
    assert {"--extra-specs", "--os-auth-url", "--flavor"} <= words


def test_shelv_suggests_shelve(run_cli):
    result = run_cli("shelv")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "nova: error: 'shelv' is not a nova command. Did you mean shelve or unshelve? "
        "See 'nova help'.\n"
    )
