"""The one validator module: each rule, its boundary, and the one message format."""

from __future__ import annotations

from typing import Any

import pytest

from novaclient_lite import exceptions, validators


def message(call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(exceptions.ValidationError) as info:
        call(*args, **kwargs)
    return str(info.value)


def test_name_bounds_and_message() -> None:
    assert validators.name("x" * 255, "Server name") == "x" * 255
    assert message(validators.name, "", "Server name") == (
        "Server name must be 1 to 255 characters; got ''."
    )
    assert message(validators.name, "   ", "Server name").startswith("Server name must be 1 to")
    assert message(validators.name, "x" * 256, "Key pair name").startswith(
        "Key pair name must be 1 to 255 characters; got 'xxx"
    )
    assert message(validators.name, 5, "Flavor name").endswith("; got 5.")
    assert validators.name("ab", "tag", max_length=2) == "ab"


def test_long_values_are_shortened_in_the_message() -> None:
    text = message(validators.name, "y" * 300, "name")
    assert len(text) < 100 and text.endswith("...."), text


def test_text_gives_the_length_not_the_text() -> None:
    assert validators.text("", "description") == ""
    assert validators.text("d" * 255, "description") == "d" * 255
    assert message(validators.text, "d" * 256, "description") == (
        "description must be at most 255 characters; got 256 characters."
    )
    assert message(validators.text, None, "description") == (
        "description must be a string of at most 255 characters; got None."
    )


@pytest.mark.parametrize("value", [True, False, 1.0, "1", None])
def test_integers_refuse_bools_floats_and_text(value: Any) -> None:
    assert "must be a positive integer" in message(validators.positive_int, value, "limit")


def test_integer_ranges() -> None:
    assert validators.positive_int(1, "limit") == 1
    assert validators.non_negative_int(0, "rotation") == 0
    assert message(validators.positive_int, 0, "limit") == (
        "limit must be a positive integer; got 0."
    )
    assert message(validators.non_negative_int, -1, "rotation") == (
        "rotation must be a non-negative integer; got -1."
    )
    assert validators.integer(-1, "cores", minimum=-1) == -1
    assert message(validators.integer, -2, "cores", minimum=-1) == (
        "cores must be an integer of at least -1; got -2."
    )
    assert message(validators.integer, 11, "n", minimum=1, maximum=10) == (
        "n must be an integer from 1 to 10; got 11."
    )
    assert message(validators.integer, 11, "n", maximum=10) == (
        "n must be an integer of at most 10; got 11."
    )


def test_integers_from_command_line_text() -> None:
    assert validators.positive_int("5", "vcpus", from_text=True) == 5
    assert validators.integer(" -1 ", "ram", minimum=-1, from_text=True) == -1
    assert validators.integer("+3", "ram", from_text=True) == 3
    for bad in ("5.0", "five", "", "-", "1e3"):
        assert "vcpus must be a positive integer" in message(
            validators.positive_int, bad, "vcpus", from_text=True
        )


@pytest.mark.parametrize(
    "word,expected",
    [
        ("true", True),
        ("YES", True),
        (" on ", True),
        ("1", True),
        ("t", True),
        ("y", True),
        ("false", False),
        ("No", False),
        ("off", False),
        ("0", False),
        ("f", False),
        ("n", False),
    ],
)
def test_boolean_words(word: str, expected: bool) -> None:
    assert validators.boolean(word, "--config-drive") is expected


def test_boolean_refuses_other_words_and_accepts_bools() -> None:
    assert validators.boolean(True, "x") is True and validators.boolean(False, "x") is False
    assert message(validators.boolean, "maybe", "--config-drive") == (
        "--config-drive must be a boolean (true/false, yes/no, 1/0, on/off); got 'maybe'."
    )
    assert "got 1" in message(validators.boolean, 1, "x")


def test_is_true_is_lenient() -> None:
    assert validators.is_true("Yes") and validators.is_true("1")
    assert (
        not validators.is_true(None)
        and not validators.is_true("")
        and not validators.is_true("maybe")
        and not validators.is_true("0")
    )


def test_key_values() -> None:
    assert validators.key_values(["a=1", "b=x=y", "c="], "--meta") == {
        "a": "1",
        "b": "x=y",
        "c": "",
    }
    assert validators.key_values(["a", "b=2"], "--property", need_value=False) == {
        "a": None,
        "b": "2",
    }
    assert message(validators.key_values, ["a"], "--meta") == (
        "--meta must be of the form key=value; got 'a'."
    )
    assert message(validators.key_values, ["=v"], "--meta", need_value=False) == (
        "--meta must be of the form key=value or key; got '=v'."
    )


def test_validation_error_is_a_command_error() -> None:
    # Scripts and the shell catch CommandError; a refused input must be one.
    with pytest.raises(exceptions.CommandError):
        validators.name("", "name")
