"""Every project's servers, filtered by name and status (an admin's inventory)."""

from compat_env import keystone_session
from novaclient import client

nova = client.Client("2.1", session=keystone_session())
opts = {"all_tenants": 1, "name": "^compat-shared", "status": "ACTIVE"}
for server in nova.servers.list(search_opts=opts):
    print(server.name, server.status)
print(len(nova.servers.list(detailed=False, search_opts=opts)))
