"""Every input rule in v2/ and base.py speaks through validators: the exact line, nothing sent.

The format is ``<label> must be <rule>; got <value>.`` (validators.fail): the
value shortened, replaced by a length for text, or left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.v2.helpers import IMAGE_ID, SERVER_ID, S, body_of, nothing_sent, only_request

MakeClient = Callable[..., Client]
Call = Callable[[Client], Any]


def boot(**kwargs: Any) -> Call:
    args: dict[str, Any] = {"name": "vm1", "image": IMAGE_ID, "flavor": "1", **kwargs}
    return lambda cs: cs.servers.create(
        args.pop("name"), args.pop("image"), args.pop("flavor"), **args
    )


NOVA_KEY = "1 to 255 of a-z A-Z 0-9 - _ : . and space"
KNOWN_QUOTAS = (
    "cores, fixed_ips, floating_ips, injected_file_content_bytes, "
    "injected_file_path_bytes, injected_files, instances, key_pairs, "
    "metadata_items, ram, security_group_rules, security_groups, "
    "server_group_members, server_groups"
)

RULES: dict[str, tuple[Call, str]] = {
    # -- servers.create -------------------------------------------------------------------
    "boot name empty": (boot(name=""), "name must be 1 to 255 characters; got ''."),
    "boot name blank": (boot(name="  "), "name must be 1 to 255 characters; got '  '."),
    "boot no image": (
        boot(image=None),
        "image must be given unless a block device mapping gives a boot volume.",
    ),
    "boot description": (
        boot(description="d" * 256),
        "description must be at most 255 characters; got 256 characters.",
    ),
    "boot metadata key": (
        boot(metadata={"bad/key": "v"}),
        f"metadata key must be {NOVA_KEY}; got 'bad/key'.",
    ),
    "boot metadata value": (
        boot(metadata={"k": "v" * 256}),
        "metadata value of 'k' must be at most 255 characters; got 256 characters.",
    ),
    "boot metadata value type": (
        boot(metadata={"k": 1}),
        "metadata value of 'k' must be a string of at most 255 characters; got 1.",
    ),
    "boot metadata type": (
        boot(metadata=["k"]),
        "metadata must be a mapping of strings to strings; got ['k'].",
    ),
    "boot too many tags": (
        boot(tags=[f"t{i}" for i in range(51)]),
        "tags must be at most 50 tags; got 51 tags.",
    ),
    "boot tag": (
        boot(tags=["a/b"]),
        "tag must be a non empty string of at most 60 characters without characters '/' and ',';"
        " got 'a/b'.",
    ),
    "boot min_count": (boot(min_count=0), "min_count must be a positive integer; got 0."),
    "boot max_count bool": (
        boot(max_count=True),
        "max_count must be a positive integer; got True.",
    ),
    "boot min above max": (
        boot(min_count=3, max_count=2),
        "min_count must be at most max_count (2); got 3.",
    ),
    "boot user_data": (
        boot(user_data="secret" * 10000),
        "user_data must be at most 65535 characters once base64-encoded; got 80000 characters.",
    ),
    "boot networks": (
        boot(networks="everything"),
        "networks must be 'auto', 'none' or a list of networks; got 'everything'.",
    ),
    "boot network key": (
        boot(networks=[{"bogus": "x"}]),
        "network key must be uuid, port, fixed_ip or tag; got 'bogus'.",
    ),
    "boot network without uuid": (
        boot(networks=[{"fixed_ip": "10.0.0.1"}]),
        "network must be a mapping with a uuid or a port; got {'fixed_ip': '10.0.0.1'}.",
    ),
    "boot network type": (
        boot(networks=["net"]),
        "network must be a mapping with a uuid or a port; got 'net'.",
    ),
    # -- servers.list / update --------------------------------------------------------------
    "list sort_dirs": (
        lambda cs: cs.servers.list(sort_dirs=["asc"]),
        "sort_dirs must be at most one per sort key (0 given); got ['asc'].",
    ),
    "list sort direction": (
        lambda cs: cs.servers.list(sort_keys=["name"], sort_dirs=["up"]),
        "sort direction must be 'asc' or 'desc'; got 'up'.",
    ),
    "list limit": (lambda cs: cs.servers.list(limit=0), "limit must be a positive integer; got 0."),
    "list page_size": (
        lambda cs: cs.servers.list(page_size=True),
        "page_size must be a positive integer; got True.",
    ),
    "update nothing": (
        lambda cs: cs.servers.update(SERVER_ID),
        "name, description or hostname must be given (there is nothing to update).",
    ),
    "update name": (
        lambda cs: cs.servers.update(SERVER_ID, name=""),
        "name must be 1 to 255 characters; got ''.",
    ),
    "update description": (
        lambda cs: cs.servers.update(SERVER_ID, description="d" * 256),
        "description must be at most 255 characters; got 256 characters.",
    ),
    # -- server actions ------------------------------------------------------------------------
    "reboot type": (
        lambda cs: cs.servers.reboot(SERVER_ID, "warm"),
        "reboot_type must be 'SOFT' or 'HARD'; got 'warm'.",
    ),
    "lock reason": (
        lambda cs: cs.servers.lock(SERVER_ID, reason=""),
        "reason must be 1 to 255 characters; got ''.",
    ),
    "rebuild name": (
        lambda cs: cs.servers.rebuild(SERVER_ID, IMAGE_ID, name=""),
        "name must be 1 to 255 characters; got ''.",
    ),
    "rebuild description": (
        lambda cs: cs.servers.rebuild(SERVER_ID, IMAGE_ID, description="d" * 256),
        "description must be at most 255 characters; got 256 characters.",
    ),
    "image name": (
        lambda cs: cs.servers.create_image(SERVER_ID, ""),
        "name must be 1 to 255 characters; got ''.",
    ),
    "backup rotation": (
        lambda cs: cs.servers.backup(SERVER_ID, "b", "daily", -1),
        "rotation must be a non-negative integer; got -1.",
    ),
    "backup name": (
        lambda cs: cs.servers.backup(SERVER_ID, "", "daily", 1),
        "name must be 1 to 255 characters; got ''.",
    ),
    "backup-instance name": (
        lambda cs: cs.servers.backup_instance(SERVER_ID, "", "why"),
        "name must be 1 to 255 characters; got ''.",
    ),
    "backup-instance type": (
        lambda cs: cs.servers.backup_instance(SERVER_ID, "b", "why", rotation=1, backup_type=""),
        "backup_type must be 1 to 255 characters; got ''.",
    ),
    "backup type": (
        lambda cs: cs.servers.backup(SERVER_ID, "b", "", 1),
        "backup_type must be 1 to 255 characters; got ''.",
    ),
    "backup-instance rotation 0": (
        lambda cs: cs.servers.backup_instance(SERVER_ID, "b", "why", rotation=0),
        "rotation must be a positive integer (0 would delete every backup of this type, the "
        "new one included; omit it for a quick backup); got 0.",
    ),
    "backup-instance rotation negative": (
        lambda cs: cs.servers.backup_instance(SERVER_ID, "b", "why", rotation=-2),
        "rotation must be a positive integer; got -2.",
    ),
    "backup-instance description": (
        lambda cs: cs.servers.backup_instance(SERVER_ID, "b", "d" * 256),
        "description must be at most 255 characters; got 256 characters.",
    ),
    "set_meta empty": (
        lambda cs: cs.servers.set_meta(SERVER_ID, {}),
        "metadata must be at least one key=value item; got {}.",
    ),
    "console length": (
        lambda cs: cs.servers.get_console_output(SERVER_ID, length=-2),
        "length must be an integer of at least -1; got -2.",
    ),
    # -- flavors -----------------------------------------------------------------------------
    "flavor name": (
        lambda cs: cs.flavors.create("", 1, 1, 0),
        "Flavor name must be 1 to 255 characters; got ''.",
    ),
    "flavor ram": (
        lambda cs: cs.flavors.create("f", 0, 1, 0),
        "ram must be a positive integer; got 0.",
    ),
    "flavor disk text": (
        lambda cs: cs.flavors.create("f", 1, 1, "big"),
        "disk must be a non-negative integer; got 'big'.",
    ),
    "flavor swap float": (
        lambda cs: cs.flavors.create("f", 1, 1, 0, swap=1.5),
        "swap must be a non-negative integer; got 1.5.",
    ),
    "flavor id": (
        lambda cs: cs.flavors.create("f", 1, 1, 0, flavorid=" x"),
        "Flavor id must be 1 to 255 letters, digits, '.', '_', '-' or inner spaces "
        "(or 'auto'); got ' x'.",
    ),
    "flavor rxtx_factor": (
        lambda cs: cs.flavors.create("f", 1, 1, 0, rxtx_factor=0),
        "rxtx_factor must be a positive number; got 0.",
    ),
    "flavor rxtx_factor text": (
        lambda cs: cs.flavors.create("f", 1, 1, 0, rxtx_factor="2"),
        "rxtx_factor must be a positive number; got '2'.",
    ),
    "flavor description": (
        lambda cs: cs.flavors.create("f", 1, 1, 0, description="d" * 65536),
        "Flavor description must be at most 65535 characters; got 65536 characters.",
    ),
    "extra specs empty": (
        lambda cs: cs.flavors.set_keys("1", {}),
        "extra specs must be at least one key=value item; got {}.",
    ),
    "extra spec key": (
        lambda cs: cs.flavors.set_keys("1", {"": "v"}),
        "extra spec key must be 1 to 255 characters; got ''.",
    ),
    "extra spec value": (
        lambda cs: cs.flavors.set_keys("1", {"k": "v" * 256}),
        "extra spec 'k' must be at most 255 characters; got 256 characters.",
    ),
    "flavor list limit": (
        lambda cs: cs.flavors.list(limit=-1),
        "limit must be a positive integer; got -1.",
    ),
    # -- key pairs, quotas, server groups --------------------------------------------------------
    "keypair name": (
        lambda cs: cs.keypairs.create("", "ssh-rsa AAA"),
        "Key pair name must be 1 to 255 characters; got ''.",
    ),
    "keypair name charset": (
        lambda cs: cs.keypairs.create("a/b", "ssh-rsa AAA"),
        "Key pair name must be made of letters, digits, spaces and '_', '-', '@', '.'; got 'a/b'.",
    ),
    "keypair type": (
        lambda cs: cs.keypairs.create("k", "ssh-rsa AAA", key_type="rsa"),
        "key_type must be 'ssh' or 'x509'; got 'rsa'.",
    ),
    "quota project": (
        lambda cs: cs.quotas.get(""),
        "project_id must be 1 to 255 characters; got ''.",
    ),
    "quota nothing": (
        lambda cs: cs.quotas.update("p1"),
        "quotas must be at least one name=value item (e.g. cores=20).",
    ),
    "quota value": (
        lambda cs: cs.quotas.update("p1", cores=-2),
        "quota cores must be an integer of at least -1; got -2.",
    ),
    "quota name": (
        lambda cs: cs.quotas.update("p1", bananas=5),
        f"quota name must be one of {KNOWN_QUOTAS}; got 'bananas'.",
    ),
    "group list offset": (
        lambda cs: cs.server_groups.list(offset=-1),
        "offset must be a non-negative integer; got -1.",
    ),
    "group name": (
        lambda cs: cs.server_groups.create("", "affinity"),
        "Server group name must be 1 to 255 characters; got ''.",
    ),
    "group policy": (
        lambda cs: cs.server_groups.create("g", "banana"),
        "policy must be one of affinity, anti-affinity, soft-affinity, "
        "soft-anti-affinity; got 'banana'.",
    ),
    "group rule": (
        lambda cs: cs.server_groups.create("g", "anti-affinity", {"bogus": 1}),
        "rule must be max_server_per_host; got 'bogus'.",
    ),
    "group rule value": (
        lambda cs: cs.server_groups.create("g", "anti-affinity", {"max_server_per_host": 0}),
        "max_server_per_host must be a positive integer; got 0.",
    ),
}


#: Cases that need an older microversion than the newest (rxtx_factor ends at 2.101).
VERSION = {"flavor rxtx_factor": "2.101", "flavor rxtx_factor text": "2.101"}


@pytest.mark.parametrize("name", RULES)
def test_rule_refuses_with_one_line_and_sends_nothing(
    mock: requests_mock.Mocker, make_client: MakeClient, name: str
) -> None:
    call, message = RULES[name]
    with pytest.raises(exceptions.ValidationError) as info:
        call(make_client(VERSION.get(name, "auto")))
    assert str(info.value) == message
    nothing_sent(mock)


def test_user_data_is_never_echoed(mock: requests_mock.Mocker, cs: Client) -> None:
    with pytest.raises(exceptions.ValidationError) as info:
        boot(user_data="s3cr3t-" * 10000)(cs)
    assert "s3cr3t" not in str(info.value)


def test_flavor_sizes_given_as_text_are_sent_as_numbers(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    post = mock.post(S.replace("/servers", "/flavors"), json={"flavor": {"id": "1"}})
    cs.flavors.create("f", "512", "2", "0", ephemeral="1", swap="0")
    body = body_of(only_request(post))["flavor"]
    assert (
        body["ram"],
        body["vcpus"],
        body["disk"],
        body["OS-FLV-EXT-DATA:ephemeral"],
        body["swap"],
    ) == (512, 2, 0, 1, 0)
