"""The shell's one parsing module: option values on the rules of :mod:`novaclient_lite.validators`.

The rules (what a boolean, a positive integer or a ``key=value`` pair is, and
the wording of the error) live in the validators; this module only adapts
them to the command line: argparse ``type=`` functions (a bad value is a usage
error, exit 2) and helpers that return the shapes commands pass on.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from novaclient_lite import exceptions, validators

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
