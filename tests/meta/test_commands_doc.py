"""docs/commands.md is what ``python3 -m tools.gen_commands`` writes from the registry today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.meta.test_docs import ROOT
from tools import gen_commands


def test_commands_md_is_up_to_date() -> None:
    text = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert text == gen_commands.render(), (
        "docs/commands.md is out of date: run python3 -m tools.gen_commands"
    )


def test_commands_md_lists_every_command_and_its_versioned_options() -> None:
    from novaclient_lite.shell import registry

    text = gen_commands.render()
    commands = registry.discover_builtins()
    for name, cmd in commands.items():
        assert f"\n### {name}\n" in text
        for spec in cmd.arguments:
            if spec.start_version and spec.kwargs.get("help") != "==SUPPRESS==":
                assert f"| {spec.start_version} - {spec.end_version or 'latest'} |" in text
    assert "| `OS_AUTH_URL` | `--os-auth-url` |" in text
    assert "| `NOVACLIENT_DEFAULT_KEY_NAME` | `nova boot --key-name` |" in text


def test_the_output_does_not_depend_on_the_terminal_or_the_environment() -> None:
    """Another process with another width and OS_* settings writes the same bytes."""
    code = "import sys; from tools import gen_commands; sys.stdout.write(gen_commands.render())"
    env = {
        "COLUMNS": "37",
        "OS_AUTH_URL": "http://elsewhere/v3",
        "OS_TIMEOUT": "5",
        "PATH": "/usr/bin:/bin",
        "PYTHONHASHSEED": "123",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    assert out == gen_commands.render()


def test_check_mode_fails_on_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "commands.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr(gen_commands, "TARGET", stale)
    monkeypatch.setattr(gen_commands, "ROOT", tmp_path)
    index = tmp_path / "_index.py"
    index.write_text(gen_commands.render_index(), encoding="utf-8")
    monkeypatch.setattr(gen_commands, "INDEX", index)
    assert gen_commands.main(["--check"]) == 1
    assert gen_commands.main([]) == 0
    assert stale.read_text(encoding="utf-8") == gen_commands.render()
    assert gen_commands.main(["--check"]) == 0
