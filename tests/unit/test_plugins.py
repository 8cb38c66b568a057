"""Plugins: entry points add managers to ``Client`` and commands to ``nova``.

The example plugin in tests/plugin_example is made visible to
``importlib.metadata`` without pip: a ``*.dist-info`` directory with its
``entry_points.txt`` (generated from the plugin's own pyproject.toml) is
written to a temporary ``sys.path`` entry.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests_mock

from novaclient_lite import exceptions, plugins
from novaclient_lite.shell import main
from novaclient_lite.shell.environment import Environment
from novaclient_lite.v2.client import Client
from tests.unit.support import AUTH_URL, COMPUTE_URL

EXAMPLE = Path(__file__).resolve().parents[1] / "plugin_example"
ENV_VARS = {
    "OS_AUTH_URL": AUTH_URL,
    "OS_USERNAME": "admin",
    "OS_PASSWORD": "secret-password",
    "OS_PROJECT_NAME": "admin",
}
Groups = dict[str, dict[str, str]]


def example_entry_points() -> Groups:
    import tomllib  # stdlib from 3.11, the oldest Python this project supports

    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text())["project"]
    return dict(project["entry-points"])


def write_dist(root: Path, name: str, groups: Groups) -> None:
    """A minimal installed distribution: METADATA and entry_points.txt."""
    dist = root / f"{name}-0.1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1.0\n")
    lines = []
    for group, entries in groups.items():
        lines.append(f"[{group}]")
        lines += [f"{key} = {value}" for key, value in entries.items()]
        lines.append("")
    (dist / "entry_points.txt").write_text("\n".join(lines))


@pytest.fixture
def plugin_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The example plugin on sys.path (its modules are forgotten afterwards)."""
    write_dist(tmp_path, "nova_plugin_example", example_entry_points())
    monkeypatch.syspath_prepend(str(EXAMPLE))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in [m for m in sys.modules if m.startswith(("nova_plugin_", "shadowing"))]:
        del sys.modules[name]


def run(argv: list[str]) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdin=io.StringIO(), stdout=out, stderr=err, vars=dict(ENV_VARS))
    code = main(argv, env)
    return out.getvalue(), err.getvalue(), int(code)


def loaded_plugin_modules() -> set[str]:
    return {m for m in sys.modules if m.startswith("nova_plugin_example.")}


# -- managers ---------------------------------------------------------------------------


def test_plugin_manager_is_attached_on_first_use(
    plugin_path: Path, mock: requests_mock.Mocker, make_client: Callable[..., Client]
) -> None:
    mock.get(
        COMPUTE_URL + "/extensions", json={"extensions": [{"name": "Hosts", "alias": "os-hosts"}]}
    )
    cs = make_client("2.1")
    assert "api_extensions" not in vars(cs)
    assert loaded_plugin_modules() == set()
    manager = cs.api_extensions  # type: ignore[attr-defined]
    assert type(manager).__name__ == "ApiExtensionManager"
    assert cs.api_extensions is manager  # type: ignore[attr-defined]  # cached: loaded once
    assert [m.alias for m in manager.list()] == ["os-hosts"]


def test_unknown_attribute_is_still_an_attribute_error(plugin_path: Path) -> None:
    cs = Client(auth_token="t", endpoint_override="http://compute.invalid/v2.1")
    with pytest.raises(AttributeError, match="no_such_manager"):
        cs.no_such_manager  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(cs, "_private")


