"""Boot, resize to flavor 2, confirm, check the flavor, delete."""

from compat_env import IMAGE, TAG, keystone_session, wait_for
from novaclient import client

nova = client.Client("2.1", session=keystone_session())
server = nova.servers.create(f"compat-resize-{TAG}", IMAGE, "1")
wait_for(nova, server.id, "ACTIVE")
nova.servers.resize(server, "2")
wait_for(nova, server.id, "VERIFY_RESIZE")
nova.servers.confirm_resize(server)
server = wait_for(nova, server.id, "ACTIVE")
print(server.status, server.flavor["id"])
nova.servers.delete(server)
