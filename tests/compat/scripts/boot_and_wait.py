"""Boot a server on a network, wait for ACTIVE, show it, delete it."""

from compat_env import IMAGE, NETWORK, TAG, keystone_session, wait_for
from novaclient import client

nova = client.Client("2.1", session=keystone_session())
flavor = nova.flavors.get("1")
server = nova.servers.create(
    f"compat-boot-{TAG}", IMAGE, flavor, nics=[{"net-id": NETWORK}], meta={"purpose": "compat"}
)
server = wait_for(nova, server.id, "ACTIVE")
print(server.name, server.status, server.metadata, server.flavor["id"])
nova.servers.delete(server)