def test_broken_manager_plugin_names_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_dist(
        tmp_path,
        "nova_plugin_broken",
        {plugins.MANAGER_GROUP: {"broken": "nova_plugin_missing.mod:Manager"}},
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    cs = Client(auth_token="t", endpoint_override="http://compute.invalid/v2.1")
    with pytest.raises(plugins.PluginError, match="plugin 'broken' .*nova_plugin_missing"):
        cs.broken  # type: ignore[attr-defined]  # noqa: B018
    assert isinstance(plugins.PluginError("x"), exceptions.ClientException)


def test_plugin_manager_must_be_a_manager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_dist(tmp_path, "nova_plugin_wrong", {plugins.MANAGER_GROUP: {"wrong": "os:path"}})
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(plugins.PluginError, match="not a Manager subclass"):
        plugins.load_manager("wrong")


# -- commands ---------------------------------------------------------------------------


def test_plugin_command_runs_through_main(plugin_path: Path) -> None:
    out, err, code = run(["plugin-hello", "plugins"])
    assert (out, err, code) == ("hello, plugins\n", "", 0)


def test_plugin_command_uses_plugin_manager(plugin_path: Path, mock: requests_mock.Mocker) -> None:
    mock.get(
        COMPUTE_URL + "/extensions",
        json={
            "extensions": [
                {"name": "Hosts", "alias": "os-hosts", "updated": "2014-12-03T00:00:00Z"}
            ]
        },
    )
    out, err, code = run(["api-extension-list", "-f", "value"])
    assert code == 0, err
    assert out == "Hosts os-hosts 2014-12-03T00:00:00Z\n"


def test_help_lists_plugin_commands_when_asked(plugin_path: Path) -> None:
    out, _, code = run(["help"])
    assert code == 0
    assert "plugin-hello" not in out and "nova help --plugins" in out
    assert loaded_plugin_modules() == set()
    out, _, code = run(["help", "--plugins"])
    assert code == 0
    assert "plugin-hello" in out and "api-extension-list" in out
    out, _, code = run(["help", "plugin-hello"])
    assert code == 0 and "Whom to greet" in out


def test_builtins_do_not_load_plugins(plugin_path: Path) -> None:
    for argv in (["--version"], ["help", "flavor-list"], ["flavor-list", "--help"]):
        _, err, code = run(argv)
        assert code == 0, err
        assert loaded_plugin_modules() == set(), argv


def test_broken_command_plugin_costs_one_line(plugin_path: Path, tmp_path: Path) -> None:
    write_dist(
        tmp_path / "more",
        "nova_plugin_broken",
        {plugins.COMMAND_GROUP: {"broken": "nova_plugin_missing"}},
    )
    sys.path.insert(0, str(tmp_path / "more"))
    try:
        out, err, code = run(["plugin-hello"])
    finally:
        sys.path.remove(str(tmp_path / "more"))
    assert (out, code) == ("hello, world\n", 0)
    assert err.count("\n") == 1
    assert "plugin 'broken' (nova_plugin_missing, group novaclient_lite.commands)" in err
    assert "ModuleNotFoundError" in err


def test_plugin_cannot_shadow_a_builtin(
    plugin_path: Path, tmp_path: Path, mock: requests_mock.Mocker
) -> None:
    more = tmp_path / "more"
    write_dist(more, "nova_plugin_shadow", {plugins.COMMAND_GROUP: {"shadow": "shadowing"}})
    (more / "shadowing.py").write_text(
        "def do_flavor_list(cs, args):\n    'Shadow.'\n    raise SystemExit(99)\n\n"
        "def do_shadow_only(cs, args):\n    'Not a built-in.'\n"
    )
    sys.path.insert(0, str(more))
    try:
        out, err, code = run(["help", "--plugins"])
    finally:
        sys.path.remove(str(more))
    assert code == 0
    assert "plugin command 'flavor-list' of shadowing ignored" in err
    assert "shadow-only" in out
    assert "Print a list of available 'flavors'" in out


def test_unknown_command_still_suggests(plugin_path: Path) -> None:
    _, err, code = run(["plugin-helo"])
    assert code == 2
    assert "Did you mean plugin-hello" in err


# -- end to end: the installed console script, in a subprocess ---------------------------


def nova(argv: list[str], pythonpath: list[str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OS_")}
    env["PYTHONPATH"] = os.pathsep.join(pythonpath)
    script = Path(sys.executable).parent / "nova"
    command = (
        [str(script)]
        if script.exists()
        else [
            sys.executable,
            "-c",
            "import sys; from novaclient_lite.shell import main; sys.exit(main())",
        ]
    )
    return subprocess.run(
        [*command, *argv], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def test_end_to_end_subprocess(plugin_path: Path) -> None:
    result = nova(["plugin-hello", "e2e"], [str(plugin_path), str(EXAMPLE)])
    assert (result.stdout, result.stderr, result.returncode) == ("hello, e2e\n", "", 0)
    result = nova(["plugin-hello"], [])
    assert result.returncode == 2
    assert "'plugin-hello' is not a nova command" in result.stderr


def test_version_is_not_slowed_by_plugins(plugin_path: Path) -> None:
    """``nova --version`` never looks at entry points: no slower with a plugin on the path."""

    def best(pythonpath: list[str]) -> float:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            result = nova(["--version"], pythonpath)
            times.append(time.perf_counter() - started)
            assert result.returncode == 0, result.stderr
        return min(times)

    without = best([])
    with_plugin = best([str(plugin_path), str(EXAMPLE)])
    assert with_plugin < without * 1.5 + 0.05, (without, with_plugin)
