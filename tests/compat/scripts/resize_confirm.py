"""Resize a server to flavor 2, wait, confirm, check the flavor."""

from compat_env import SERVER, keystone_session, wait_for
from novaclient import client

nova = client.Client("2.1", session=keystone_session())
server = nova.servers.get(SERVER)
print(server.status, server.flavor["id"])
nova.servers.resize(server, "2")
wait_for(nova, server.id, "VERIFY_RESIZE")
nova.servers.confirm_resize(server)
server = wait_for(nova, server.id, "ACTIVE")
print(server.status, server.flavor["id"])
