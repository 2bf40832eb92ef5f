"""Spreadsheets never run what people typed: in rows, headers and titles alike."""

import csv
import io

import pytest

from twincity.core.spreadsheets import Table, as_csv


def parsed(tables: list[Table]) -> list[list[str]]:
    return list(csv.reader(io.StringIO(as_csv(tables).decode("utf-8-sig"))))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "'"])
def test_text_that_a_spreadsheet_would_compute_is_quoted_wherever_it_stands(start):
    typed = f'{start}HYPERLINK("http://example.org")'
    tables = [
        Table(title=f"{start}title", header=["Name", typed], rows=[[typed, 3]]),
        Table(title="Second", header=["Name"], rows=[["Li"]]),
    ]
    title, header, row = parsed(tables)[:3]
    assert title == [f"'{start}title"]
    assert header == ["Name", f"'{typed}"]
    assert row == [f"'{typed}", "3"]


def test_plain_text_and_numbers_are_left_as_they_are():
    rows = parsed([Table(title="Only", header=["Name", "Seats"], rows=[["Li Hua", 12]])])
    assert rows == [["Name", "Seats"], ["Li Hua", "12"]]
