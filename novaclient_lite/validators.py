"""Input rules, each written once: names, integers, text, key=value pairs, booleans.

The library calls these before it sends anything, and the shell calls the same
functions for its options, so a rule has one wording everywhere.  Every
failure is :class:`~novaclient_lite.exceptions.ValidationError` with one line of
the form ``<label> must be <rule>; got <value>.`` (the value shortened, and left
out for text that may be secret).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from novaclient_lite import exceptions

#: Nova's limit for names, descriptions and most free-text fields.
MAX_LENGTH: Final = 255
#: Words read as true or false (any case), for options and environment variables.
TRUE_WORDS: Final = frozenset({"1", "t", "true", "y", "yes", "on"})
FALSE_WORDS: Final = frozenset({"0", "f", "false", "n", "no", "off"})
#: Nova's limits for server tags (``nova.objects.tag.MAX_TAG_LENGTH``, ``instance.MAX_TAG_COUNT``).
MAX_TAG_LENGTH: Final = 60
MAX_TAGS: Final = 50
_SHOWN = 40  # characters of a refused value echoed in the message


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def fail(
    label: str, rule: str, value: Any = None, *, echo: bool = True, got: str | None = None
) -> exceptions.ValidationError:
    """The one message format: ``<label> must be <rule>; got <value>.``

    ``got`` replaces the echoed value (e.g. a length); ``echo=False`` leaves it
    out.  Returns the error for the caller to raise (so type checkers see it).
    """
    if got is None and echo:
        got = _shown(value)
    return exceptions.ValidationError(f"{label} must be {rule}" + (f"; got {got}." if got else "."))


def name(value: Any, label: str, *, max_length: int = MAX_LENGTH) -> str:
    """A non-blank string of 1 to ``max_length`` characters.

    Raises:
        ValidationError: not a string, blank, or too long.
    """
    if not isinstance(value, str) or not value.strip() or len(value) > max_length:
        raise fail(label, f"1 to {max_length} characters", value)
    return value


def text(value: Any, label: str, *, max_length: int = MAX_LENGTH) -> str:
    """A string of at most ``max_length`` characters (may be empty).

    Raises:
        ValidationError: not a string, or too long (the length is given, not the text).
    """
    if not isinstance(value, str):
        raise fail(label, f"a string of at most {max_length} characters", value)
    if len(value) > max_length:
        raise fail(label, f"at most {max_length} characters", got=f"{len(value)} characters")
    return value


def tag(value: Any, label: str = "tag") -> str:
    """A server tag as Nova accepts it: 1 to 60 characters, no ``/`` and no ``,``.

    The rule is worded as Nova words it ("a non empty string without
    characters '/' and ','"), so a refusal here reads as Nova's would.

    Raises:
        ValidationError: not a string, empty, too long, or with ``/`` or ``,``.
    """
    if (
        not isinstance(value, str)
        or not 1 <= len(value) <= MAX_TAG_LENGTH
        or "/" in value
        or "," in value
    ):
        raise fail(
            label,
            f"a non empty string of at most {MAX_TAG_LENGTH} characters "
            "without characters '/' and ','",
            value,
        )
    return value


def tags(values: Any, label: str = "tags") -> list[str]:
    """A list of at most 50 server tags, each checked by :func:`tag`.

    Raises:
        ValidationError: not a list (a string is refused: it is not a list of
            tags), more than 50 tags, or one bad tag.
    """
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise fail(label, "a list of tags", values)
    checked = list(values)
    if len(checked) > MAX_TAGS:
        raise fail(label, f"at most {MAX_TAGS} tags", got=f"{len(checked)} tags")
    return [tag(value) for value in checked]


def integer(
    value: Any,
    label: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    from_text: bool = False,
) -> int:
    """An ``int`` within ``[minimum, maximum]``; ``True``/``False`` are refused.

    With ``from_text``, a string of decimal digits (``"5"``, ``"-1"``) is accepted
    too, as the command line passes numbers.

    Raises:
        ValidationError: not an integer, a bool, or out of range.
    """
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif from_text and isinstance(value, str):
        stripped = value.strip()
        digits = stripped[1:] if stripped[:1] in "+-" else stripped
        if digits.isdigit():
            number = int(stripped)
    if (
        number is None
        or (minimum is not None and number < minimum)
        or (maximum is not None and number > maximum)
    ):
        raise fail(label, _range_rule(minimum, maximum), value)
    return number


def _range_rule(minimum: int | None, maximum: int | None) -> str:
    if minimum == 1 and maximum is None:
        return "a positive integer"
    if minimum == 0 and maximum is None:
        return "a non-negative integer"
    if minimum is not None and maximum is not None:
        return f"an integer from {minimum} to {maximum}"
    if minimum is not None:
        return f"an integer of at least {minimum}"
    if maximum is not None:
        return f"an integer of at most {maximum}"
    return "an integer"


def positive_int(value: Any, label: str, *, from_text: bool = False) -> int:
    """``integer(value, label, minimum=1)``. Raises ValidationError."""
    return integer(value, label, minimum=1, from_text=from_text)


def non_negative_int(value: Any, label: str, *, from_text: bool = False) -> int:
    """``integer(value, label, minimum=0)``. Raises ValidationError."""
    return integer(value, label, minimum=0, from_text=from_text)


def boolean(value: Any, label: str) -> bool:
    """A bool, or one of :data:`TRUE_WORDS`/:data:`FALSE_WORDS` (any case).

    Raises:
        ValidationError: anything else.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise fail(label, "a boolean (true/false, yes/no, 1/0, on/off)", value)


def is_true(value: str | None) -> bool:
    """A switch read leniently (environment variables): only a true word is on."""
    return (value or "").strip().lower() in TRUE_WORDS


def key_values(
    items: Iterable[str], label: str, *, need_value: bool = True
) -> dict[str, str | None]:
    """``["k=v", "k2", ...]`` as a dict; the value may contain ``=``.

    With ``need_value=False`` a bare ``key`` maps to None (an "unset" request).

    Raises:
        ValidationError: an empty key, or a bare key where a value is needed.
    """
    pairs: dict[str, str | None] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not key or (need_value and not sep):
            raise fail(
                label,
                "of the form key=value" if need_value else "of the form key=value or key",
                item,
            )
        pairs[key] = value if sep else None
    return pairs
