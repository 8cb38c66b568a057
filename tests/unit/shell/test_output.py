"""Rendering of command outputs (no HTTP)."""

from __future__ import annotations

import io
import json

import pytest

from novaclient_lite.base import Resource
from novaclient_lite.shell import output


class Thing(Resource):
    @property
    def size(self) -> int:
        return 42


ROWS = [
    {"id": "a", "name": "one", "memory_mib": 512, "extra": None},
    {"id": "b", "name": "two", "memory_mib": 1024, "extra": {"k": "v"}},
]
TABLE = output.Table(ROWS, ["ID", "Name", "Memory_MiB", "Extra"])


def test_table_is_left_aligned_with_dash_for_none():
    text = output.render(TABLE)
    assert text.splitlines() == [
        "+----+------+------------+------------+",
        "| ID | Name | Memory_MiB | Extra      |",
        "+----+------+------------+------------+",
        "| a  | one  | 512        | -          |",
        '| b  | two  | 1024       | {"k": "v"} |',
        "+----+------+------------+------------+",
    ]


def test_table_reads_resources_and_formatters():
    rows = [Thing(None, {"id": "x", "Display Name": "ignored", "display_name": "Thing X"})]
    table = output.Table(
        rows,
        ["ID", "Display Name", "Size", "Missing", "Upper"],
        {"Upper": lambda r: r.display_name.upper()},
    )
    data = json.loads(output.render(table, "json"))
    assert data == [
        {"ID": "x", "Display Name": "Thing X", "Size": 42, "Missing": None, "Upper": "THING X"}
    ]


def test_table_json_keeps_column_order():
    data = json.loads(output.render(TABLE, "json"))
    assert list(data[0]) == ["ID", "Name", "Memory_MiB", "Extra"]
    assert data[1]["Extra"] == {"k": "v"}


def test_table_value():
    assert output.render(TABLE, "value") == 'a one 512 None\nb two 1024 {"k": "v"}\n'


def test_columns_case_insensitive_in_given_order():
    assert output.render(TABLE, "value", ["memory_mib", "id"]) == "512 a\n1024 b\n"
    with pytest.raises(output.ColumnError, match="Unknown column 'nope'"):
        output.render(TABLE, "value", ["nope"])


def test_empty_table_has_header():
    assert "| ID |" in output.render(output.Table([], ["ID"]))
    assert output.render(output.Table([], ["ID"]), "json") == "[]\n"


def test_record_table_sorted_with_multiline_values():
    record = output.Record({"name": "x", "fault": "line1\nline2", "meta": {"a": 1}, "n": None})
    lines = output.render(record).splitlines()
    assert [c.strip() for c in lines[1].split("|")[1:3]] == ["Property", "Value"]
    body = [[c.strip() for c in line.split("|")[1:3]] for line in lines[3:-1]]
    assert body == [
        ["fault", "line1"],
        ["", "line2"],
        ["meta", '{"a": 1}'],
        ["n", "-"],
        ["name", "x"],
    ]


def test_record_machine_formats():
    record = output.Record({"b": 2, "a": "x"})
    assert json.loads(output.render(record, "json")) == {"a": "x", "b": 2}
    assert output.render(record, "value") == "x\n2\n"
    assert output.render(record, "value", ["B"]) == "2\n"


def test_text_is_verbatim_in_every_format():
    for fmt in output.FORMATS:
        assert (
            output.render(output.Text("-----BEGIN KEY-----\nabc"), fmt)
            == "-----BEGIN KEY-----\nabc\n"
        )


def test_message_goes_to_stderr_in_machine_formats():
    out, err = io.StringIO(), io.StringIO()
    output.emit(output.Message("hello"), out, err, "json")
    assert (out.getvalue(), err.getvalue()) == ("", "hello\n")
    output.emit(output.Message("hello"), out, err, "table")
    assert out.getvalue() == "hello\n"


