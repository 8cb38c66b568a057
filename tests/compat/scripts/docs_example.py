"""python-novaclient's documented first steps (doc/source/user/python-api.rst),
then an admin's inventory: every project's servers, filtered by name and status."""

from compat_env import keystone_session
from novaclient import client

nova = client.Client("2.1", session=keystone_session())
print(sorted(flavor.name for flavor in nova.flavors.list()))
small = nova.flavors.find(name="m1.small")
print(small.name, small.ram, small.vcpus)
print(sorted(server.name for server in nova.servers.list(search_opts={"name": "^compat-shared"})))

opts = {"all_tenants": 1, "name": "^compat-shared", "status": "ACTIVE"}
for server in nova.servers.list(search_opts=opts):
    print(server.name, server.status)
print(len(nova.servers.list(detailed=False, search_opts=opts)))
