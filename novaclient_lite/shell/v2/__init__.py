"""``nova`` commands for compute API v2, one module per resource.

The modules are listed explicitly and imported lazily by the shell; each
defines ``do_*`` functions (see :mod:`novaclient_lite.shell.registry`).
"""

COMMAND_MODULES = ("servers", "server_actions", "flavors", "keypairs", "misc")
