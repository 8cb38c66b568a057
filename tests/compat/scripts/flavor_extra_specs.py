"""Create a private flavor, set/get/unset extra specs, share it, delete it."""

from compat_env import OTHER_PROJECT, TAG, keystone_session
from novaclient import client

nova = client.Client("2.1", session=keystone_session())
flavor = nova.flavors.create(f"compat-flavor-{TAG}", 256, 1, 1, is_public=False)
flavor.set_keys({"hw:cpu_policy": "shared", "quota:cpu_shares": "512"})
print(sorted(flavor.get_keys().items()))
flavor.unset_keys(["quota:cpu_shares"])
print(sorted(nova.flavors.get(flavor.id).get_keys().items()))
nova.flavor_access.add_tenant_access(flavor, OTHER_PROJECT)
print([a.tenant_id == OTHER_PROJECT for a in nova.flavor_access.list(flavor=flavor)])
nova.flavors.delete(flavor)
