"""Quota sets: per-project (and per-user) limits, their usage and the defaults."""

from __future__ import annotations

from typing import Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_35, V2_56
from novaclient_lite.base import Manager, Resource, quote

#: Quotas Nova removed, with the last microversion that still has them.
_REMOVED = {
    **dict.fromkeys(("fixed_ips", "floating_ips", "security_group_rules", "security_groups"),
                    V2_35),
    **dict.fromkeys(("injected_file_content_bytes", "injected_file_path_bytes",
                     "injected_files"), V2_56),
}

#: Every quota name Nova's quota-set schema accepts (schemas/quota_sets.py).
_KNOWN = frozenset({"instances", "cores", "ram", "metadata_items", "key_pairs", "server_groups",
                    "server_group_members", *_REMOVED})


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
        if not quotas:
            raise validators.fail("quotas", "at least one name=value item (e.g. cores=20)",
                                  echo=False)
        for key, value in quotas.items():
            validators.integer(value, f"quota {key}", minimum=-1)  # -1: unlimited
        for key in quotas:
            if key not in _KNOWN:
                raise validators.fail("quota name", f"one of {', '.join(sorted(_KNOWN))}", key)
            if key in _REMOVED:
                self._require(key, until=_REMOVED[key])
        body: dict[str, Any] = dict(quotas)
        if force is not None:
            body["force"] = bool(force)
        return self._update(url, {"quota_set": body}, "quota_set",
                            params={"user_id": user_id} if user_id else None)


__all__ = ["QuotaSet", "QuotaSetManager"]
