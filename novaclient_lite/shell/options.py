"""The argument parser: global options (with their environment variables) and usage errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import IO, Any, NoReturn

from novaclient_lite import validators
from novaclient_lite.shell.output import FORMATS
from novaclient_lite.transport import DEFAULT_TIMEOUT

DEFAULT_INTERFACE = "public"


def env_flag(value: str | None) -> bool:
    """An environment variable read as a switch: a true word (1/true/yes/on, any case) is on."""
    return validators.is_true(value)


class UsageError(Exception):
    """A command-line usage error (exit 2); the message is one line."""


class ParserExit(Exception):
    """argparse wanted to exit (after ``-h``): carries the status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def terminal_width() -> int:
    """argparse's help width, ``shutil.get_terminal_size().columns - 2``, without shutil."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns - 2


class HelpFormatter(argparse.HelpFormatter):
    """Title-cased section headings and a wider option column."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 32,
        width: int | None = None,
    ) -> None:
        # NOTE: argparse would import shutil (~5 ms) for the width, even for the formatter
        # that add_argument builds only to check a metavar.
        super().__init__(
            prog, indent_increment, max_help_position, terminal_width() if width is None else width
        )

    def start_section(self, heading: str | None) -> None:
        super().start_section(heading[:1].upper() + heading[1:] if heading else heading)


