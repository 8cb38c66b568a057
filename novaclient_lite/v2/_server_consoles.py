"""Remote consoles: a URL that opens a server's VNC, SPICE, serial or MKS console.

From 2.6 every type goes through ``POST /servers/{id}/remote-consoles`` (the
``webmks`` type of the MKS protocol from 2.8); before 2.6 each protocol had its
own server action (``os-getVNCConsole``...).  The type decides the protocol
or the action, with python-novaclient's tables.  Each method returns Nova's
answer, the body python-novaclient returns: ``{"remote_console": {"protocol",
"type", "url"}}`` from 2.6, ``{"console": {"type", "url"}}`` before.

A console URL carries a token that opens the console to whoever holds it:
the ``--debug`` log masks it (:mod:`novaclient_lite.redaction`).

A base of :class:`novaclient_lite.v2.servers.ServerManager`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_6, V2_8
from novaclient_lite.base import Manager
from novaclient_lite.v2._paths import server_action, server_url

if TYPE_CHECKING:
    from novaclient_lite.v2.servers import Server

#: The server action of each console type before 2.6 (python-novaclient's table).
CONSOLE_TYPE_ACTION_MAPPING = {
    "novnc": "os-getVNCConsole",
    "xvpvnc": "os-getVNCConsole",
    "spice-html5": "os-getSPICEConsole",
    "rdp-html5": "os-getRDPConsole",
    "serial": "os-getSerialConsole",
}
#: The remote-consoles protocol of each console type (2.6+; ``webmks`` 2.8+).
CONSOLE_TYPE_PROTOCOL_MAPPING = {
    "novnc": "vnc",
    "xvpvnc": "vnc",
    "spice-html5": "spice",
    "rdp-html5": "rdp",
    "serial": "serial",
    "webmks": "mks",
}


class ServerConsoles(Manager["Server"]):
    """Console URLs of one server; every method takes a server or its id."""

    def get_vnc_console(self, server: str | Server, console_type: str) -> dict[str, Any]:
        """A VNC console (``novnc``; Nova 34 refuses the old ``xvpvnc``).

        Returns:
            Nova's answer (see the module), whose ``url`` holds a token.

        Raises:
            ValidationError: an unknown console type (nothing is sent).
            NotFound, Conflict (not running), BadRequest (console disabled).
        """
        return self.get_console_url(server, console_type)

    def get_spice_console(self, server: str | Server, console_type: str) -> dict[str, Any]:
        """A SPICE console (``spice-html5``).

        Returns:
            Nova's answer (see the module), whose ``url`` holds a token.

        Raises:
            ValidationError: an unknown console type (nothing is sent).
            NotFound, Conflict (not running), BadRequest (console disabled).
        """
        return self.get_console_url(server, console_type)

    def get_rdp_console(self, server: str | Server, console_type: str) -> dict[str, Any]:
        """An RDP console (``rdp-html5``); Nova removed RDP in 29.0.0 and refuses it.

        Returns:
            Nova's answer (see the module), from a Nova that still has RDP.

        Raises:
            ValidationError: an unknown console type (nothing is sent).
            BadRequest (2.6+) or Gone (older actions): from a Nova without RDP.
        """
        return self.get_console_url(server, console_type)

    def get_serial_console(self, server: str | Server, console_type: str) -> dict[str, Any]:
        """A serial console (``serial``), a websocket URL.

        Returns:
            Nova's answer (see the module), whose ``url`` holds a token.

        Raises:
            ValidationError: an unknown console type (nothing is sent).
            NotFound, Conflict (not running), BadRequest (console disabled).
        """
        return self.get_console_url(server, console_type)

    def get_mks_console(self, server: str | Server) -> dict[str, Any]:
        """A WebMKS console (2.8+).

        Returns:
            Nova's answer (``remote_console``), whose ``url`` holds a token.

        Raises:
            UnsupportedAttribute: before 2.8 (nothing is sent).
            NotFound, Conflict (not running), BadRequest (console disabled).
        """
        self._require("get_mks_console", since=V2_8)
        return self.get_console_url(server, "webmks")

    def get_console_url(self, server: str | Server, console_type: str) -> dict[str, Any]:
        """A console of ``console_type``: remote-consoles from 2.6, the old action before.

        Args:
            server: a server or its id.
            console_type: ``novnc``, ``xvpvnc``, ``spice-html5``, ``rdp-html5``,
                ``serial`` or (2.8+) ``webmks``.

        Returns:
            Nova's answer (see the module), whose ``url`` holds a token.

        Raises:
            UnsupportedAttribute: ``webmks`` before 2.8.  ValidationError: an
                unknown type (both before sending).
            NotFound, Conflict, BadRequest, NotImplemented: from Nova.
            InvalidResponse: the answer holds no console.
        """
        if console_type == "webmks":
            self._require("webmks", since=V2_8)
        url = server_url(server)
        if self.api_version < V2_6:
            action = _known(CONSOLE_TYPE_ACTION_MAPPING, console_type)
            response = server_action(self, server, action, {"type": console_type})
            key = "console"
        else:
            protocol = _known(CONSOLE_TYPE_PROTOCOL_MAPPING, console_type)
            body = {"remote_console": {"protocol": protocol, "type": console_type}}
            response = self._create_raw(url + "/remote-consoles", body)
            key = "remote_console"
        self._envelope(response, key)
        return dict(response.body)


def _known(table: dict[str, str], console_type: Any) -> str:
    if not isinstance(console_type, str) or console_type not in table:
        raise validators.fail("console_type", "one of " + ", ".join(table), console_type)
    return table[console_type]