def test_results_split_streams_and_count_failures():
    results = output.Results(
        ["ok a", "ERROR (NotFound): gone for b"], failures=1, targets=["a", "b"]
    )
    out, err = io.StringIO(), io.StringIO()
    assert output.emit(results, out, err) == 1
    assert (out.getvalue(), err.getvalue()) == ("ok a\n", "ERROR (NotFound): gone for b\n")
    data = json.loads(output.render(results, "json"))
    assert data[1] == {"target": "b", "ok": False, "message": "ERROR (NotFound): gone for b"}


def test_group_renders_parts_in_order():
    group = output.Group([output.Message("Title:"), TABLE])
    assert output.render(group).startswith("Title:\n+----")
    out, err = io.StringIO(), io.StringIO()
    output.emit(group, out, err, "json")
    assert err.getvalue() == "Title:\n" and json.loads(out.getvalue())[0]["ID"] == "a"


@pytest.mark.parametrize(
    "data",
    [
        [{"ID": "a", "Name": "one two", "Public": True, "Swap": "", "N": None, "F": 1.5}],
        {"extra_specs": {"hw:cpu_policy": "dedicated", "quota:x": "1"}, "empty": {}, "l": []},
        {"nested": [{"a": [1, 2]}, [3, {"b": "yes"}]], "s": "a: b # c", "t": "true", "d": "2.1"},
        [],
        {},
        "plain",
        12,
        None,
        {"multi": "line1\nline2", "quote": 'say "hi"', "unicode": "é", "key with space": 1},
    ],
)
def test_yaml_round_trips_through_pyyaml(data):
    import yaml  # a test dependency: a missing PyYAML fails, it does not skip

    assert yaml.safe_load(output.to_yaml(data)) == data


def test_yaml_block_style():
    assert output.to_yaml([{"ID": "a", "Specs": {"k": "v"}}]) == "- ID: a\n  Specs:\n    k: v\n"


def test_tables_are_drawn_by_prettytable_imported_only_for_a_table():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from novaclient_lite.shell import output\n"
        "t = output.Table([{'id': 'a'}], ['ID'])\n"
        "output.render(t, 'json'); output.render(t, 'value'); output.render(t, 'yaml')\n"
        "before = 'prettytable' in sys.modules\n"
        "output.render(t)\n"
        "print(before, 'prettytable' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_wide_characters_keep_the_columns_aligned():
    lines = output.draw(["A", "B"], [["名前", "x"], ["ab", "y"]]).splitlines()
    assert lines[3] == "| 名前 | x |"
    assert lines[4] == "| ab   | y |"


def test_list_and_dict_cells_are_json_in_table_record_and_value():
    rows = [
        {
            "id": "a",
            "tags": ["web", "db"],
            "meta": {"role": "web", "n": [1, 2]},
            "pair": ("x", None),
        }
    ]
    table = output.Table(rows, ["ID", "Tags", "Meta", "Pair"])
    assert output.render(table).splitlines()[3] == (
        '| a  | ["web", "db"] | {"role": "web", "n": [1, 2]} | ["x", null] |'
    )
    assert output.render(table, "value") == (
        'a ["web", "db"] {"role": "web", "n": [1, 2]} ["x", null]\n'
    )
    record = output.render(output.Record({"tags": ["web", "db"]}))
    assert '| tags     | ["web", "db"] |' in record.splitlines()


def test_select_matches_an_underscore_name_to_a_spaced_column():
    assert output.select(["ID", "Task State"], ["task_state", "TASK STATE", "id"]) == [
        "Task State",
        "Task State",
        "ID",
    ]


def test_table_cells_drop_carriage_returns():
    """A name with a CR would send the cursor back to the start of the line and
    overwrite the border: the table drops it, for strings and other values alike."""

    class Odd:
        def __str__(self) -> str:
            return "x\ry"

    rows = [{"id": "a\rb", "name": Odd()}]
    lines = output.render(output.Table(rows, ["ID", "Name"])).splitlines()
    assert lines[3] == "| ab | xy   |"
