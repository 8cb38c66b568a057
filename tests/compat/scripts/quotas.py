"""Read a project's quotas, raise one, read it back, restore the defaults."""

from compat_env import OTHER_PROJECT, keystone_session
from novaclient import client

nova = client.Client("2.1", session=keystone_session())
print("default instances", nova.quotas.defaults(OTHER_PROJECT).instances)
nova.quotas.update(OTHER_PROJECT, instances=17, cores=34)
quota = nova.quotas.get(OTHER_PROJECT)
print("instances", quota.instances, "cores", quota.cores)
nova.quotas.delete(OTHER_PROJECT)
print("restored", nova.quotas.get(OTHER_PROJECT).instances)
resp, body = nova.client.get(f"/os-quota-sets/{OTHER_PROJECT}")  # the raw client
print("raw", resp.status_code, body["quota_set"]["instances"])
