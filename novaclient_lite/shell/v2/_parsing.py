"""The shell's one parsing module: option values on the rules of :mod:`novaclient_lite.validators`.

The rules (what a boolean, a positive integer or a ``key=value`` pair is, and
the wording of the error) live in the validators; this module only adapts
them to the command line: argparse ``type=`` functions (a bad value is a usage
error, exit 2) and helpers that return the shapes commands pass on.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
from collections.abc import Callable, Iterable
from typing import IO, Any, TypeVar

from novaclient_lite import exceptions, validators
from novaclient_lite.shell.registry import ArgumentError

T = TypeVar("T")

_VALUE = "the value"  # argparse prefixes the option: "argument --rotation: the value must be ..."


def _checked(rule: Callable[..., T], text: str, **kwargs: Any) -> T:
    """``rule(text, "the value", **kwargs)`` with its ValidationError as a usage error."""
    try:
        return rule(text, _VALUE, **kwargs)
    except exceptions.ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def boolean(text: str) -> bool:
    """argparse ``type=``: ``true/false``, ``yes/no``, ``1/0``, ``on/off`` (any case).

    Raises:
        argparse.ArgumentTypeError: anything else (a usage error, exit 2).
    """
    return _checked(validators.boolean, text)


def positive_int(text: str) -> int:
    """argparse ``type=``: an integer of at least 1.

    Raises:
        argparse.ArgumentTypeError: anything else (a usage error, exit 2).
    """
    return _checked(validators.positive_int, text, from_text=True)


def non_negative_int(text: str) -> int:
    """argparse ``type=``: an integer of at least 0.

    Raises:
        argparse.ArgumentTypeError: anything else (a usage error, exit 2).
    """
    return _checked(validators.non_negative_int, text, from_text=True)


def date(text: str) -> datetime.datetime:
    """argparse ``type=``: a day as ``YYYY-MM-DD`` (python-novaclient's usage dates).

    Raises:
        argparse.ArgumentTypeError: anything else (a usage error, exit 2).
    """
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise argparse.ArgumentTypeError(
            validators.fail(_VALUE, "a date like 2012-01-20", text).message
        ) from None


def parse_pairs(values: Iterable[str], option: str, *, need_value: bool = True) -> dict[str, str]:
    """``["k=v", ...]`` as a dict (a bare ``key`` maps to ``""`` when no value is needed).

    Raises:
        ValidationError: an empty key, or a bare key where a value is needed
            (the message names ``option``; nothing is sent).
    """
    pairs = validators.key_values(values, option, need_value=need_value)
    return {key: value or "" for key, value in pairs.items()}


def read_file(path: str) -> bytes:
    """The bytes of a user-data file; a CommandError when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise exceptions.CommandError(f"Can't open '{path}': {exc}") from None


#: What an HTTP header name may contain (RFC 9110 ``token``).
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def header(text: str) -> tuple[str, str]:
    """argparse ``type=``: ``'Name: value'`` as ``(name, value)`` (both stripped).

    Raises:
        argparse.ArgumentTypeError: no colon, a name that is not an HTTP token,
            or a line break in the value (a usage error, exit 2).
    """
    name, colon, value = text.partition(":")
    name, value = name.strip(), value.strip()
    if not colon or not _HEADER_NAME.match(name) or "\r" in value or "\n" in value:
        raise argparse.ArgumentTypeError(
            f"a header must be 'Name: value' (a name of letters, digits and '-'); got {text!r}"
        )
    return name, value


class FromStdin:
    """What :func:`json_data` returns for ``@-``: standard input is read by the command
    (argparse has no access to the injected environment's stdin)."""


def json_data(text: str) -> Any:
    """argparse ``type=``: JSON given as text or as ``@file``, parsed at once (so a bad
    value is refused before the login); ``@-`` gives a :class:`FromStdin`.

    Raises:
        argparse.ArgumentTypeError: unreadable file or invalid JSON (a usage error, exit 2).
    """
    if text == "@-":
        return FromStdin()
    source = ""
    if text.startswith("@"):
        source = f" in '{text[1:]}'"
        try:
            with open(text[1:], encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise argparse.ArgumentTypeError(f"can't read '{text[1:]}': {exc}") from None
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
        raise argparse.ArgumentTypeError(f"not valid JSON{source}: {exc}") from None


def stdin_json(stdin: IO[str], option: str) -> Any:
    """The JSON document on standard input (``--data @-``).

    Raises:
        ArgumentError: invalid JSON (one line naming ``option``).
    """
    try:
        return json.loads(stdin.read())
    except (ValueError, RecursionError) as exc:
        raise ArgumentError(f"{option}: not valid JSON on standard input: {exc}") from None


def url_path(text: str) -> str:
    """argparse ``type=``: a path below the endpoint, such as ``/servers?limit=1``.

    Raises:
        argparse.ArgumentTypeError: not starting with one ``/`` (a URL, a scheme or a
            host is refused: the endpoint comes from the catalog), or containing
            whitespace (a usage error, exit 2).
    """
    if not text.startswith("/") or text.startswith("//") or any(c.isspace() for c in text):
        raise argparse.ArgumentTypeError(
            f"the path must start with '/' and hold no scheme, host or spaces (e.g. "
            f"/servers/detail); the endpoint comes from the catalog; got {text!r}"
        )
    return text


def iso_time(option: str, value: str | None) -> str | None:
    """Check an ISO 8601 time as Nova will read it (oslo.utils, imported only here)."""
    if value is not None:
        from oslo_utils import timeutils

        try:
            timeutils.parse_isotime(value)
        except ValueError:
            raise exceptions.CommandError(f"Invalid {option} value: {value}") from None
    return value