class Parser(argparse.ArgumentParser):
    """argparse that writes to injected streams and raises instead of exiting."""

    stdout: IO[str]
    stderr: IO[str]

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            (self.stderr if file is sys.stderr else self.stdout).write(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self.stderr.write(message)
        raise ParserExit(status)

    def error(self, message: str) -> NoReturn:
        name = self.prog.split(" ", 1)[1] if " " in self.prog else ""
        see = f" (see 'nova help {name}')" if name else " (see 'nova help')"
        raise UsageError(f"{self.prog}: error: {message}{see}")


def parser_class(stdout: IO[str], stderr: IO[str]) -> type[Parser]:
    """A ``Parser`` subclass bound to these streams (sub-parsers inherit the class)."""
    return type("BoundParser", (Parser,), {"stdout": stdout, "stderr": stderr})


# (flags, env vars, help, extra add_argument kwargs)
_GLOBAL: list[tuple[tuple[str, ...], tuple[str, ...], str, dict[str, Any]]] = [
    (("--os-cloud",), ("OS_CLOUD",), "Named cloud from clouds.yaml (needs openstacksdk).", {}),
    (
        ("--os-auth-type", "--os-auth-plugin"),
        ("OS_AUTH_TYPE",),
        "Authentication type: password (default), token, v3applicationcredential, "
        "admin_token (token + endpoint, no Keystone) or none.",
        {},
    ),
    (("--os-auth-url",), ("OS_AUTH_URL",), "Keystone URL.", {}),
    (("--os-username",), ("OS_USERNAME",), "User name.", {}),
    (("--os-user-id",), ("OS_USER_ID",), "User ID.", {}),
    (("--os-password",), ("OS_PASSWORD",), "Password.", {}),
    (
        ("--os-project-name", "--os-tenant-name"),
        ("OS_PROJECT_NAME", "OS_TENANT_NAME"),
        "Project name.",
        {},
    ),
    (("--os-project-id", "--os-tenant-id"), ("OS_PROJECT_ID", "OS_TENANT_ID"), "Project ID.", {}),
    (("--os-user-domain-name",), ("OS_USER_DOMAIN_NAME",), "User's domain name.", {}),
    (("--os-user-domain-id",), ("OS_USER_DOMAIN_ID",), "User's domain ID.", {}),
    (("--os-project-domain-name",), ("OS_PROJECT_DOMAIN_NAME",), "Project's domain name.", {}),
    (("--os-project-domain-id",), ("OS_PROJECT_DOMAIN_ID",), "Project's domain ID.", {}),
    (("--os-token",), ("OS_TOKEN",), "An existing token.", {}),
    (
        ("--os-application-credential-id",),
        ("OS_APPLICATION_CREDENTIAL_ID",),
        "Application credential ID.",
        {},
    ),
    (
        ("--os-application-credential-name",),
        ("OS_APPLICATION_CREDENTIAL_NAME",),
        "Application credential name (with a user).",
        {},
    ),
    (
        ("--os-application-credential-secret",),
        ("OS_APPLICATION_CREDENTIAL_SECRET",),
        "Application credential secret.",
        {},
    ),
    (("--os-cacert",), ("OS_CACERT",), "CA bundle to verify TLS servers with.", {}),
    (("--os-cert",), ("OS_CERT",), "Client certificate (PEM).", {}),
    (("--os-key",), ("OS_KEY",), "Client certificate key (PEM).", {}),
    (("--os-region-name",), ("OS_REGION_NAME", "NOVA_REGION_NAME"), "Region.", {}),
    (
        ("--os-interface", "--os-endpoint-type"),
        ("OS_INTERFACE", "OS_ENDPOINT_TYPE", "NOVA_ENDPOINT_TYPE"),
        "Catalog interface: public (default), internal or admin.",
        {},
    ),
    (
        ("--os-endpoint-override", "--bypass-url"),
        ("OS_ENDPOINT_OVERRIDE", "NOVACLIENT_ENDPOINT_OVERRIDE", "NOVACLIENT_BYPASS_URL"),
        "Use this compute endpoint instead of the service catalog's.",
        {},
    ),
    (
        ("--os-image-url",),
        ("OS_IMAGE_URL",),
        "Image API (Glance) endpoint for image names, when the catalog has none (e.g. with "
        "--os-endpoint-override).",
        {},
    ),
    (
        ("--os-network-url",),
        ("OS_NETWORK_URL",),
        "Network API (Neutron) endpoint for network names, when the catalog has none.",
        {},
    ),
    (
        ("--os-compute-api-version",),
        ("OS_COMPUTE_API_VERSION",),
        "Compute API microversion: X.Y, 2.latest or auto (default: the newest both sides support).",
        {"metavar": "<compute-api-ver>"},
    ),
    (
        ("--service-type",),
        ("OS_COMPUTE_SERVICE_TYPE",),
        "Catalog service type (default compute).",
        {},
    ),
    (("--service-name",), ("NOVA_SERVICE_NAME",), "Catalog service name.", {}),
]

#: Every environment variable a global option reads (for completion and docs).
ENV_VARS = tuple(v for _, names, _, _ in _GLOBAL for v in names)


def add_global_options(parser: argparse.ArgumentParser, env: Mapping[str, str]) -> None:
    """Add the global options; defaults come from ``env``."""
    parser.add_argument("-h", "--help", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--version", action="store_true", help="Show the version and exit.")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="Log HTTP requests and responses (secrets masked) to stderr and show tracebacks.",
    )
    parser.add_argument(
        "--timings",
        action="store_true",
        help="Print a table of HTTP request timings to stderr at the end.",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        default=_is_true(env.get("NOVACLIENT_DRY_RUN")),
        help="Print every request that would change something (POST, PUT, "
        "PATCH, DELETE; secrets masked) instead of sending it; lookups "
        "still run. [env: NOVACLIENT_DRY_RUN]",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default="table",
        dest="format",
        help="Output format (default table).",
    )
    parser.add_argument(
        "-c",
        "--column",
        action="append",
        dest="columns",
        metavar="<column>",
        help="Show only this column (repeatable; case-insensitive).",
    )
    for flags, names, text, options in _GLOBAL:
        extra = dict(options)
        default = next((env[n] for n in names if env.get(n)), None)
        dest = flags[0][2:].replace("-", "_")
        metavar = extra.pop("metavar", None) or f"<{flags[0][2:].replace('os-', '', 1)}>"
        shown = [f for f in flags if f not in ("--bypass-url", "--os-auth-plugin")]
        hidden = [f for f in flags if f not in shown]
        envs = ", ".join(names)
        parser.add_argument(
            *shown,
            dest=dest,
            default=default,
            metavar=metavar,
            help=f"{text} [env: {envs}]",
            **extra,
        )
        if hidden:
            parser.add_argument(*hidden, dest=dest, help=argparse.SUPPRESS)
    parser.add_argument(
        "--os-cache",
        action="store_true",
        default=env_flag(env.get("OS_CACHE")),
        help="Cache the token, compute endpoint and version range in "
        "~/.cache/novaclient-lite (private to you; never the password) "
        "so that later commands skip the login. [env: OS_CACHE]",
    )
    parser.add_argument(
        "--insecure",
        action="store_true",
        default=env_flag(env.get("OS_INSECURE")),
        help="Do not verify TLS certificates (dangerous). [env: OS_INSECURE]",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="<seconds>",
        default=_float(env.get("OS_TIMEOUT"), DEFAULT_TIMEOUT),
        help=f"Seconds to wait for each HTTP response (default "
        f"{DEFAULT_TIMEOUT:g}). [env: OS_TIMEOUT]",
    )


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """``-f``/``-c`` after the subcommand too (openstack style); a command's own flags win."""
    group = parser.add_argument_group("Output options")
    for flags, kwargs in (
        (
            ("-f", "--format"),
            {"choices": FORMATS, "dest": "format", "help": "Output format (default table)."},
        ),
        (
            ("-c", "--column"),
            {
                "action": "append",
                "dest": "columns",
                "metavar": "<column>",
                "help": "Show only this column (repeatable).",
            },
        ),
    ):
        free = [f for f in flags if f not in parser._option_string_actions]
        if free:
            group.add_argument(*free, default=argparse.SUPPRESS, **kwargs)


def _is_true(value: str | None) -> bool:
    """``validators.is_true``, imported only for a set variable (``nova help`` stays lean)."""
    if not value:
        return False
    from novaclient_lite import validators

    return validators.is_true(value)


def _float(text: str | None, default: float) -> float:
    try:
        return float(text) if text else default
    except ValueError:
        return default
