"""Bad input is refused before anything is sent (library level).

The managers own the checks; each case asserts a ValidationError and that no
request reached the (mocked) server.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import Client, exceptions
from novaclient_lite.v2.client import Client as ClientV2

COMPUTE = "http://compute.test/v2.1"

Call = Callable[[ClientV2], Any]

REFUSED: dict[str, Call] = {
    "server name too long": lambda cs: cs.servers.create("x" * 256, "i", "1", networks="none"),
    "server name empty": lambda cs: cs.servers.create("", "i", "1", networks="none"),
    "metadata key charset": lambda cs: cs.servers.create(
        "vm", "i", "1", networks="none", metadata={"a/b": "v"}
    ),
    "metadata value too long": lambda cs: cs.servers.create(
        "vm", "i", "1", networks="none", metadata={"k": "v" * 256}
    ),
    "metadata value not a string": lambda cs: cs.servers.create(
        "vm", "i", "1", networks="none", metadata={"k": 1}
    ),
    "server description too long": lambda cs: cs.servers.create(
        "vm", "i", "1", networks="none", description="d" * 256
    ),
    "min_count zero": lambda cs: cs.servers.create("vm", "i", "1", networks="none", min_count=0),
    "max_count negative": lambda cs: cs.servers.create(
        "vm", "i", "1", networks="none", max_count=-1
    ),
    "min_count above max_count": lambda cs: cs.servers.create(
        "vm", "i", "1", networks="none", min_count=3, max_count=2
    ),
    "user_data over 64 KiB encoded": lambda cs: cs.servers.create(
        "vm", "i", "1", networks="none", user_data="x" * 70000
    ),
    "networks garbage": lambda cs: cs.servers.create("vm", "i", "1", networks="banana"),
    "set_meta empty key": lambda cs: cs.servers.set_meta("s", {"": "v"}),
    "rename too long": lambda cs: cs.servers.update("s", name="x" * 256),
    "backup negative rotation": lambda cs: cs.servers.backup("s", "b", "daily", -1),
    "backup empty name": lambda cs: cs.servers.backup("s", "", "daily", 1),
    "image name too long": lambda cs: cs.servers.create_image("s", "x" * 256),
    "image metadata key": lambda cs: cs.servers.create_image("s", "img", metadata={"k/": "v"}),
    "reboot type": lambda cs: cs.servers.reboot("s", "MEDIUM"),
    "flavor name too long": lambda cs: cs.flavors.create("x" * 256, 512, 1, 1),
    "flavor ram zero": lambda cs: cs.flavors.create("f", 0, 1, 1),
    "flavor vcpus negative": lambda cs: cs.flavors.create("f", 512, -1, 1),
    "flavor disk negative": lambda cs: cs.flavors.create("f", 512, 1, -1),
    "keypair name too long": lambda cs: cs.keypairs.create("k" * 256, public_key="ssh-rsa AAA"),
    "server group name too long": lambda cs: cs.server_groups.create("g" * 256, "affinity"),
    "server group policy": lambda cs: cs.server_groups.create("g", "banana"),
    "quota below -1": lambda cs: cs.quotas.update("p", instances=-5),
    # Found by this suite as gaps, then closed in the managers:
    "console length negative": lambda cs: cs.servers.get_console_output("s", length=-5),
    "flavor id with spaces around": lambda cs: cs.flavors.create(
        "f", 512, 1, 1, flavorid=" bad id "
    ),
    "flavor description over 65535": lambda cs: cs.flavors.create(
        "f", 512, 1, 1, description="d" * 65536
    ),
    "extra spec empty key": lambda cs: cs.flavors.set_keys("1", {"": "v"}),
    "keypair name with a slash": lambda cs: cs.keypairs.create(
        "bad/name", public_key="ssh-rsa AAA"
    ),
    "quota unknown resource": lambda cs: cs.quotas.update("p", bananas=5),
    "list limit negative": lambda cs: cs.flavors.list(limit=-1),
}


def _run(call: Call) -> tuple[BaseException | None, int]:
    with requests_mock.Mocker() as m:
        m.get(COMPUTE + "/", json={"version": {"version": "2.104", "min_version": "2.1"}})
        m.register_uri(requests_mock.ANY, re.compile(re.escape(COMPUTE) + "/.+"), json={})
        cs = Client("2.latest", auth_token="t", endpoint_override=COMPUTE)
        error: BaseException | None = None
        try:
            call(cs)
        except Exception as exc:
            error = exc
        sent = [r for r in m.request_history if r.path.rstrip("/") != "/v2.1"]
        return error, len(sent)


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_before_sending(case: str) -> None:
    error, sent = _run(REFUSED[case])
    assert isinstance(error, exceptions.ValidationError), repr(error)
    assert sent == 0
    assert "\n" not in str(error)


@pytest.mark.parametrize("text", ["2.abc", "3.1", "2.999", "banana", "2.05", "", "2.-1", "v2.1"])
def test_bad_microversion_strings(text: str) -> None:
    with pytest.raises(exceptions.UnsupportedVersion):
        Client(text, auth_token="t", endpoint_override=COMPUTE)
