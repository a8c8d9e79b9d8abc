"""A CSV file read as a table: its header (names trimmed and lower-cased) and each row's cells
by column name, with the line the row starts on. Nothing is silently misread.

Python's csv module, left alone, reads an unterminated quote as one cell holding the rest
of the file (the whole customer list merged into one customer, exit 0), and raises on a
cell over 131,072 characters or a NUL. Here:
- a cell holding a line break is refused, naming the line its quote opened on and the line
  it closed on (or "never closed"): no column of a table trayclock reads spans lines;
- a cell longer than MAX_CELL_CHARS is refused, naming line and column;
- a NUL is refused, naming its line (the file is binary, or UTF-16);
- more cells than header columns, an empty or repeated column name: refused, naming them.
The separator is the one of `,`, `;`, tab the header line holds most of. Linear in the text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

DELIMITERS = ",;\t"
MAX_CELL_CHARS = 4096  # a name, a rate, a list of partners: far less
_LINE_BREAKS = ("\n", "\r")


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # where the row starts, 1-based (the header is line 1)
    cells: dict[str, str]  # column name -> cell, trimmed; columns the row lacks are absent


@dataclass(slots=True)
class CsvTable:
    header: list[str]
    rows: list[CsvRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line N: …", in file order


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _delimiter(first_line: str) -> str:
    return max(DELIMITERS, key=first_line.count)


class _Unreadable(Exception):
    def __init__(self, line: int, why: str) -> None:
        super().__init__(why)
        self.line = line
        self.why = why


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(start line, cells) of each record; _Unreadable names the line a broken record starts
    on (strict: a quote never closed, or text after a closing quote)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _Unreadable(start, _why(str(error))) from error
        yield start, record
        start = reader.line_num + 1


def _why(error: str) -> str:
    if "unexpected end of data" in error:
        return 'a quote (") opened here is never closed: the rest of the file would be one cell'
    if "field larger than field limit" in error:
        return f"a cell of more than {csv.field_size_limit():,} characters"
    if "expected after" in error:
        return f'text after a closing quote ("): {error}'
    return f"cannot read the CSV ({error})"


def read_table(text: str) -> CsvTable:
    """The header and rows of a CSV text (a BOM already removed or not)."""
    text = text.removeprefix("\ufeff")
    nul = text.find("\x00")
    if nul >= 0:
        line = _line_of(text, nul)
        return CsvTable(
            [], problems=[f"line {line}: a NUL byte: not a text CSV (save it as CSV UTF-8)"]
        )
    delimiter = _delimiter(text.split("\n", 1)[0])
    records = _records(text, delimiter)
    table = CsvTable([])
    try:
        first = next(records, None)
        if first is None:
            table.problems.append("line 1: the file is empty (a header row is needed)")
            return table
        table.header = [name.strip().lower() for name in first[1]]
        _check_header(table)
        for line, record in records:
            if any(cell.strip() for cell in record):
                _add_row(table, line, record)
    except _Unreadable as error:
        table.problems.append(f"line {error.line}: {error.why}")
    return table


def _check_header(table: CsvTable) -> None:
    seen: set[str] = set()
    for position, name in enumerate(table.header, start=1):
        if len(name) > MAX_CELL_CHARS:
            table.problems.append(f"line 1: column {position}: a name of {len(name):,} characters")
        elif name in seen:
            table.problems.append(f"line 1: column {name!r} appears twice")
        seen.add(name)


def _add_row(table: CsvTable, line: int, record: list[str]) -> None:
    where = f"line {line}"
    cells: dict[str, str] = {}
    for position, cell in enumerate(record):
        column = table.header[position] if position < len(table.header) else None
        label = repr(column) if column else f"{position + 1}"
        if len(cell) > MAX_CELL_CHARS:
            table.problems.append(
                f"{where}: column {label}: a cell of {len(cell):,} characters "
                f"(at most {MAX_CELL_CHARS:,})"
            )
            return
        if any(mark in cell for mark in _LINE_BREAKS):
            table.problems.append(_spanning(where, line, cell))
            return
        if column is None:
            if cell.strip():
                table.problems.append(f"{where}: more cells than header columns")
                return
            continue
        if column:
            cells[column] = cell.strip()
    table.rows.append(CsvRow(line, cells))


def _spanning(where: str, line: int, cell: str) -> str:
    breaks = cell.count("\n") or cell.count("\r")
    return (
        f'{where}: a quote (") opened on this line is closed only on line {line + breaks}, '
        "so the lines between would be read as one cell: check the quotes"
    )
