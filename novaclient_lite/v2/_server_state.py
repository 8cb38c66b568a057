"""Server state: shelve, soft delete, admin resets, crash dumps, diagnostics, passwords.

A base of :class:`novaclient_lite.v2.servers.ServerManager` (the methods are
``cs.servers.shelve(...)`` and so on, with python-novaclient's names and
arguments).  ``get_password`` decrypts with ``openssl`` as python-novaclient
does: the password Nova's metadata service keeps is RSA (PKCS#1 v1.5)
encrypted with the server's public key, then base64-encoded.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions, validators
from novaclient_lite.api_versions import V2_17, V2_77, V2_78, V2_88, V2_91
from novaclient_lite.base import UNSET, Manager, RequestIds, TupleWithMeta, Unset
from novaclient_lite.http import Response
from novaclient_lite.v2._paths import server_action, server_url
from novaclient_lite.with_meta import response_and_body

if TYPE_CHECKING:
    import subprocess

    from novaclient_lite.v2.servers import Server

#: What ``reset_network`` raises: Nova answers 410 Gone since it removed the action.
RESET_NETWORK_REMOVED = (
    "Nova removed the resetNetwork server action in 23.0.0 (Wallaby), with nova-network; "
    "there is no network to reset."
)
#: The states ``reset_state`` may set (Nova's ``os-resetState`` schema).
RESET_STATES = ("active", "error")


class ServerState(Manager["Server"]):
    """State changes, diagnostics and the metadata-service password of one server."""

    # -- shelving -----------------------------------------------------------------------

    def shelve(self, server: str | Server) -> TupleWithMeta:
        """Shelve a server (Nova then offloads it at once unless configured otherwise).

        Raises:
            NotFound: no such server.  Conflict: a state that cannot be shelved.
        """
        return self._nothing(server_action(self, server, "shelve"))

    def shelve_offload(self, server: str | Server) -> TupleWithMeta:
        """Remove a shelved server from its compute host (``shelveOffload``).

        Raises:
            NotFound: no such server.  Conflict: the server is not SHELVED.
        """
        return self._nothing(server_action(self, server, "shelveOffload"))

    def unshelve(
        self,
        server: str | Server,
        availability_zone: str | Unset | None = UNSET,
        host: str | None = None,
    ) -> TupleWithMeta:
        """Unshelve a shelved (or shelved-offloaded) server.

        Args:
            server: a server or its id.
            availability_zone: the zone to unshelve an offloaded server in
                (2.77+); None unpins the server from its zone (2.91+).
                Left out: Nova keeps the server's zone, if any.
            host: the compute host to unshelve an offloaded server on (2.91+).

        Raises:
            UnsupportedAttribute: an argument the negotiated microversion
                lacks (nothing is sent).
            NotFound: no such server.  Conflict: not shelved.
            BadRequest: an unknown zone or host.
        """
        info: dict[str, Any] = {}
        if availability_zone is None:
            # NOTE: unpinning (a null zone) came with 2.91; 2.77 wants a name.
            self._require("availability_zone=None", since=V2_91)
            info["availability_zone"] = None
        elif not isinstance(availability_zone, Unset):
            self._require("availability_zone", since=V2_77)
            info["availability_zone"] = validators.name(availability_zone, "availability_zone")
        if host is not None:
            self._require("host", since=V2_91)
            info["host"] = validators.name(host, "host")
        return self._nothing(server_action(self, server, "unshelve", info or None))

    # -- soft delete ----------------------------------------------------------------------

    def force_delete(self, server: str | Server) -> TupleWithMeta:
        """Delete a server now, also one soft-deleted and waiting for reclaim (``forceDelete``).

        Returns ``(response, None)``, as python-novaclient.

        Raises:
            NotFound: no such server.  Conflict: the server is locked.
        """
        return response_and_body(server_action(self, server, "forceDelete"))

    def restore(self, server: str | Server) -> TupleWithMeta:
        """Restore a soft-deleted server (Nova's ``reclaim_instance_interval`` > 0).

        Returns ``(response, None)``, as python-novaclient.

        Raises:
            NotFound: no such server.  Conflict: the server is not SOFT_DELETED.
            Forbidden: the restored server would exceed the quota.
        """
        return response_and_body(server_action(self, server, "restore"))

    # -- admin ------------------------------------------------------------------------------

    def reset_state(self, server: str | Server, state: str = "error") -> TupleWithMeta:
        """Set a server's state to ``active`` or ``error`` in Nova's database (admin).

        Args:
            server: a server or its id.
            state: "error" (the default) or "active".

        Raises:
            ValidationError: another state (nothing is sent).
            NotFound: no such server.  Forbidden: not an admin.
        """
        if not isinstance(state, str) or state not in RESET_STATES:
            raise validators.fail("state", "'active' or 'error'", state)
        return self._nothing(server_action(self, server, "os-resetState", {"state": state}))

    def reset_network(self, server: str | Server) -> TupleWithMeta:
        """Nova's removed ``resetNetwork`` action.

        Nova 23.0.0 (Wallaby, whose newest microversion is 2.88) removed it;
        to a Nova that advertises 2.88 or later nothing is sent.

        Raises:
            APIRemoved: :data:`RESET_NETWORK_REMOVED`, from any Nova that lacks
                the action (``code`` is 410 when one was asked and answered so).
            NotFound: an older Nova knows no such server.
        """
        newest = self.api.server_versions.max_version
        if newest is not None and newest >= V2_88:
            raise exceptions.APIRemoved(RESET_NETWORK_REMOVED)
        try:
            return self._nothing(server_action(self, server, "resetNetwork"))
        except exceptions.HTTPException as exc:
            if exc.code != 410:
                raise
            raise exceptions.APIRemoved(
                RESET_NETWORK_REMOVED,
                code=410,
                request_id=exc.request_id,
                url=exc.url,
                method=exc.method,
            ) from None

    def trigger_crash_dump(self, server: str | Server) -> TupleWithMeta:
        """Make the guest crash and dump its memory (an NMI; 2.17+).

        Raises:
            UnsupportedAttribute: before 2.17 (nothing is sent).
            NotFound: no such server.  Conflict: not running, or locked.
            BadRequest: the driver cannot inject an NMI.
        """
        self._require("trigger_crash_dump", since=V2_17)
        return self._nothing(server_action(self, server, "trigger_crash_dump"))

    # -- reading ----------------------------------------------------------------------------

    def diagnostics(self, server: str | Server) -> TupleWithMeta:
        """The hypervisor's diagnostics of a server (admin; the keys depend on the driver).

        Returns:
            ``(response, document)``, as python-novaclient returns them (so
            ``resp, body = cs.servers.diagnostics(s)`` keeps working): the
            :class:`~novaclient_lite.http.Response` and the document as Nova
            sends it.

        Raises:
            NotFound: no such server.  Conflict: the server is not running.
            NotImplemented: the driver has no diagnostics.
        """
        response = self._get_raw(server_url(server) + "/diagnostics")
        return TupleWithMeta((response, _document(response)), response.request_ids)

    def topology(self, server: str | Server) -> dict[str, Any]:
        """The server's NUMA topology: ``nodes`` and ``pagesize_kb`` (2.78+).

        Raises:
            UnsupportedAttribute: before 2.78 (nothing is sent).
            NotFound: no such server.
        """
        self._require("topology", since=V2_78)
        return _document(self._get_raw(server_url(server) + "/topology"))

    # -- passwords --------------------------------------------------------------------------

    def change_password(self, server: str | Server, password: str) -> TupleWithMeta:
        """Set the guest's admin password (``changePassword``; the driver must support it).

        Raises:
            ValidationError: the password is not a non-empty string (nothing is sent).
            NotFound: no such server.  Conflict: wrong state.
            NotImplemented: the driver cannot set passwords.
        """
        if not isinstance(password, str) or not password:
            raise validators.fail("password", "a non-empty string", echo=False)
        return self._nothing(server_action(self, server, "changePassword", {"adminPass": password}))

    def get_password(self, server: str | Server, private_key: str | None = None) -> str:
        """The password the guest posted to the metadata service (``os-server-password``).

        Args:
            server: a server or its id.
            private_key: the path of the RSA private key whose public key
                the server was booted with; None returns the password
                encrypted (base64) as Nova keeps it.

        Returns:
            The clear password with ``private_key``, else the encrypted one;
            "" when the guest has posted none.

        Raises:
            NotFound: no such server.
            CommandError: the password cannot be decrypted with that key, or
                ``openssl`` is missing (the key's contents are never shown).
        """
        document = _document(self._get_raw(server_url(server) + "/os-server-password"))
        ciphered = str(document.get("password") or "")
        if private_key and ciphered:
            return decrypt_password(private_key, ciphered)
        return ciphered

    def clear_password(self, server: str | Server) -> RequestIds:
        """Forget the guest's posted password (the guest's own password is unchanged).

        Raises:
            NotFound: no such server.
        """
        return RequestIds(self._delete(server_url(server) + "/os-server-password").request_ids)


def _document(response: Response) -> dict[str, Any]:
    body = response.body
    if not isinstance(body, Mapping):
        raise exceptions.InvalidResponse(
            f"Expected a JSON object in the response to {response.method} {response.url}.",
            url=response.url,
            method=response.method,
            request_id=response.request_id,
        )
    return dict(body)


def openssl(argv: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    """Run ``openssl`` with ``argv`` (no shell), ``data`` on its stdin; the one subprocess."""
    import subprocess  # NOTE: not at import: every command's start-up loads this module

    return subprocess.run(["openssl", *argv], input=data, capture_output=True, check=False)


def decrypt_password(private_key: str, ciphered: str) -> str:
    """Decrypt a metadata-service password: base64, then RSA PKCS#1 v1.5 with ``openssl``.

    python-novaclient runs ``openssl rsautl -decrypt -inkey KEY``; this runs
    its successor ``openssl pkeyutl`` with the same padding (rsautl is
    deprecated in OpenSSL 3).

    Raises:
        CommandError: not base64, the wrong key, an unreadable key file, or
            no ``openssl`` (the message names the key file, never its contents).
    """
    try:
        encrypted = base64.b64decode(ciphered, validate=True)
    except (binascii.Error, ValueError):
        raise exceptions.CommandError(
            "The server's password is not base64; cannot decrypt it."
        ) from None
    argv = ["pkeyutl", "-decrypt", "-inkey", private_key, "-pkeyopt", "rsa_padding_mode:pkcs1"]
    try:
        done = openssl(argv, encrypted)
    except OSError as exc:
        raise exceptions.CommandError(
            f"Cannot run openssl to decrypt the password: {exc}."
        ) from None
    if done.returncode:
        reason = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[0]
        raise exceptions.CommandError(
            f"Failed to decrypt the password with the private key {private_key}: {reason}"
        )
    return done.stdout.decode("utf-8", "replace")


__all__ = ["RESET_NETWORK_REMOVED", "RESET_STATES", "ServerState", "decrypt_password"]
