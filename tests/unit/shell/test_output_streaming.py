"""Tables from lazy rows: the same bytes as a whole render, written as rows arrive,
and keeping only the cells."""

from __future__ import annotations

import gc
import io
import json
import random
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from novaclient_lite.shell import output

ROWS = [
    {"id": "b", "name": "web", "meta": {"k": ["v", 1]}, "note": None, "on": True},
    {"id": "a", "name": 'dé"jà', "meta": {}, "note": "two\nlines", "on": False},
    {"id": "c", "name": "", "meta": [], "note": 1.5, "on": None},
]
COLUMNS = ["ID", "Name", "Meta", "Note", "On"]


def test_machine_formats_of_lazy_rows_are_the_whole_dumps() -> None:
    whole = [
        dict(zip(COLUMNS, (r["id"], r["name"], r["meta"], r["note"], r["on"]), strict=True))
        for r in ROWS
    ]
    table = output.Table(iter(ROWS), COLUMNS)
    assert output.render(table, "json") == json.dumps(whole, indent=2, ensure_ascii=False) + "\n"
    assert output.render(output.Table(iter(ROWS), COLUMNS), "yaml") == output.to_yaml(whole)
    assert output.render(output.Table(iter([]), COLUMNS), "json") == "[]\n"
    assert output.render(output.Table(iter([]), COLUMNS), "yaml") == "[]\n"
    assert output.render(output.Table(iter([]), COLUMNS), "value") == ""


def test_sort_key_orders_rows_stably_in_every_format() -> None:
    rows = [{"id": "1", "name": "b"}, {"id": "2", "name": "a"}, {"id": "3", "name": "b"}]
    table = output.Table(iter(rows), ["ID"], sort_key=lambda row: row["name"])
    assert output.render(table, "value") == "2\n1\n3\n"
    table = output.Table(iter(rows), ["ID"], sort_key=lambda row: row["name"])
    assert [line.split()[1] for line in output.render(table).splitlines()[3:-1]] == ["2", "1", "3"]


@pytest.mark.parametrize("fmt", ["json", "yaml", "value"])
def test_unsorted_machine_formats_are_written_as_rows_arrive(fmt: str) -> None:
    stdout = io.StringIO()
    written_before: list[str] = []

    def rows() -> Iterator[dict[str, Any]]:
        for row in ROWS:
            written_before.append(stdout.getvalue())
            yield row

    output.emit(output.Table(rows(), COLUMNS), stdout, io.StringIO(), fmt)
    assert written_before[0] == ""
    assert "web" in written_before[1]  # the first row was out before the second was read
    assert "web" in written_before[2] and '"ja' not in written_before[1]


class Row:
    """A row object that can be watched for being freed."""

    def __init__(self, i: int) -> None:
        self.id, self.name = f"id-{i}", f"name-{i % 3}"
        self.blob = "x" * 1000


@pytest.mark.parametrize("fmt", ["table", "json", "yaml", "value"])
@pytest.mark.parametrize("sort", [False, True])
def test_rendering_keeps_only_the_cells_never_the_rows(fmt: str, sort: bool) -> None:
    refs: list[weakref.ref[Row]] = []
    alive_when_read: list[int] = []

    def rows() -> Iterator[Row]:
        for i in range(6):
            gc.collect()
            alive_when_read.append(sum(r() is not None for r in refs))
            row = Row(i)
            refs.append(weakref.ref(row))
            yield row
            del row

    sort_key = (lambda row: row.name) if sort else None
    output.emit(
        output.Table(rows(), ["ID", "Name"], sort_key=sort_key), io.StringIO(), io.StringIO(), fmt
    )
    assert alive_when_read == [0] * 6


#: What a null and an absent field look like (the same: empty), per format.
SHOWN_EMPTY = {
    "table": (
        "+----+------+------+\n"
        "| ID | Note | Name |\n"
        "+----+------+------+\n"
        "| 1  | -    | a    |\n"
        "| 2  | -    | -    |\n"
        "| 3  | -    | -    |\n"
        "+----+------+------+\n"
    ),
    "json": json.dumps(
        [{"ID": "1", "Note": None, "Name": "a"}]
        + [{"ID": i, "Note": None, "Name": None} for i in ("2", "3")],
        indent=2,
    )
    + "\n",
    "value": "1 None a\n2 None None\n3 None None\n",
}


@pytest.mark.parametrize("fmt", ["table", "json", "value"])
def test_lazy_rows_missing_a_field_get_one_warning(fmt: str) -> None:
    rows = iter([{"id": "1", "name": "a", "note": None}, {"id": "2"}, {"id": "3"}])
    stdout, stderr = io.StringIO(), io.StringIO()
    output.emit(output.Table(rows, ["ID", "Note", "Name"]), stdout, stderr, fmt)
    assert stderr.getvalue() == (
        "nova: WARNING: the response lacks these fields (shown empty): Note, Name.\n"
    )
    assert stdout.getvalue() == SHOWN_EMPTY[fmt]


def test_json_rows_are_json_dumps_bytes_for_every_kind_of_value() -> None:
    import datetime
    import enum

    class Color(enum.IntEnum):
        RED = 1

    values: list[Any] = [
        None,
        True,
        False,
        0,
        -7,
        2**70,
        1.5,
        1e300,
        float("nan"),
        float("inf"),
        "",
        'é"\\\n\t\u2028',
        Color.RED,
        datetime.datetime(2026, 1, 2, 3, 4, 5),
        {},
        [],
        (),
        {"a": [1, {}]},
        [[], {"k": None}],
        ("t", 1),
        {"n": {"m": "ü"}},
        {1: "int key"},
    ]
    rnd = random.Random(7)
    for _ in range(200):
        headers = [f"H{i} ü" for i in range(rnd.randint(0, 4))]
        rows = [
            {output.column_key(h): rnd.choice(values) for h in headers}
            for _ in range(rnd.randint(0, 3))
        ]
        expected = (
            json.dumps(
                [
                    dict(zip(headers, (r[output.column_key(h)] for h in headers), strict=True))
                    for r in rows
                ],
                indent=2,
                ensure_ascii=False,
                default=str,
            )
            + "\n"
        )
        assert output.render(output.Table(iter(rows), headers), "json") == expected
