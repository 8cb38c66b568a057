"""Parsing helpers shared by command modules: booleans, key=value pairs, files."""

from __future__ import annotations

from collections.abc import Iterable

from novaclient_lite import exceptions


def parse_bool(text: str) -> bool:
    """``true/false``, ``yes/no``, ``1/0``, ``on/off`` (case-insensitive).

    Raises:
        ValueError: for anything else (argparse turns it into a usage error).
    """
    lowered = text.strip().lower()
    if lowered in ("1", "t", "true", "y", "yes", "on"):
        return True
    if lowered in ("0", "f", "false", "n", "no", "off"):
        return False
    raise ValueError(f"not a boolean: {text!r}")


parse_bool.__name__ = "boolean"  # argparse names the type in its error message


def key_values(items: Iterable[str], *, need_value: bool = True) -> dict[str, str | None]:
    """Parse ``key=value`` arguments (the value may contain ``=``).

    Raises:
        CommandError: an item without ``=`` when a value is needed, or an empty key.
    """
    from novaclient_lite import exceptions

    result: dict[str, str | None] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not key or (need_value and not sep):
            raise exceptions.CommandError(f"Expected key=value, got '{item}'.")
        result[key] = value if sep else None
    return result


def parse_pairs(values: Iterable[str], option: str, *, need_value: bool = True) -> dict[str, str]:
    """``["k=v", ...]`` as a dict; a malformed item is a ValidationError naming it."""
    pairs: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not key or (need_value and not sep):
            raise exceptions.ValidationError(
                f"Invalid {option} '{item}': expected the form key=value."
            )
        pairs[key] = value
    return pairs


def read_file(path: str) -> bytes:
    """The bytes of a user-data file; a CommandError when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise exceptions.CommandError(f"Can't open '{path}': {exc}") from None
