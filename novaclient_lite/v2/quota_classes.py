"""Quota classes: the named default quota sets (Nova honours only ``default``)."""

from __future__ import annotations

from typing import Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_49, V2_56
from novaclient_lite.base import Manager, Resource, quote
from novaclient_lite.resource_methods import ManagerMethod, attach
from novaclient_lite.v2.quotas import INJECTED_QUOTAS, NETWORK_QUOTAS, check_quotas, named_quotas

#: Quotas Nova removed from quota classes, with the last microversion that has them.
_REMOVED = {**dict.fromkeys(NETWORK_QUOTAS, V2_49), **dict.fromkeys(INJECTED_QUOTAS, V2_56)}


class QuotaClassSet(Resource):
    """``{"id": "default", "cores": 20, ...}``: ``server_groups`` and
    ``server_group_members`` only from 2.50."""

    repr_keys = ()


class QuotaClassSetManager(Manager[QuotaClassSet]):
    """``/os-quota-class-sets/{class_name}``."""

    resource_class = QuotaClassSet

    def _url(self, class_name: str) -> str:
        validators.name(class_name, "class_name")
        return f"/os-quota-class-sets/{quote(class_name)}"

    def get(self, class_name: str) -> QuotaClassSet:
        """The quotas of a quota class.

        Raises:
            ValidationError: an empty class name (nothing is sent).  Forbidden:
            not an admin.
        """
        return self._get(self._url(class_name), "quota_class_set")

    def update(
        self,
        class_name: str,
        instances: int | None = None,
        cores: int | None = None,
        ram: int | None = None,
        metadata_items: int | None = None,
        key_pairs: int | None = None,
        server_groups: int | None = None,
        server_group_members: int | None = None,
        **quotas: int | None,
    ) -> QuotaClassSet:
        """Set quotas of a class (admin): PUT ``/os-quota-class-sets/{class_name}``.

        The arguments are python-novaclient's (2.57+), in its order; None
        values are not sent.

        Args:
            class_name: the class (``default`` is the one Nova applies).
            instances, cores, ram, metadata_items, key_pairs, server_groups,
                server_group_members: the limits (-1 means unlimited).
            **quotas: the quotas older microversions also have
                (``floating_ips`` up to 2.49, ``injected_files`` up to 2.56, ...).

        Returns:
            The class's quotas after the update.

        Raises:
            ValidationError: no quota given, an unknown name or a value below -1
                (nothing is sent).
            UnsupportedAttribute: a network quota from 2.50, an injected-file
                quota from 2.57 (nothing is sent).
        """
        url = self._url(class_name)
        body: dict[str, Any] = check_quotas(
            named_quotas(
                instances,
                cores,
                ram,
                metadata_items,
                key_pairs,
                server_groups,
                server_group_members,
                quotas,
            ),
            _REMOVED,
            self._require,
        )
        return self._update(url, {"quota_class_set": body}, "quota_class_set")


#: python-novaclient's QuotaClassSet methods: each calls the manager's method of that name
#: with the quotaclassset's id first.
attach(QuotaClassSet, {"update": ManagerMethod("update", first="id")})


__all__ = ["QuotaClassSet", "QuotaClassSetManager"]
