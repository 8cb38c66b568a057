"""Declaring commands: ``@arg`` and ``@command`` on ``do_*`` functions.

A command is a module-level ``def do_flavor_list(cs, args)``: the name becomes
``flavor-list``, the docstring the help text, and the stacked ``@arg``
decorators its arguments (the top decorator is the first argument shown).
Version bounds are data: ``@arg(..., start_version="2.55")`` or
``@command(start_version="2.55")``; the framework checks them against the
negotiated microversion before the command runs.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, TypeVar

from novaclient_lite import api_versions, exceptions
from novaclient_lite.api_versions import APIVersion

F = TypeVar("F", bound=Callable[..., Any])

VERSION_NOTE = " (Supported by API versions '{start}' - '{end}')"
_ARGS_ATTR = "nova_arguments"
_COMMAND_ATTR = "nova_command"


class ArgumentError(Exception):
    """Arguments that parse but do not fit together (``--backup-type`` without
    ``--rotation``): the shell reports it in its parser's usage-error format, exit 2."""


@dataclass(frozen=True)
class ArgSpec:
    """One ``add_argument`` call with optional microversion bounds."""

    flags: tuple[str, ...]
    kwargs: dict[str, Any]
    start_version: str | None = None
    end_version: str | None = None

    @property
    def versioned(self) -> bool:
        return bool(self.start_version or self.end_version)


@dataclass(frozen=True)
class CommandOptions:
    """What ``@command`` records."""

    start_version: str | None = None
    end_version: str | None = None
    needs_client: bool = True


def arg(
    *flags: str,
    start_version: str | None = None,
    end_version: str | None = None,
    **kwargs: Any,
) -> Callable[[F], F]:
    """Add an argparse argument to a ``do_*`` command (decorators stack top-down)."""

    def decorate(func: F) -> F:
        specs: list[ArgSpec] = func.__dict__.setdefault(_ARGS_ATTR, [])
        specs.insert(0, ArgSpec(tuple(flags), dict(kwargs), start_version, end_version))
        return func

    return decorate


def command(
    start_version: str | None = None,
    end_version: str | None = None,
    needs_client: bool = True,
) -> Callable[[F], F]:
    """Give a command microversion bounds, or mark it as needing no client."""

    def decorate(func: F) -> F:
        func.__dict__[_COMMAND_ATTR] = CommandOptions(start_version, end_version, needs_client)
        return func

    return decorate


@dataclass
class VersionedArg:
    """A parsed argument with bounds: checked only when the user set it."""

    dest: str
    label: str
    default: Any
    start_version: str | None
    end_version: str | None


@dataclass
class Command:
    """A discovered ``do_*`` function."""

    name: str
    func: Callable[..., Any]
    arguments: list[ArgSpec]
    options: CommandOptions
    versioned_args: list[VersionedArg] = field(default_factory=list)

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]

    @property
    def needs_client(self) -> bool:
        return self.options.needs_client


def version_note(start: str | None, end: str | None) -> str:
    """`` (Supported by API versions '2.55' - '2.latest')``."""
    return VERSION_NOTE.format(start=start or "2.1", end=end or "2.latest")


def discover(modules: Iterable[ModuleType]) -> dict[str, Command]:
    """The ``do_*`` commands defined in ``modules``, by command name.

    Raises:
        ValueError: when two functions map to the same command name.
    """
    found: dict[str, Command] = {}
    for module in modules:
        for attr, func in vars(module).items():
            if not attr.startswith("do_") or not callable(func):
                continue
            if getattr(func, "__module__", None) != module.__name__:
                continue  # imported, not defined here
            name = attr[3:].replace("_", "-")
            if name in found:
                raise ValueError(f"duplicate command {name!r} in {module.__name__}")
            found[name] = Command(
                name=name,
                func=func,
                arguments=list(getattr(func, _ARGS_ATTR, [])),
                options=getattr(func, _COMMAND_ATTR, CommandOptions()),
            )
    return found


def import_modules(package: str, names: Iterable[str]) -> list[ModuleType]:
    """Import ``package.<name>`` for each name, in order."""
    return [importlib.import_module(f"{package}.{name}") for name in names]


def add_arguments(parser: argparse.ArgumentParser, cmd: Command) -> None:
    """Add ``cmd``'s arguments to its parser (help notes version bounds); records
    the versioned ones for :func:`check_versions`."""
    if cmd.options.start_version or cmd.options.end_version:
        parser.description = (parser.description or "") + version_note(
            cmd.options.start_version, cmd.options.end_version
        )
    cmd.versioned_args = []
    for spec in cmd.arguments:
        kwargs = dict(spec.kwargs)
        if spec.versioned and kwargs.get("help") != argparse.SUPPRESS:
            kwargs["help"] = kwargs.get("help", "") + version_note(
                spec.start_version, spec.end_version
            )
        action = parser.add_argument(*spec.flags, **kwargs)
        if spec.versioned:
            label = max(action.option_strings, key=len) if action.option_strings else action.dest
            cmd.versioned_args.append(
                VersionedArg(
                    action.dest, label, action.default, spec.start_version, spec.end_version
                )
            )
    parser.set_defaults(nova_command=cmd)


def _allows(version: Any, start: str | None, end: str | None) -> bool:
    if start and version < APIVersion.parse(start):
        return False
    return not (end and version > APIVersion.parse(end))


def check_versions(cmd: Command, args: argparse.Namespace, version: Any) -> None:
    """Refuse a command or a set option that ``version`` (an APIVersion) lacks.

    Raises:
        UnsupportedVersion: for the command itself.
        UnsupportedAttribute: for an option the user set.
    """
    start, end = cmd.options.start_version, cmd.options.end_version
    if (start or end) and not _allows(version, start, end):
        needs = f"{start or '2.1'} - {end or '2.latest'}"
        raise exceptions.UnsupportedVersion(
            f"Command '{cmd.name}' needs compute API version {needs}; this session uses "
            f"{version} (see --os-compute-api-version)."
        )
    for varg in cmd.versioned_args:
        value = getattr(args, varg.dest, varg.default)
        if value == varg.default or value in (None, [], False):
            continue
        api_versions.require(
            varg.label,
            version,
            since=_parsed(varg.start_version),
            until=_parsed(varg.end_version),
            hint="(see --os-compute-api-version)",
        )


def _parsed(text: str | None) -> APIVersion | None:
    return None if text is None else APIVersion.parse(text)
