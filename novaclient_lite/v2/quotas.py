"""Quota sets: per-project (and per-user) limits, their usage and the defaults."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_35, V2_56
from novaclient_lite.base import Manager, RequestIds, Resource, either, quote
from novaclient_lite.resource_methods import ManagerMethod, attach

if TYPE_CHECKING:
    from novaclient_lite.api_versions import APIVersion

#: The network-proxy quotas (Nova removed them at 2.36 for quota sets, 2.50 for classes).
NETWORK_QUOTAS = ("fixed_ips", "floating_ips", "security_group_rules", "security_groups")
#: The file-injection quotas (Nova removed them at 2.57 with personality files).
INJECTED_QUOTAS = ("injected_file_content_bytes", "injected_file_path_bytes", "injected_files")

#: Quotas Nova removed from quota sets, with the last microversion that still has them.
_REMOVED = {**dict.fromkeys(NETWORK_QUOTAS, V2_35), **dict.fromkeys(INJECTED_QUOTAS, V2_56)}

#: Every quota name Nova's quota-set schema accepts (schemas/quota_sets.py).
KNOWN_QUOTAS = frozenset(
    {
        "instances",
        "cores",
        "ram",
        "metadata_items",
        "key_pairs",
        "server_groups",
        "server_group_members",
        *_REMOVED,
    }
)


def check_quotas(
    quotas: Mapping[str, Any],
    removed: Mapping[str, APIVersion],
    require: Callable[..., None],
) -> dict[str, int]:
    """The quota values of an update, checked before anything is sent; None
    values are left out (not sent).

    ``removed`` maps a quota to the last microversion that has it; ``require``
    is the manager's ``_require`` gate.

    Raises:
        ValidationError: no quota, an unknown name, or a value below -1 (unlimited).
        UnsupportedAttribute: a quota Nova removed at the negotiated version.
    """
    quotas = {key: value for key, value in quotas.items() if value is not None}
    if not quotas:
        raise validators.fail("quotas", "at least one name=value item (e.g. cores=20)", echo=False)
    for key, value in quotas.items():
        validators.integer(value, f"quota {key}", minimum=-1)  # -1: unlimited
    for key in quotas:
        if key not in KNOWN_QUOTAS:
            raise validators.fail("quota name", f"one of {', '.join(sorted(KNOWN_QUOTAS))}", key)
        if key in removed:
            require(key, until=removed[key])
    return quotas


def named_quotas(
    instances: int | None,
    cores: int | None,
    ram: int | None,
    metadata_items: int | None,
    key_pairs: int | None,
    server_groups: int | None,
    server_group_members: int | None,
    others: Mapping[str, Any],
) -> dict[str, Any]:
    """The quotas python-novaclient's ``update`` names as arguments, then the others."""
    return {
        "instances": instances,
        "cores": cores,
        "ram": ram,
        "metadata_items": metadata_items,
        "key_pairs": key_pairs,
        "server_groups": server_groups,
        "server_group_members": server_group_members,
        **others,
    }


class QuotaSet(Resource):
    """``{"id": project, "cores": 20, ...}``; with ``detail`` each value is
    ``{"limit", "in_use", "reserved"}``."""

    repr_keys = ()


class QuotaSetManager(Manager[QuotaSet]):
    """``/os-quota-sets/{project_id}``."""

    resource_class = QuotaSet

    def _url(self, project_id: str, suffix: str = "") -> str:
        validators.name(project_id, "project_id")
        return f"/os-quota-sets/{quote(project_id)}{suffix}"

    def _fetch(self, url: str, user_id: str | None) -> QuotaSet:
        return self._get(url, "quota_set", params={"user_id": user_id} if user_id else None)

    def get(
        self,
        tenant_id: str | None = None,
        user_id: str | None = None,
        detail: bool = False,
        *,
        project_id: str | None = None,
    ) -> QuotaSet:
        """A project's (or one of its users') quotas.

        Args:
            tenant_id: the project (python-novaclient's name of ``project_id``).
            user_id: one user's quotas inside that project.
            detail: GET ``.../detail``: limit, in_use and reserved per resource.
            project_id: the project.

        Returns:
            The quota set.

        Raises:
            ValidationError: no project id.  Forbidden: another project without
            the admin role.  TypeError: both ``tenant_id`` and ``project_id``.
        """
        project = either("project_id", project_id, "tenant_id", tenant_id)
        return self._fetch(self._url(project, "/detail" if detail else ""), user_id)

    def defaults(self, tenant_id: str | None = None, *, project_id: str | None = None) -> QuotaSet:
        """The default quotas (GET ``.../defaults``).

        Args:
            tenant_id, project_id: the project (python-novaclient's name, ours).

        Returns:
            The default quota set.

        Raises:
            ValidationError: no project id.  TypeError: both names given.
        """
        project = either("project_id", project_id, "tenant_id", tenant_id)
        return self._fetch(self._url(project, "/defaults"), None)

    def update(
        self,
        tenant_id: str | None = None,
        user_id: str | None = None,
        force: bool = False,
        instances: int | None = None,
        cores: int | None = None,
        ram: int | None = None,
        metadata_items: int | None = None,
        key_pairs: int | None = None,
        server_groups: int | None = None,
        server_group_members: int | None = None,
        *,
        project_id: str | None = None,
        **quotas: int | None,
    ) -> QuotaSet:
        """Set quotas (admin): PUT ``/os-quota-sets/{project_id}[?user_id=]``.

        The arguments are python-novaclient's, in its order; None values are
        not sent.

        Args:
            tenant_id, project_id: the project (python-novaclient's name, ours).
            user_id: set one user's quotas inside the project.
            force: set a limit even below the current usage (sent only when true).
            instances, cores, ram, metadata_items, key_pairs, server_groups,
                server_group_members: the limits (-1 means unlimited).
            **quotas: the quotas older microversions also have (``floating_ips``
                up to 2.35, ``injected_files`` up to 2.56, ...).

        Returns:
            The updated quota set.

        Raises:
            ValidationError: no quota given or a value below -1 (nothing is sent).
            UnsupportedAttribute: a quota Nova removed at the negotiated version.
            BadRequest: a limit below the usage without ``force``.  Forbidden.
            TypeError: both ``tenant_id`` and ``project_id``.
        """
        url = self._url(either("project_id", project_id, "tenant_id", tenant_id))
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
        if force:
            body["force"] = True
        return self._update(
            url, {"quota_set": body}, "quota_set", params={"user_id": user_id} if user_id else None
        )

    def delete(self, tenant_id: str, user_id: str | None = None) -> RequestIds:
        """Revert a project's (or one user's) quotas to the defaults (admin).

        DELETE ``/os-quota-sets/{tenant_id}[?user_id=]``.

        Returns:
            The request ids of the response.

        Raises:
            ValidationError: no project id (nothing is sent).  Forbidden: not an admin.
        """
        params = {"user_id": user_id} if user_id else None
        return RequestIds(self._delete(self._url(tenant_id), params=params).request_ids)


#: python-novaclient's QuotaSet methods: each calls the manager's method of that name
#: with the quotaset's id first.
attach(QuotaSet, {"update": ManagerMethod("update", first="id")})


__all__ = [
    "INJECTED_QUOTAS",
    "KNOWN_QUOTAS",
    "NETWORK_QUOTAS",
    "QuotaSet",
    "QuotaSetManager",
    "check_quotas",
    "named_quotas",
]
