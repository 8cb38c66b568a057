"""``rebuild``'s options and what they change, with python-novaclient's checks and texts.

Each ``--x``/``--x-unset`` pair sets a value or removes it (None); an option
not given leaves the server's value alone.  Everything is checked before
anything is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from novaclient_lite import exceptions
from novaclient_lite.api_versions import V2_63, APIVersion, require
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._parsing import parse_pairs, read_file
from novaclient_lite.shell.v2._server_args import (
    NEW_HOSTNAME_ARG,
    TRUSTED_CERTIFICATES_ARG,
    parse_files,
    trusted_certificates,
)

if TYPE_CHECKING:
    from argparse import Namespace

F = TypeVar("F", bound=Callable[..., Any])

_REBUILD_ARGS = [
    arg(
        "--rebuild-password",
        "--password",
        dest="password",
        metavar="<rebuild-password>",
        help="Set the provided admin password on the rebuilt server.",
    ),
    arg(
        "--minimal",
        action="store_true",
        help="Skips flavor and image lookups when showing the server.",
    ),
    arg(
        "--preserve-ephemeral",
        action="store_true",
        help="Preserve the default ephemeral storage partition on rebuild.",
    ),
    arg("--name", metavar="<name>", help="Name for the new server."),
    arg(
        "--description",
        metavar="<description>",
        start_version="2.19",
        help='New description for the server ("" removes it).',
    ),
    arg(
        "--meta",
        metavar="<key=value>",
        action="append",
        default=[],
        help="Record arbitrary key/value metadata on the server (replaces the old metadata). "
        "Can be specified multiple times.",
    ),
    arg(
        "--file",
        metavar="<dst-path=src-path>",
        action="append",
        dest="files",
        default=[],
        end_version="2.56",
        help="Store arbitrary files from <src-path> locally to <dst-path> on the new server. "
        "Can be repeated; up to 5 files by default (the 'Personality' limit of 'nova limits').",
    ),
    arg(
        "--key-name",
        metavar="<key-name>",
        start_version="2.54",
        help="Keypair name to set in the server. Cannot be specified with the '--key-unset' "
        "option.",
    ),
    arg(
        "--key-unset",
        action="store_true",
        start_version="2.54",
        help="Unset keypair in the server. Cannot be specified with the '--key-name' option.",
    ),
    arg(
        "--user-data",
        metavar="<user-data>",
        start_version="2.57",
        help="User data file to pass to be exposed by the metadata server.",
    ),
    arg(
        "--user-data-unset",
        action="store_true",
        start_version="2.57",
        help="Unset user_data in the server. Cannot be specified with the '--user-data' option.",
    ),
    TRUSTED_CERTIFICATES_ARG,
    arg(
        "--trusted-image-certificates-unset",
        action="store_true",
        start_version="2.63",
        help="Unset trusted_image_certificates in the server. Cannot be specified with the "
        "'--trusted-image-certificate-id' option.",
    ),
    NEW_HOSTNAME_ARG,
]


def rebuild_args(func: F) -> F:
    """``rebuild``'s options after ``<server> <image>``, in python-novaclient's order."""
    for decorate in reversed(_REBUILD_ARGS):
        func = decorate(func)
    return func


def _unsets(args: Namespace) -> dict[str, Any]:
    """key_name, user_data, trusted_image_certificates: a value, None to remove, or absent."""
    certificates = trusted_certificates(args)
    for given, unset, text in (
        (args.key_name, args.key_unset, "Cannot specify '--key-unset' with '--key-name'."),
        (
            args.user_data,
            args.user_data_unset,
            "Cannot specify '--user-data-unset' with '--user-data'.",
        ),
        (
            certificates,
            args.trusted_image_certificates_unset,
            "Cannot specify '--trusted-image-certificates-unset' with "
            "'--trusted-image-certificate-id' or with OS_TRUSTED_IMAGE_CERTIFICATE_IDS env "
            "variable set.",
        ),
    ):
        if given and unset:
            raise exceptions.CommandError(text)
    changes: dict[str, Any] = {}
    if args.key_name or args.key_unset:
        changes["key_name"] = args.key_name or None
    if args.user_data or args.user_data_unset:
        changes["user_data"] = read_file(args.user_data) if args.user_data else None
    if certificates or args.trusted_image_certificates_unset:
        changes["trusted_image_certificates"] = certificates or None
    return changes


def rebuild_changes(args: Namespace) -> dict[str, Any]:
    """The ``cs.servers.rebuild`` keyword arguments of the options given."""
    changes = _unsets(args)
    metadata = parse_pairs(args.meta, "--meta")
    files = parse_files(args.files)
    if args.description is not None:
        changes["description"] = args.description or None
    if args.hostname is not None:
        changes["hostname"] = args.hostname
    return {
        "password": args.password,
        "name": args.name,
        "preserve_ephemeral": bool(args.preserve_ephemeral),
        "metadata": metadata or None,
        "files": files or None,
        **changes,
    }


def check_rebuild_versions(version: APIVersion, args: Namespace, changes: dict[str, Any]) -> None:
    """``OS_TRUSTED_IMAGE_CERTIFICATE_IDS`` needs 2.63 (the options are @arg gates)."""
    if changes.get("trusted_image_certificates") and not args.trusted_image_certificates:
        require("OS_TRUSTED_IMAGE_CERTIFICATE_IDS", version, since=V2_63)
