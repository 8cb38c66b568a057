"""The floor: the fewest plain ``requests`` calls a CLI command needs.

``python floor.py list|flavor-list|delete [ID ...]`` reads the same OS_*
variables as the CLIs and makes, on one keep-alive session: identity
discovery (GET /v3), password login (POST /v3/auth/tokens), compute version
discovery (GET <compute>/), then the list GET (or one DELETE per id).  With
``--cached`` it skips discovery and login (token from FLOOR_TOKEN, compute
URL from FLOOR_COMPUTE), the floor for a warm token cache.  Prints a count.
"""
from __future__ import annotations

import json
import os
import sys

import requests


def _login(sess: requests.Session) -> tuple[str, str]:
    """Discover identity, log in; return (token, public compute URL)."""
    auth_url = os.environ["OS_AUTH_URL"].rstrip("/")
    sess.get(auth_url, headers={"Accept": "application/json"}).raise_for_status()
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": os.environ["OS_USERNAME"], "password": os.environ["OS_PASSWORD"],
        "domain": {"name": os.environ.get("OS_USER_DOMAIN_NAME", "Default")}}}},
        "scope": {"project": {"name": os.environ["OS_PROJECT_NAME"], "domain": {
            "name": os.environ.get("OS_PROJECT_DOMAIN_NAME", "Default")}}}}}
    resp = sess.post(auth_url + "/auth/tokens", json=body)
    resp.raise_for_status()
    catalog = resp.json()["token"]["catalog"]
    url = next(ep["url"] for svc in catalog if svc["type"] == "compute"
               for ep in svc["endpoints"] if ep["interface"] == "public")
    return resp.headers["X-Subject-Token"], url


def main(argv: list[str]) -> int:
    """Run one command's worth of requests."""
    cached = "--cached" in argv
    args = [a for a in argv if a != "--cached"]
    sess = requests.Session()
    if cached:
        token, compute = os.environ["FLOOR_TOKEN"], os.environ["FLOOR_COMPUTE"]
    else:
        token, compute = _login(sess)
        sess.get(compute + "/").raise_for_status()
    sess.headers.update({"X-Auth-Token": token, "Accept": "application/json",
                         "OpenStack-API-Version": "compute 2.96"})
    cmd = args[0]
    if cmd == "delete":
        for sid in args[1:]:
            sess.delete(f"{compute}/servers/{sid}").raise_for_status()
        print(len(args) - 1)
        return 0
    path = "/servers/detail" if cmd == "list" else "/flavors/detail"
    resp = sess.get(compute + path)
    resp.raise_for_status()
    print(len(json.loads(resp.content)["servers" if cmd == "list" else "flavors"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
