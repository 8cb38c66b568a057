"""Moving a server to another host: cold migration, live migration and evacuation.

A base of :class:`novaclient_lite.v2.servers.ServerManager` (a mixin, like
``ServerActions``).  The methods keep python-novaclient's names, positional
arguments and defaults; each argument that exists only in a range of
microversions is refused outside it, before anything is sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_13, V2_24, V2_25, V2_29, V2_30, V2_56, V2_67
from novaclient_lite.base import Manager, TupleWithMeta
from novaclient_lite.v2._paths import server_action
from novaclient_lite.with_meta import response_and_body

if TYPE_CHECKING:
    from novaclient_lite.v2.servers import Server

BlockMigration = bool | Literal["auto"]


class ServerMoves(Manager["Server"]):
    """``migrate``, ``os-migrateLive`` and ``evacuate`` on one server (a server or its id)."""

    def migrate(self, server: str | Server, host: str | None = None) -> TupleWithMeta:
        """Cold-migrate a server to another host (``migrate``); confirm it afterwards.

        Nova resizes the server to its own flavor on another host: it ends in
        VERIFY_RESIZE, to be confirmed (``confirm_resize``) or reverted.

        Args:
            server: a server or its id.
            host: the target host (2.56+); None lets the scheduler choose.

        Raises:
            UnsupportedAttribute: ``host`` before 2.56 (nothing is sent).
            ValidationError: an empty host.
            NotFound, Conflict (wrong state), BadRequest (no valid host).
        """
        info: dict[str, Any] | None = None
        if host is not None:
            self._require("host", since=V2_56)
            info = {"host": validators.name(host, "host")}
        return self._nothing(server_action(self, server, "migrate", info))

    def live_migrate(
        self,
        server: str | Server,
        host: str | None = None,
        block_migration: BlockMigration | None = None,
        disk_over_commit: bool | None = None,
        force: bool | None = None,
    ) -> TupleWithMeta:
        """Move a running server to another host without stopping it (``os-migrateLive``).

        Args:
            server: a server or its id.
            host: the target host; None lets the scheduler choose.
            block_migration: copy the disks too (True/False); from 2.25 also
                "auto" (Nova decides from the storage).  None is
                python-novaclient's default: "auto" from 2.25, False before.
            disk_over_commit: allow disk over-commit (until 2.24, where Nova
                requires it: None sends False; removed from 2.25).
            force: skip the scheduler's checks of ``host`` (2.30 to 2.67; only
                True is sent).

        Raises:
            UnsupportedAttribute: "auto" before 2.25, ``disk_over_commit``
                from 2.25, ``force`` outside 2.30-2.67 (nothing is sent).
            ValidationError: a ``block_migration`` that is not a boolean or "auto".
            NotFound, Conflict (wrong state), BadRequest (no valid host).
        """
        if block_migration is None:
            block_migration = "auto" if self.api_version >= V2_25 else False
        elif block_migration == "auto" and not isinstance(block_migration, bool):
            self._require("block_migration='auto'", since=V2_25)
        elif not isinstance(block_migration, bool):
            raise validators.fail("block_migration", "True, False or 'auto'", block_migration)
        info: dict[str, Any] = {"host": host, "block_migration": block_migration}
        if self.api_version < V2_25:
            info["disk_over_commit"] = bool(disk_over_commit)
        elif disk_over_commit is not None:
            self._require("disk_over_commit", until=V2_24)
        if force:
            self._require("force", since=V2_30, until=V2_67)
            info["force"] = True
        return self._nothing(server_action(self, server, "os-migrateLive", info))

    def evacuate(
        self,
        server: str | Server,
        host: str | None = None,
        password: str | None = None,
        force: bool | None = None,
        on_shared_storage: bool | None = None,
    ) -> TupleWithMeta:
        """Rebuild a server of a failed (down) compute host on another host (``evacuate``).

        The positions are those of python-novaclient's newest signature
        (``password`` third); ``on_shared_storage`` of its 2.0-2.13 one is last.

        Args:
            server: a server or its id.
            host: the target host; None lets the scheduler choose.
            password: the admin password of the rebuilt server.
            force: skip the scheduler's checks of ``host`` (2.29 to 2.67; only
                True is sent).
            on_shared_storage: the server's files are on shared storage (until
                2.13, where Nova requires it: None sends True, as
                python-novaclient's default; from 2.14 Nova finds out itself).

        Returns:
            ``(response, body)`` as python-novaclient returns them; before 2.14
            ``body`` holds the new ``adminPass`` Nova set (a secret, for the caller).

        Raises:
            UnsupportedAttribute: ``on_shared_storage`` from 2.14, ``force``
                outside 2.29-2.67 (nothing is sent).
            NotFound (no such server or host), Conflict (wrong state), BadRequest
            (the source host is up, or the target is the same host).
        """
        info: dict[str, Any] = {}
        if host is not None:
            info["host"] = host
        if self.api_version <= V2_13:
            info["onSharedStorage"] = True if on_shared_storage is None else on_shared_storage
        elif on_shared_storage is not None:
            self._require("on_shared_storage", until=V2_13)
        if password is not None:
            info["adminPass"] = password
        if force:
            self._require("force", since=V2_29, until=V2_67)
            info["force"] = True
        return response_and_body(server_action(self, server, "evacuate", info))


__all__ = ["BlockMigration", "ServerMoves"]
