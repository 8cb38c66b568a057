"""What a command's start-up leaves out: modules that only cost time on the warm path."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import uuid

import pytest

from novaclient_lite.http import new_request_id
from novaclient_lite.shell import options


def test_parsing_a_command_and_making_a_request_id_import_no_shutil_or_uuid() -> None:
    code = (
        "import sys, io\n"
        "from novaclient_lite.shell import app, output\n"
        "from novaclient_lite.http import new_request_id\n"
        "from novaclient_lite.shell.environment import Environment\n"
        "shell = app.Shell(Environment.from_process())\n"
        "args = shell.parser.parse_args(['list', '--limit', '1'])\n"
        "shell.subparser('list').parse_args(args.command_args, namespace=args)\n"
        "new_request_id()\n"
        "output.render(output.Table([{'id': 'a'}], ['ID']), 'json')\n"
        "print(sorted({'shutil', 'uuid'} & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_request_ids_are_uuid4s() -> None:
    ids = {new_request_id() for _ in range(200)}
    assert len(ids) == 200
    for rid in ids:
        assert re.fullmatch(
            r"req-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}"
            r"-[0-9a-f]{12}",
            rid,
        ), rid
        assert uuid.UUID(rid[4:]).version == 4


@pytest.mark.parametrize("columns", [None, "120", "0", "abc", "7"])
def test_help_width_is_argparse_own(columns: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert options.terminal_width() == shutil.get_terminal_size().columns - 2


def test_the_console_script_is_console_main() -> None:
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[3] / "pyproject.toml").read_text())
    assert project["project"]["scripts"] == {"nova": "novaclient_lite.shell:console_main"}


def test_console_main_runs_main_without_the_collector_and_freezes_before_exit() -> None:
    """The collector's passes over start-up objects and its final ones cost a ``nova``
    run 50-80 ms and find nothing (docs/performance.md): off during the run, then
    everything frozen; main's exit code is the script's."""
    code = (
        "import gc\n"
        "from novaclient_lite import shell\n"
        "seen = []\n"
        "def fake_main(argv=None, env=None):\n"
        "    seen.append((argv, gc.isenabled(), gc.get_freeze_count()))\n"
        "    return 3\n"
        "shell.main = fake_main\n"
        "status = shell.console_main()\n"
        "print(seen, gc.get_freeze_count() > 0, status)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[(None, False, 0)] True 3"


def test_python_dash_m_exits_with_the_commands_status() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "novaclient_lite", "no-such-command"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 2
    assert run.stderr.startswith("nova: error: 'no-such-command' is not a nova command.")
    assert run.stdout == ""
