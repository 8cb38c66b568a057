"""What every script reads from the environment: a keystoneauth1 session, names, ids.

The suite sets ``OS_*`` (a Keystone password login) and ``COMPAT_*`` (the
shared server, image, network, project and a per-run tag); scripts import this
module as operators' scripts do their own small config helper.
"""

import os

from keystoneauth1 import loading, session

TAG = os.environ.get("COMPAT_TAG", "compat")
IMAGE = os.environ.get("COMPAT_IMAGE", "")
NETWORK = os.environ.get("COMPAT_NETWORK", "")
SERVER = os.environ.get("COMPAT_SERVER", "")
PROJECT_ID = os.environ.get("COMPAT_PROJECT_ID", "")  # the login's project
OTHER_PROJECT = os.environ.get("COMPAT_OTHER_PROJECT", "")  # demo: quotas, flavor access


def keystone_session():
    """The documented way: a keystoneauth1 password session from ``OS_*``."""
    loader = loading.get_plugin_loader("password")
    auth = loader.load_from_options(
        auth_url=os.environ["OS_AUTH_URL"],
        username=os.environ["OS_USERNAME"],
        password=os.environ["OS_PASSWORD"],
        project_name=os.environ["OS_PROJECT_NAME"],
        user_domain_name=os.environ["OS_USER_DOMAIN_NAME"],
        project_domain_name=os.environ["OS_PROJECT_DOMAIN_NAME"],
    )
    return session.Session(auth=auth)


def wait_for(nova, server_id, *statuses, timeout=60):
    """Poll until the server's status is one of ``statuses`` and no task runs."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        server = nova.servers.get(server_id)
        task = getattr(server, "OS-EXT-STS:task_state", None)
        if server.status in statuses and task is None:
            return server
        if server.status == "ERROR" or time.monotonic() > deadline:
            raise SystemExit(f"server {server_id} is {server.status} ({task})")
        time.sleep(0.3)
