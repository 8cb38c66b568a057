"""shell/v2/_index.py is what ``python3 -m tools.gen_commands`` writes from the registry today."""

from __future__ import annotations

from pathlib import Path

import pytest

from novaclient_lite.shell import registry
from novaclient_lite.shell.v2 import _index
from tests.meta.test_docs import ROOT
from tools import gen_commands


def test_the_index_is_what_the_registry_discovers() -> None:
    text = (ROOT / "novaclient_lite" / "shell" / "v2" / "_index.py").read_text(encoding="utf-8")
    commands = registry.discover_builtins()
    missing = sorted(commands.keys() - _index.COMMANDS.keys())
    extra = sorted(_index.COMMANDS.keys() - commands.keys())
    assert not (missing or extra), (
        f"the command index is out of date (missing {missing}, gone {extra}): "
        "run python3 -m tools.gen_commands"
    )
    for name, cmd in commands.items():
        module, help_line = _index.COMMANDS[name]
        assert f"novaclient_lite.shell.{module}" == cmd.func.__module__, name
        assert help_line == registry.help_line(cmd), name
    assert text == gen_commands.render_index(), (
        "novaclient_lite/shell/v2/_index.py is out of date: run python3 -m tools.gen_commands"
    )


def test_check_mode_fails_on_a_stale_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "_index.py"
    stale.write_text('COMMANDS = {"flavor-list": ("v2.flavors", "old")}\n', encoding="utf-8")
    doc = tmp_path / "commands.md"
    doc.write_text(gen_commands.render(), encoding="utf-8")
    monkeypatch.setattr(gen_commands, "INDEX", stale)
    monkeypatch.setattr(gen_commands, "TARGET", doc)
    monkeypatch.setattr(gen_commands, "ROOT", tmp_path)
    assert gen_commands.main(["--check"]) == 1
    assert gen_commands.main([]) == 0
    assert stale.read_text(encoding="utf-8") == gen_commands.render_index()
    assert gen_commands.main(["--check"]) == 0
