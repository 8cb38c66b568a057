"""Manager attributes of the v2 ``Client``, each built on first use.

``cs.flavors`` imports ``novaclient_lite.v2.flavors`` and builds its
``FlavorManager(cs.api)`` the first time it is read, then keeps it in the
instance, so ``nova flavor-list`` imports the flavor module only (the 30-odd
others cost start-up time and are never used by that command).  Building a
manager sends nothing, so this changes no request.
"""

from __future__ import annotations

import importlib
from typing import Any, Generic, TypeVar, overload

M = TypeVar("M")


class LazyManager(Generic[M]):
    """A class attribute: ``<module>.<class_name>(client.api)`` on first access.

    A non-data descriptor: the built manager is stored in the instance's
    ``__dict__`` under the same name, so later reads never reach this class,
    and a caller (a test, an extension) may replace it by assignment.
    """

    __slots__ = ("class_name", "module", "name")

    def __init__(self, module: str, class_name: str) -> None:
        self.module = module
        self.class_name = class_name
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> LazyManager[M]: ...

    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> M: ...

    def __get__(self, obj: object | None, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        manager = self.build(obj)
        obj.__dict__[self.name] = manager
        return manager

    def build(self, client: Any) -> M:
        """The manager for ``client``, over its compute ``HTTPClient``."""
        return self.manager_class()(client.api)  # type: ignore[call-arg]

    def manager_class(self) -> type[M]:
        """The manager's class (importing its module)."""
        module = importlib.import_module(f"novaclient_lite.v2.{self.module}")
        cls: type[M] = getattr(module, self.class_name)
        return cls


class LazyService(LazyManager[M]):
    """A manager of another service (image, network), over its own ``ServiceClient``.

    The endpoint is ``client.service_urls[service_type]`` when given (admin-token
    mode), else the catalog's; the module's ``MISSING`` says what to do when
    there is none.
    """

    __slots__ = ("service_type", "version_path")

    def __init__(self, module: str, class_name: str, service_type: str, version_path: str) -> None:
        super().__init__(module, class_name)
        self.service_type = service_type
        self.version_path = version_path

    def build(self, client: Any) -> M:
        from novaclient_lite.services import ServiceClient

        module = importlib.import_module(f"novaclient_lite.v2.{self.module}")
        service = ServiceClient(
            client.api,
            self.service_type,
            url=client.service_urls.get(self.service_type),
            version_path=self.version_path,
            missing=module.MISSING,
        )
        return self.manager_class()(service)  # type: ignore[call-arg]
