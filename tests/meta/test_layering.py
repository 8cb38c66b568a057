"""Rules that keep one rule in one place (issue 10): checked on the source, with ast.

- Neither side of the library/shell seam reaches into the other's private
  names (``_x`` modules, functions or attributes), nor into a third party's
  without a reason on record: a seam that needs crossing gets a public name.
- Commands never print: they return output objects (``shell/output.py``).
- Managers never read status codes and never import the transport
  (``requests``/``keystoneauth1``): errors are typed at the choke point.
- Microversion gates go through the one gate helper: no raw
  ``UnsupportedAttribute(`` in ``v2/``.
- The registry's own discovery names every command ``do_x`` -> ``x``.
- Every module can be the first one imported (no import cycle that only some
  orders survive).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import novaclient_lite

PACKAGE_DIR = Path(novaclient_lite.__file__).parent
ROOT = PACKAGE_DIR.parent


def sources(*parts: str) -> Iterator[tuple[Path, ast.AST]]:
    base = PACKAGE_DIR.joinpath(*parts)
    for path in sorted(base.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def side_of(parts: tuple[str, ...]) -> str:
    """The two sides of the one seam that matters: the library and the shell."""
    return "shell" if parts[:2] == ("novaclient_lite", "shell") else "library"


def package_of(path: Path) -> str:
    return side_of(path.relative_to(ROOT).parts)


def module_package(dotted: str, path: Path) -> str:
    return side_of(tuple(dotted.split(".")))


#: Private names of other packages used on purpose, each with its reason.
ALLOWED_PRIVATE = {
    "_replace": "namedtuple's documented copy-with-changes method",
    "_option_string_actions": "argparse keeps no public map from option string to action",
    "_content": "requests: the body read under our size cap is stored where Response.json reads it",
}


def defined_private_names(side: str) -> set[str]:
    """Private names one side defines: functions, classes, modules, variables, self._x."""
    names: set[str] = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        if package_of(path) != side:
            continue
        names.add(path.stem)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            ):
                names.add(node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
    return {n for n in names if is_private(n)}


def test_no_private_names_of_another_package() -> None:
    own_names: dict[str, set[str]] = {}
    offenders = []
    for path, tree in sources():
        own = package_of(path)
        mine = own_names.setdefault(own, defined_private_names(own))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.level == 0
                and node.module.startswith("novaclient_lite")
            ):
                if module_package(node.module, path) == own:
                    continue
                private_module = any(is_private(p) for p in node.module.split("."))
                private_names = [a.name for a in node.names if is_private(a.name)]
                if private_module or private_names:
                    offenders.append(
                        f"{where(path, node)} from {node.module} import "
                        f"{', '.join(a.name for a in node.names)}"
                    )
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if (
                        any(is_private(p) for p in alias.name.split("."))
                        and module_package(alias.name, path) != own
                    ):
                        offenders.append(f"{where(path, node)} import {alias.name}")
            elif (
                isinstance(node, ast.Attribute)
                and is_private(node.attr)
                and node.attr not in mine
                and node.attr not in ALLOWED_PRIVATE
                and not (
                    isinstance(node.value, ast.Name) and node.value.id in ("self", "cls", "sys")
                )
            ):
                offenders.append(f"{where(path, node)} .{node.attr}")
    assert not offenders, "private names used across a seam:\n" + "\n".join(offenders)


def test_commands_never_print() -> None:
    offenders = []
    for path, tree in sources("shell", "v2"):
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name) and func.id == "print":
                    offenders.append(where(path, node))
                elif (
                    isinstance(func, ast.Attribute)
                    and func.attr in ("write", "writelines")
                    and isinstance(func.value, ast.Attribute)
                    and func.value.attr in ("stdout", "stderr")
                ):
                    offenders.append(where(path, node))
    assert not offenders, "commands return output objects; they never print: " + str(offenders)


def type_checking_only(tree: ast.AST) -> set[ast.AST]:
    """Nodes under ``if TYPE_CHECKING:`` (annotations only; nothing runs)."""
    inside: set[ast.AST] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.If)
            and isinstance(node.test, ast.Name)
            and node.test.id == "TYPE_CHECKING"
        ):
            for child in node.body:
                inside.update(ast.walk(child))
    return inside


def test_managers_never_read_status_codes_or_import_the_transport() -> None:
    offenders = []
    for path, tree in sources("v2"):
        annotations_only = type_checking_only(tree)
        for node in ast.walk(tree):
            if node in annotations_only:
                continue
            if isinstance(node, ast.Attribute) and node.attr in ("status_code", "status"):
                offenders.append(f"{where(path, node)} .{node.attr}")
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                if name.split(".")[0] in ("requests", "keystoneauth1", "urllib3"):
                    offenders.append(f"{where(path, node)} imports {name}")
    assert not offenders, "v2/ must leave HTTP to the choke point:\n" + "\n".join(offenders)


def test_microversion_gates_use_the_one_helper() -> None:
    offenders = []
    for path, tree in sources("v2"):
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = (
                    func.attr
                    if isinstance(func, ast.Attribute)
                    else func.id
                    if isinstance(func, ast.Name)
                    else ""
                )
                if name in ("UnsupportedAttribute", "UnsupportedVersion"):
                    offenders.append(where(path, node))
    assert not offenders, "raise through the gate helper, not by hand: " + str(offenders)


def test_command_names_follow_the_registry() -> None:
    """Every discovered command is its function's name, do_x_y -> x-y, and unique."""
    from novaclient_lite.shell import builtins, registry
    from novaclient_lite.shell.v2 import COMMAND_MODULES

    modules = [*registry.import_modules("novaclient_lite.shell.v2", COMMAND_MODULES), builtins]
    commands = registry.discover(modules)  # raises on a duplicate name
    assert commands, "the registry discovered no commands"
    for name, command in commands.items():
        func = command.func
        assert func.__name__ == "do_" + name.replace("-", "_"), (name, func.__name__)
        assert func.__doc__ and func.__doc__.strip(), f"{name}: no docstring (help text)"


#: Imports every module of the package first: each in a process with no
#: ``novaclient_lite`` module loaded yet (the dependencies stay loaded: they are
#: not what is checked).
_IMPORT_EACH_FIRST = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m.split(".")[0] == "novaclient_lite"]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print("\\n".join(failed))
"""


def test_every_module_can_be_imported_first() -> None:
    names = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
        if path.name not in ("__init__.py", "__main__.py")
    ]
    assert "novaclient_lite._faults" in names
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_FIRST, *names],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert done.stdout.strip() == ""
