"""The old positional form: Client(VERSION, USERNAME, PASSWORD, PROJECT_ID, AUTH_URL)."""

import os

from compat_env import PROJECT_ID
from novaclient import client, exceptions

nova = client.Client(
    "2",
    os.environ["OS_USERNAME"],
    os.environ["OS_PASSWORD"],
    PROJECT_ID,
    os.environ["OS_AUTH_URL"],
    user_domain_name=os.environ["OS_USER_DOMAIN_NAME"],
)
limits = {limit.name: limit.value for limit in nova.limits.get().absolute}
print("maxTotalInstances", limits["maxTotalInstances"])
print(sorted(zone.zoneName for zone in nova.availability_zones.list(detailed=False)))
try:
    nova.servers.get("00000000-0000-0000-0000-000000000000")
except exceptions.NotFound as error:
    print("NotFound", error.code)
