"""Server groups: affinity and anti-affinity policies for sets of servers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_15, V2_64
from novaclient_lite.base import RequestIds, Resource, ResourceList, getid, quote
from novaclient_lite.find import ManagerWithFind, find_resource
from novaclient_lite.resource_methods import ManagerMethod, attach

POLICIES = ("affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity")


class ServerGroup(Resource):
    """A server group: ``name``, ``members`` and its policy."""

    repr_keys = ("name", "policy")

    @property
    def policy(self) -> str | None:
        """The policy: ``policy`` from 2.64, else the single item of ``policies``."""
        if self._info.get("policy"):
            return str(self._info["policy"])
        policies = self._info.get("policies") or []
        return str(policies[0]) if policies else None


class ServerGroupManager(ManagerWithFind[ServerGroup]):
    """``/os-server-groups``."""

    resource_class = ServerGroup

    def list(
        self, all_projects: bool = False, limit: int | None = None, offset: int | None = None
    ) -> ResourceList[ServerGroup]:
        """List server groups (one offset-based page).

        Args:
            all_projects: every project's groups (admin).
            limit: at most this many groups.
            offset: skip this many groups first.

        Returns:
            The groups.

        Raises:
            ValidationError: a negative limit or offset.  Forbidden: all_projects
            without the admin role.
        """
        params = self._list_params(all_projects, limit, offset)
        return self._list("/os-server-groups", "server_groups", params=params, limit=limit)

    def iter(
        self, all_projects: bool = False, limit: int | None = None, offset: int | None = None
    ) -> Iterator[ServerGroup]:
        """Like :meth:`list`, lazily (Nova sends the groups in one page).

        Args:
            all_projects, limit, offset: as for :meth:`list`.

        Returns:
            An iterator of groups; the GET is sent on the first ``next()``.

        Raises:
            ValidationError: as for :meth:`list` (at the call, nothing is sent).
            Forbidden: as for :meth:`list`, while iterating.
        """
        params = self._list_params(all_projects, limit, offset)
        return self._iter("/os-server-groups", "server_groups", params=params, limit=limit)

    @staticmethod
    def _list_params(all_projects: bool, limit: int | None, offset: int | None) -> dict[str, Any]:
        for label, value in (("limit", limit), ("offset", offset)):
            if value is not None:
                validators.non_negative_int(value, label)
        params: dict[str, Any] = {"offset": offset}
        if all_projects:
            params["all_projects"] = "True"
        return params

    def get(self, id: str | ServerGroup) -> ServerGroup:
        """Get one server group.

        Returns:
            The group.

        Raises:
            NotFound: no such group.
        """
        return self._get(f"/os-server-groups/{quote(getid(id))}", "server_group")

    def _find_name_or_id(self, name_or_id: str) -> ServerGroup:
        """Find one server group by UUID or exact name.

        Returns:
            The group.

        Raises:
            ResourceNotFound: none matches.  NoUniqueMatch: several have the name.
        """
        return find_resource(
            name_or_id,
            kind="server group",
            get=self.get,
            list_by_name=lambda _name: self.list(),
            id_is_uuid=True,
        )

    def create(self, name: str, policy: str, rules: dict[str, Any] | None = None) -> ServerGroup:
        """Create a server group.

        Sends ``"policies": [policy]`` before 2.64 and ``"policy"`` (with
        ``rules``) from 2.64, as Nova's schemas require.

        Args:
            name: 1 to 255 characters.
            policy: affinity, anti-affinity, soft-affinity or soft-anti-affinity
                (the soft ones need 2.15).
            rules: e.g. ``{"max_server_per_host": 2}`` for anti-affinity (2.64+).

        Returns:
            The new group.

        Raises:
            ValidationError: a bad name, policy or rule (nothing is sent).
            UnsupportedAttribute: rules before 2.64, a soft policy before 2.15.
            Forbidden: over the server-group quota.
        """
        validators.name(name, "Server group name")
        if policy not in POLICIES:
            raise validators.fail("policy", f"one of {', '.join(POLICIES)}", policy)
        for key, value in (rules or {}).items():
            if key != "max_server_per_host":
                raise validators.fail("rule", "max_server_per_host", key)
            validators.positive_int(value, "max_server_per_host")
        version = self.api_version
        body: dict[str, Any] = {"name": name}
        if version >= V2_64:
            body["policy"] = policy
            if rules:
                body["rules"] = dict(rules)
        else:
            if rules:
                self._require("rules", since=V2_64)
            if policy.startswith("soft-"):
                self._require(f"policy={policy}", since=V2_15)
            body["policies"] = [policy]
        return self._create("/os-server-groups", {"server_group": body}, "server_group")

    def delete(self, id: str | ServerGroup) -> RequestIds:
        """Delete a server group.

        Returns:
            The request ids.

        Raises:
            NotFound: no such group.
        """
        return RequestIds(self._delete(f"/os-server-groups/{quote(getid(id))}").request_ids)


#: python-novaclient's ServerGroup methods: each calls the manager's method of that name
#: with the servergroup's id first.
attach(ServerGroup, {"delete": ManagerMethod("delete", first="id")})


__all__ = ["POLICIES", "ServerGroup", "ServerGroupManager"]
