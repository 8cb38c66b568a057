"""The leak check: marked secrets, the forms they may show in, and a client that carries them.

Each secret is a unique marker string; after running library calls with every
logger at DEBUG, no marker may appear anywhere except in the return value that
exists to carry it (boot's adminPass, keypair-add's private key).
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from keystoneauth1 import fixture as ksa_fixture

from novaclient_lite import Client, http
from novaclient_lite.v2.client import Client as ClientV2

AUTH_URL = "http://identity.test/v3"
COMPUTE = "http://compute.test/v2.1"
ANY_COMPUTE = re.compile(re.escape(COMPUTE) + r"/.*")

PASSWORD = "pw-LEAKCHECK-password-7731"
TOKEN = "tok-LEAKCHECK-token-5521"
ADMIN_PASS = 'ap-LEAKCHECK-"adminpass"\\-1187'
PRIVATE_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\nLEAKCHECK-pk-9902\n-----END OPENSSH PRIVATE KEY-----\n"
)
USER_DATA = "#!/bin/sh\necho LEAKCHECK-userdata-4410\n"
USER_DATA_B64 = base64.b64encode(USER_DATA.encode()).decode()
APP_SECRET = "acs-LEAKCHECK-appcred-6620"
SECRETS = [
    PASSWORD,
    TOKEN,
    ADMIN_PASS,
    PRIVATE_KEY,
    "LEAKCHECK-pk-9902",
    "LEAKCHECK-userdata-4410",
    USER_DATA_B64,
    APP_SECRET,
]
SERVER_ID = "9d8e7f6a-1111-2222-3333-444455556666"


def shown_forms(secret: str) -> set[str]:
    """The secret as-is, as a Python repr shows it, and both of those JSON-escaped (a
    ``--debug`` RESP line re-encodes a body whose message quotes the request)."""
    forms = {secret, repr(secret)[1:-1]}
    return forms | {json.dumps(form)[1:-1] for form in forms}


def assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        for form in shown_forms(secret):
            assert form not in text, f"{secret!r} leaked into {where} as {form!r}"


def v3_token() -> ksa_fixture.V3Token:
    token = ksa_fixture.V3Token(project_name="admin", user_name="admin")
    token.set_project_scope()
    token.add_service("compute").add_standard_endpoints(public=COMPUTE, region="RegionOne")
    return token


def password_client(version: str = "2.latest", **kwargs: Any) -> ClientV2:
    return Client(
        version,
        username="admin",
        password=PASSWORD,
        project_name="admin",
        auth_url=AUTH_URL,
        retry=http.RetryPolicy(backoff=0.01),
        **kwargs,
    )
