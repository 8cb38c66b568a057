"""Quota sets: per-project (and per-user) limits, their usage and the defaults."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_35, V2_56
from novaclient_lite.base import Manager, Resource, quote

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
    """The quota values of an update, checked before anything is sent.

    ``removed`` maps a quota to the last microversion that has it; ``require``
    is the manager's ``_require`` gate.

    Raises:
        ValidationError: no quota, an unknown name, or a value below -1 (unlimited).
        UnsupportedAttribute: a quota Nova removed at the negotiated version.
    """
    if not quotas:
        raise validators.fail("quotas", "at least one name=value item (e.g. cores=20)", echo=False)
    for key, value in quotas.items():
        validators.integer(value, f"quota {key}", minimum=-1)  # -1: unlimited
    for key in quotas:
        if key not in KNOWN_QUOTAS:
            raise validators.fail("quota name", f"one of {', '.join(sorted(KNOWN_QUOTAS))}", key)
        if key in removed:
            require(key, until=removed[key])
    return dict(quotas)


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

    def get(self, project_id: str, *, user_id: str | None = None, detail: bool = False) -> QuotaSet:
        """A project's (or one of its users') quotas.

        Args:
            project_id: the project.
            user_id: one user's quotas inside that project.
            detail: GET ``.../detail``: limit, in_use and reserved per resource.

        Returns:
            The quota set.

        Raises:
            ValidationError: no project id.  Forbidden: another project without
            the admin role.
        """
        return self._fetch(self._url(project_id, "/detail" if detail else ""), user_id)

    def defaults(self, project_id: str) -> QuotaSet:
        """The default quotas (GET ``.../defaults``).

        Returns:
            The default quota set.

        Raises:
            ValidationError: no project id.
        """
        return self._fetch(self._url(project_id, "/defaults"), None)

    def update(
        self,
        project_id: str,
        *,
        user_id: str | None = None,
        force: bool | None = None,
        **quotas: int,
    ) -> QuotaSet:
        """Set quotas (admin): PUT ``/os-quota-sets/{project_id}[?user_id=]``.

        Args:
            project_id: the project.
            user_id: set one user's quotas inside the project.
            force: set a limit even below the current usage.
            **quotas: e.g. ``cores=20, instances=10`` (-1 means unlimited).

        Returns:
            The updated quota set.

        Raises:
            ValidationError: no quota given or a value below -1 (nothing is sent).
            UnsupportedAttribute: a quota Nova removed at the negotiated version.
            BadRequest: a limit below the usage without ``force``.  Forbidden.
        """
        url = self._url(project_id)
        body: dict[str, Any] = check_quotas(quotas, _REMOVED, self._require)
        if force is not None:
            body["force"] = bool(force)
        return self._update(
            url, {"quota_set": body}, "quota_set", params={"user_id": user_id} if user_id else None
        )

    def delete(self, tenant_id: str, user_id: str | None = None) -> list[str]:
        """Revert a project's (or one user's) quotas to the defaults (admin).

        DELETE ``/os-quota-sets/{tenant_id}[?user_id=]``.

        Returns:
            The request ids of the response.

        Raises:
            ValidationError: no project id (nothing is sent).  Forbidden: not an admin.
        """
        params = {"user_id": user_id} if user_id else None
        return self._delete(self._url(tenant_id), params=params).request_ids


__all__ = [
    "INJECTED_QUOTAS",
    "KNOWN_QUOTAS",
    "NETWORK_QUOTAS",
    "QuotaSet",
    "QuotaSetManager",
    "check_quotas",
]
