"""python-novaclient's resource methods (``server.reboot()``, ``flavor.get_keys()``, ...).

Each is one entry of a table: a resource method that calls its manager's
method with the resource first and the caller's arguments after it::

    attach(Server, ("reboot", "stop", "start"))   # server.reboot("HARD")
                                                  # -> server.manager.reboot(server, "HARD")

A method's signature is its manager method's, without the first parameter
(so ``inspect.signature`` and ``help()`` show the real arguments); a manager
method that does not exist (yet) fails only when called.  A resource without
a manager (built by hand) raises a TypeError saying so.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Iterable, Mapping
from typing import Any

from novaclient_lite.base import Resource


class ManagerMethod:
    """A resource method that calls ``self.manager.<target>(<first>, *args, **kwargs)``.

    ``first`` names the resource attribute passed first (default: the resource
    itself; ``"id"`` for managers python-novaclient calls with the id).
    """

    def __init__(self, target: str | None = None, *, first: str | None = None) -> None:
        self.target = target or ""
        self.first = first
        self.name = target or ""
        self.owner: type[Resource] | None = None

    def __set_name__(self, owner: type[Resource], name: str) -> None:
        self.owner, self.name = owner, name
        self.target = self.target or name

    def __get__(self, obj: Resource | None, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        return types.MethodType(self, obj)

    def __call__(self, resource: Resource, *args: Any, **kwargs: Any) -> Any:
        manager = resource.manager
        method = getattr(manager, self.target, None)
        if method is None:
            where = "no manager" if manager is None else f"no {self.target}() on its manager"
            raise TypeError(f"{type(resource).__name__}.{self.name}() needs a manager: {where}.")
        first = resource if self.first is None else getattr(resource, self.first)
        return method(first, *args, **kwargs)

    @property
    def __signature__(self) -> inspect.Signature:
        manager_class = getattr(self.owner, "manager_class", None)
        method = getattr(manager_class, self.target, None)
        self_param = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
        if method is None:
            rest = [
                inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL),
                inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD),
            ]
            return inspect.Signature([self_param, *rest])
        params = list(inspect.signature(method).parameters.values())
        return inspect.Signature([self_param, *params[2:]])

    @property
    def __doc__(self) -> str:  # type: ignore[override]
        return f"Call ``manager.{self.target}()`` with this resource first."


def attach(
    resource_class: type[Resource], table: Iterable[str] | Mapping[str, str | ManagerMethod]
) -> None:
    """Give ``resource_class`` one :class:`ManagerMethod` per entry of ``table``.

    ``table`` is names (same name on the manager) or a mapping of resource
    method name -> manager method name (or a ready :class:`ManagerMethod`).
    """
    items = table.items() if isinstance(table, Mapping) else ((n, n) for n in table)
    for name, target in items:
        method = target if isinstance(target, ManagerMethod) else ManagerMethod(target)
        method.__set_name__(resource_class, name)
        setattr(resource_class, name, method)
