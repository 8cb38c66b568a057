"""Third-party managers and commands, found through entry points, loaded on first miss.

A package adds a manager to the v2 ``Client`` and commands to ``nova`` by
declaring entry points (one group each)::

    [project.entry-points."novaclient_lite.managers"]
    dns_records = "nova_dns.manager:DnsRecordManager"   # -> cs.dns_records

    [project.entry-points."novaclient_lite.commands"]
    dns = "nova_dns.shell"                               # a module of do_* functions

Nothing here runs while the built-ins suffice: ``Client.__getattr__`` asks
:func:`load_manager` only for an attribute the client does not have, and the
shell asks :func:`load_command_modules` only for a command name it does not
know (and for ``nova help``).  ``importlib.metadata`` itself is imported here,
on that first miss.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from novaclient_lite.base import Manager

MANAGER_GROUP = "novaclient_lite.managers"
COMMAND_GROUP = "novaclient_lite.commands"


class PluginError(exceptions.ClientException):
    """A plugin was found but could not be loaded (or is not what its group needs)."""


def entry_points(group: str) -> list[EntryPoint]:
    """The installed entry points of ``group``, sorted by name then value."""
    from importlib.metadata import entry_points as installed

    return sorted(installed(group=group), key=lambda ep: (ep.name, ep.value))


def describe(ep: EntryPoint, exc: BaseException) -> str:
    """One line naming the plugin and why it failed."""
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return (
        f"plugin '{ep.name}' ({ep.value}, group {ep.group}) failed to load: "
        f"{type(exc).__name__}: {reason}"
    )


def load_manager(name: str) -> type[Manager[Any]] | None:
    """The Manager subclass registered as ``name`` in ``novaclient_lite.managers``.

    Returns:
        None when no plugin has that name.

    Raises:
        PluginError: the entry point fails to import, or is not a Manager subclass.
    """
    from novaclient_lite.base import Manager

    for ep in entry_points(MANAGER_GROUP):
        if ep.name != name:
            continue
        try:
            obj = ep.load()
        except Exception as exc:
            raise PluginError(describe(ep, exc)) from exc
        if not (isinstance(obj, type) and issubclass(obj, Manager)):
            raise PluginError(describe(ep, TypeError(f"{obj!r} is not a Manager subclass")))
        return obj
    return None


def load_command_modules(warn: Callable[[str], None]) -> list[ModuleType]:
    """The modules of every ``novaclient_lite.commands`` plugin that imports.

    A plugin that fails costs one ``warn`` line naming it; the others still load.
    """
    modules = []
    for ep in entry_points(COMMAND_GROUP):
        try:
            obj = ep.load()
        except Exception as exc:
            warn(describe(ep, exc))
            continue
        if not isinstance(obj, ModuleType):
            warn(describe(ep, TypeError(f"{obj!r} is not a module of do_* functions")))
            continue
        modules.append(obj)
    return modules


__all__ = ["COMMAND_GROUP", "MANAGER_GROUP", "PluginError", "load_command_modules", "load_manager"]
