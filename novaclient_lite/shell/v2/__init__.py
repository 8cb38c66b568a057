"""``nova`` commands for compute API v2, one module per resource.

Each command module mirrors the manager module of the same name in
:mod:`novaclient_lite.v2` (``servers`` and ``server_actions`` share the server
manager).  The modules are listed explicitly and imported lazily by the shell;
each defines ``do_*`` functions (see :mod:`novaclient_lite.shell.registry`).
Modules whose name starts with ``_`` hold helpers, not commands.
"""

COMMAND_MODULES = (
    "servers",
    "server_actions",
    "instance_actions",
    "flavors",
    "keypairs",
    "limits",
    "quotas",
    "quota_classes",
    "usage",
    "instance_usage_audit_log",
    "availability_zones",
    "server_groups",
    "versions",
    "api",
    "aggregates",
    "hypervisors",
    "services",
    "agents",
    "hosts",
    "server_tags",
    "consoles",
    "volumes",
    "server_attach",
    "server_state",
    "server_passwords",
    "server_ssh",
    "server_moves",
    "migrations",
)
