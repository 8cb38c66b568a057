"""Snapshot a server (create_image) and wait until the server is idle again."""

from compat_env import SERVER, TAG, keystone_session, wait_for
from novaclient import client

nova = client.Client("2.1", session=keystone_session())
server = nova.servers.get(SERVER)
image_id = nova.servers.create_image(server, f"compat-snap-{TAG}", metadata={"kind": "compat"})
print("image", image_id)
server = wait_for(nova, SERVER, "ACTIVE")
print(server.status)
