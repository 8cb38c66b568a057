"""output.draw draws plain ASCII tables itself: byte-identical to prettytable."""

from __future__ import annotations

import random
import string

import prettytable
import pytest

from novaclient_lite.shell import output


def reference(headers: list[str], rows: list[list[str]]) -> str:
    table = prettytable.PrettyTable(list(headers))
    table.align = "l"
    for row in rows:
        table.add_row(list(row))
    return str(table.get_string())


@pytest.mark.parametrize("seed", range(60))
def test_identical_to_prettytable(seed: int) -> None:
    rnd = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + " -_:.,=|+'\"{}[]"
    ncols = rnd.randint(1, 6)
    headers = [f"H{i}" + "x" * rnd.randint(0, 8) for i in range(ncols)]
    rows = [["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 20)))
             for _ in range(ncols)] for _ in range(rnd.randint(0, 8))]
    assert output.draw(headers, rows) == reference(headers, rows)


@pytest.mark.parametrize("rows", [
    [], [[""]], [["  padded  "]], [["a"], ["bbbbbbbbbb"]], [["-"]],
])
def test_edge_cases(rows: list[list[str]]) -> None:
    assert output.draw(["Property"], rows) == reference(["Property"], rows)


@pytest.mark.parametrize("cell", ["multi\nline", "tab\there", "wide 名前", "é", "\x1b[31mred"])
def test_other_cells_still_use_prettytable(cell: str) -> None:
    assert output.draw(["A", "B"], [[cell, "x"]]) == reference(["A", "B"], [[cell, "x"]])
