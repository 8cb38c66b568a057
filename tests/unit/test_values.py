"""values.Value / FrozenValue: what the dataclasses they replace gave (equality, repr, replace)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from novaclient_lite.api_versions import APIVersion, ServerVersions
from novaclient_lite.http import RetryPolicy
from novaclient_lite.shell.environment import Environment
from novaclient_lite.shell.output import Results, Table


def test_equality_and_repr_come_from_the_fields() -> None:
    assert Results(["a"], 1) == Results(["a"], 1, [])
    assert Results(["a"]) != Results(["a"], 1)
    assert Table([], ["ID"]) != Results([])
    assert repr(Results(["a"])) == "Results(failures=0, lines=['a'], targets=[])"
    with pytest.raises(TypeError):
        hash(Results([]))


def test_frozen_values_are_hashable_ordered_and_refuse_assignment() -> None:
    assert {APIVersion(2, 5): 1}[APIVersion(2, 5)] == 1
    assert APIVersion(2, 10) > APIVersion(2, 9) >= APIVersion(2, 9) and APIVersion(
        1, 99
    ) < APIVersion(2, 0)
    assert max([APIVersion(2, 1), APIVersion(2, 96), APIVersion(2, 3)]) == APIVersion(2, 96)
    with pytest.raises(AttributeError):
        APIVersion(2, 5).minor = 6  # type: ignore[misc]
    assert RetryPolicy(retries=0) == RetryPolicy(0) != RetryPolicy()
    assert ServerVersions(None, None) == ServerVersions(None, None)


def test_replace_copies_with_changes_and_refuses_unknown_fields() -> None:
    env = Environment(sys.stdin, sys.stdout, sys.stderr, stdout_isatty=True)
    dry = env.replace(dry_run=True)
    assert (dry.dry_run, env.dry_run, dry.stderr_isatty, dry.stdout) == (
        True,
        False,
        True,
        sys.stdout,
    )
    versions = ServerVersions(APIVersion(2, 1), APIVersion(2, 5))
    assert versions.replace(max_version=APIVersion(2, 7)) == ServerVersions(
        APIVersion(2, 1), APIVersion(2, 7)
    )
    with pytest.raises(TypeError, match="no field 'dryrun'"):
        env.replace(dryrun=True)


def test_a_command_start_up_imports_no_dataclasses() -> None:
    code = (
        "import sys, io\n"
        "from novaclient_lite.shell import app, output, connect, token_session, cached_auth\n"
        "from novaclient_lite.shell.environment import Environment\n"
        "import novaclient_lite.v2.client\n"
        "shell = app.Shell(Environment.from_process())\n"
        "args = shell.parser.parse_args(['flavor-list'])\n"
        "shell.subparser('flavor-list').parse_args(args.command_args, namespace=args)\n"
        "print(sorted({'dataclasses', 'inspect', 'subprocess'} & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", (
        "a module of the start-up path imports dataclasses, inspect or subprocess: give its "
        "classes novaclient_lite.values.Value (or FrozenValue) and __slots__, and import "
        "inspect or subprocess in the function that needs it"
    )


def test_a_client_imports_a_manager_module_only_when_its_manager_is_used() -> None:
    code = (
        "import sys\n"
        "from novaclient_lite import Client\n"
        "cs = Client('2.1', auth_token='t', endpoint_override='http://compute.invalid/v2.1')\n"
        "cs.flavors\n"
        "print(sorted(m for m in sys.modules if m.startswith('novaclient_lite.v2.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert (
        out.stdout.strip()
        == "['novaclient_lite.v2._lazy', 'novaclient_lite.v2.client', 'novaclient_lite.v2.flavors']"
    )
