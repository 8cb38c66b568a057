"""The names of python-novaclient's ``Server`` methods, for :mod:`novaclient_lite.resource_methods`.

``servers.py`` attaches one method per name to ``Server``; each calls
``cs.servers.<name>(server, ...)``.
"""

from __future__ import annotations

#: python-novaclient's Server methods (all but ``rebuild``, written out on ``Server``):
#: ``server.reboot("HARD")`` is ``server.manager.reboot(server, "HARD")``.  A new action
#: is one name here.
SERVER_METHODS = (
    *("delete", "update", "resize", "confirm_resize", "revert_resize"),
    *("reboot", "stop", "start", "pause", "unpause", "suspend", "resume", "lock", "unlock"),
    *("rescue", "unrescue", "shelve", "shelve_offload", "unshelve", "force_delete", "restore"),
    *("reset_state", "reset_network", "trigger_crash_dump", "diagnostics", "topology"),
    *("create_image", "backup", "migrate", "live_migrate", "evacuate", "change_password"),
    *("get_password", "clear_password", "get_console_output", "get_console_url"),
    *("get_vnc_console", "get_spice_console", "get_rdp_console", "get_serial_console"),
    *("get_mks_console", "interface_list", "interface_attach", "interface_detach"),
    *("add_security_group", "remove_security_group", "list_security_group"),
    *("tag_list", "add_tag", "set_tags", "delete_tag", "delete_all_tags"),
)


__all__ = ["SERVER_METHODS"]
