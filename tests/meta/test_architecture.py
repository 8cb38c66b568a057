"""Architecture invariants: wiring, module size, import budget, command hygiene."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import novaclient_lite
import novaclient_lite.v2
from novaclient_lite.base import Manager

PACKAGE_DIR = Path(novaclient_lite.__file__).parent
MAX_MODULE_LINES = 450


def v2_modules(public_only: bool = True) -> list[ModuleType]:
    names = [m.name for m in pkgutil.iter_modules(novaclient_lite.v2.__path__)]
    return [
        importlib.import_module(f"novaclient_lite.v2.{n}")
        for n in sorted(names)
        if not (public_only and n.startswith("_"))
    ]


def v2_managers() -> list[type]:
    found = []
    for module in v2_modules():
        for _name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, Manager)
                and obj is not Manager
                and obj.__module__ == module.__name__
            ):
                found.append(obj)
    return found


def test_there_are_managers() -> None:
    names = {m.__name__ for m in v2_managers()}
    assert {
        "ServerManager",
        "FlavorManager",
        "KeypairManager",
        "LimitsManager",
        "AvailabilityZoneManager",
        "ServerGroupManager",
        "QuotaSetManager",
        "VersionManager",
        "InstanceActionManager",
    } <= names


@pytest.mark.parametrize("manager", v2_managers(), ids=lambda m: m.__name__)
def test_manager_sets_resource_class(manager: type) -> None:
    resource_class = getattr(manager, "resource_class", None)
    assert inspect.isclass(resource_class), f"{manager.__name__} has no resource_class"


def test_every_manager_is_attached_to_the_client() -> None:
    from novaclient_lite import Client
    from novaclient_lite.v2._lazy import LazyManager

    cs = Client("2", auth_token="t", endpoint_override="http://compute.invalid/v2.1")
    lazy = [name for name, v in vars(type(cs)).items() if isinstance(v, LazyManager)]
    attached = {type(getattr(cs, name)) for name in lazy}
    assert all(isinstance(m, Manager) for m in map(cs.__getattribute__, lazy))
    missing = {m.__name__ for m in v2_managers()} - {m.__name__ for m in attached}
    assert not missing, f"managers not attached to v2.Client: {sorted(missing)}"


@pytest.mark.parametrize("manager", v2_managers(), ids=lambda m: m.__name__)
def test_public_manager_methods_are_typed_and_documented(manager: type) -> None:
    for name, func in inspect.getmembers(manager, inspect.isfunction):
        if name.startswith("_") or func.__qualname__.split(".")[0] == "Manager":
            continue
        assert func.__doc__ and func.__doc__.strip(), f"{manager.__name__}.{name}: no docstring"
        assert "Raises" in func.__doc__, f"{manager.__name__}.{name}: docstring names no Raises"
        signature = inspect.signature(func)
        assert signature.return_annotation is not inspect.Signature.empty, (
            f"{manager.__name__}.{name}: no return annotation"
        )
        for param in list(signature.parameters.values())[1:]:
            assert param.annotation is not inspect.Parameter.empty, (
                f"{manager.__name__}.{name}({param.name}): no annotation"
            )


def test_no_module_is_too_long() -> None:
    too_long = {}
    for path in PACKAGE_DIR.rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long[str(path.relative_to(PACKAGE_DIR))] = lines
    assert not too_long, f"modules over {MAX_MODULE_LINES} lines: {too_long}"


def loaded_after(code: str) -> set[str]:
    script = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(PACKAGE_DIR.parent),
    )
    return set(result.stdout.split())


def test_import_is_cheap() -> None:
    modules = loaded_after("import novaclient_lite")
    assert "novaclient_lite" in modules
    for heavy in ("novaclient_lite.shell", "prettytable", "requests", "keystoneauth1.identity"):
        assert heavy not in modules, f"'import novaclient_lite' loads {heavy}"


def test_building_a_client_does_not_load_the_shell() -> None:
    modules = loaded_after(
        "from novaclient_lite import Client\n"
        "cs = Client('2', auth_token='t', endpoint_override='http://compute.invalid/v2.1')\n"
        "assert cs.servers is not None\n"
    )
    assert "novaclient_lite.v2.client" in modules
    assert "novaclient_lite.shell" not in modules
    assert "prettytable" not in modules


def shell_command_modules() -> list[ModuleType]:
    shell_v2 = PACKAGE_DIR / "shell" / "v2"
    if not (shell_v2 / "__init__.py").exists():
        return []
    return [
        importlib.import_module(f"novaclient_lite.shell.v2.{p.stem}")
        for p in sorted(shell_v2.glob("*.py"))
        if p.stem != "__init__"
    ]


def test_every_command_module_is_listed() -> None:
    """A shell/v2 module with do_* functions is dead unless COMMAND_MODULES names it."""
    from novaclient_lite.shell.v2 import COMMAND_MODULES

    unlisted = [
        m.__name__
        for m in shell_command_modules()
        if any(n.startswith("do_") for n in vars(m))
        and m.__name__.rsplit(".", 1)[1] not in COMMAND_MODULES
    ]
    assert not unlisted, f"add to shell/v2/__init__.py COMMAND_MODULES: {unlisted}"


def test_the_library_never_imports_the_shell() -> None:
    """Layering: everything outside novaclient_lite/shell/ (even lazily, in a function)."""
    import ast

    offenders = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if "shell" in path.relative_to(PACKAGE_DIR).parts or path.name == "__main__.py":
            continue  # __main__.py is `python -m novaclient_lite`, i.e. the shell
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(
                n == "novaclient_lite.shell" or n.startswith("novaclient_lite.shell.")
                for n in names
            ):
                offenders.append(f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}")
    assert not offenders, f"library modules importing the shell: {offenders}"


def test_plugins_cost_nothing_unless_needed() -> None:
    """Entry points are read only on a miss: not by a client, a built-in or --version."""
    modules = loaded_after(
        "from novaclient_lite import Client\n"
        "cs = Client('2', auth_token='t', endpoint_override='http://compute.invalid/v2.1')\n"
        "assert cs.flavors is not None\n"
        "from novaclient_lite.shell import main\n"
        "main(['--version'])\n"
        "main(['help', 'flavor-list'])\n"
    )
    assert "novaclient_lite.shell.app" in modules
    assert "novaclient_lite.plugins" not in modules
    # keystoneauth1 imports importlib.metadata itself, but --version loads neither
    modules = loaded_after("from novaclient_lite.shell import main\nmain(['--version'])\n")
    assert "importlib.metadata" not in modules
    assert "novaclient_lite.plugins" not in modules


def test_managers_send_requests_only_through_the_base_helpers() -> None:
    """No ``self.api.get/post/put/delete/request(...)`` in v2/ (``v2/client.py`` builds it)."""
    import ast

    verbs = {"get", "post", "put", "patch", "delete", "request"}
    offenders = []
    for path in sorted((PACKAGE_DIR / "v2").glob("*.py")):
        if path.name == "client.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in verbs
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "api"
                and isinstance(node.value.value, ast.Name)
                and node.value.value.id == "self"
            ):
                offenders.append(f"v2/{path.name}:{node.lineno}")
    assert not offenders, f"managers calling self.api directly: {offenders}"
