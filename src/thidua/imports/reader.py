"""Reading an uploaded .xlsx with python-calamine (fast) into rows in the kind's column order."""
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from python_calamine import CalamineWorkbook

from thidua.common.text import fold, nfc
from thidua.imports import layout

MSG_EMPTY_FILE = "Tệp rỗng (0 byte): hãy chọn lại tệp Excel."
MSG_NOT_XLSX = "Tệp không phải là tệp Excel .xlsx hợp lệ (có thể là tệp .txt/.csv đổi đuôi): hãy lưu lại dưới dạng .xlsx."
MSG_NO_SHEET = "Tệp không có trang tính nào."
MSG_NO_HEADER = "Dòng 1 phải là dòng tiêu đề cột."
MSG_MISSING_COLUMN = "thiếu cột bắt buộc “{header}”"
MSG_DUP_COLUMN = "cột “{header}” xuất hiện hai lần"
MSG_NO_ROWS = "Tệp không có dòng dữ liệu nào."

ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class FileProblem:
    row: int
    column: str
    message: str


class FileInvalid(Exception):
    """The file cannot be read as the expected layout (whole-file problems, not row errors)."""

    def __init__(self, problems: list[FileProblem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class Sheet:
    kind: str
    total: int            # data rows (upper bound: blank rows are skipped while reading)
    _rows: Iterator
    _sheet: object = None
    _mapping: list | None = None
    name: str = ""

    def __iter__(self):
        return self._rows

    def scan(self, targets: list[int]) -> Iterator[tuple[int, tuple]]:
        """A second, cheap pass over the sheet: (row number, values of the layout columns `targets`)
        for every row (stripped strings, None for blank cells). Used to know, before writing, the
        last row of each subject."""
        file_position = {target: position for position, target in self._mapping}
        wanted = [file_position.get(target) for target in targets]
        lines = self._sheet.iter_rows()
        next(lines, None)   # the header
        for number, raw in enumerate(lines, start=2):
            width = len(raw)
            values = []
            for position in wanted:
                value = raw[position] if position is not None and position < width else None
                if type(value) is str:
                    value = value.strip() or None
                values.append(value)
            yield number, tuple(values)


def _load(source) -> CalamineWorkbook:
    if isinstance(source, (str, Path)):
        with open(source, "rb") as file:
            head = file.read(4)
        if not head:
            raise FileInvalid([FileProblem(0, "", MSG_EMPTY_FILE)])
        if head != ZIP_MAGIC:
            raise FileInvalid([FileProblem(0, "", MSG_NOT_XLSX)])
        opener = lambda: CalamineWorkbook.from_path(str(source))
    else:
        data = source if isinstance(source, bytes) else source.read()
        if not data:
            raise FileInvalid([FileProblem(0, "", MSG_EMPTY_FILE)])
        if data[:4] != ZIP_MAGIC:
            raise FileInvalid([FileProblem(0, "", MSG_NOT_XLSX)])
        opener = lambda: CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        return opener()
    except Exception as exc:  # calamine raises its own error types for broken zips
        raise FileInvalid([FileProblem(0, "", MSG_NOT_XLSX)]) from exc


def _pick_sheet(workbook: CalamineWorkbook, kind: str):
    names = [name for name in workbook.sheet_names if fold(name) != fold(layout.HELP_SHEET)]
    if not names:
        raise FileInvalid([FileProblem(0, "", MSG_NO_SHEET)])
    wanted = fold(layout.SHEET_TITLES[kind])
    name = next((name for name in names if fold(name) == wanted), names[0])
    try:
        return workbook.get_sheet_by_name(name)
    except Exception as exc:
        raise FileInvalid([FileProblem(0, "", MSG_NOT_XLSX)]) from exc


def map_header(kind: str, header_row: list) -> list[tuple[int, int]]:
    """(position in the file, position in the layout) for every known column; problems raise FileInvalid."""
    index = layout.header_index(kind)
    columns = layout.COLUMNS[kind]
    mapping, seen, problems = [], {}, []
    for pos, cell in enumerate(header_row):
        key = fold(nfc(cell)) if cell not in (None, "") else ""
        if key in index:
            target = index[key]
            if target in seen:
                problems.append(FileProblem(1, columns[target].header, MSG_DUP_COLUMN.format(header=columns[target].header)))
            seen[target] = pos
            mapping.append((pos, target))
    for target, column in enumerate(columns):
        if column.required and target not in seen:
            problems.append(FileProblem(1, column.header, MSG_MISSING_COLUMN.format(header=column.header)))
    if not mapping and not problems:
        problems.append(FileProblem(1, "", MSG_NO_HEADER))
    if problems:
        raise FileInvalid(problems)
    return mapping


def _clean(value):
    if value == "" or value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def read_rows(source, kind: str) -> Sheet:
    """Open `source` (path, bytes or file object) and return its data rows as (row number, tuple)."""
    workbook = _load(source)
    sheet = _pick_sheet(workbook, kind)
    lines = sheet.iter_rows()
    header = next(lines, None)
    if header is None:
        raise FileInvalid([FileProblem(0, "", MSG_NO_ROWS)])
    mapping = map_header(kind, list(header))
    width = len(layout.COLUMNS[kind])

    # every layout column, in order: its position in the file (None when the file lacks it)
    file_position = {target: position for position, target in mapping}
    positions = [file_position.get(target) for target in range(width)]
    every_column = None not in positions
    needed_width = max(position for position, _ in mapping) + 1

    def rows():
        # common case (every column present, row long enough): one comprehension per row
        if every_column:
            for number, raw in enumerate(lines, start=2):
                if len(raw) >= needed_width:
                    values = [(value.strip() or None) if type(value) is str else value
                              for value in map(raw.__getitem__, positions)]
                    if values.count(None) != width:
                        yield number, values
                    continue
                yield from _cell_by_cell(number, raw)
        else:
            for number, raw in enumerate(lines, start=2):
                yield from _cell_by_cell(number, raw)

    def _cell_by_cell(number, raw):
        """A short row or a file lacking optional columns: the values one mapped cell at a time."""
        values = [None] * width
        empty = True
        raw_width = len(raw)
        for position, target in mapping:
            if position < raw_width:
                value = raw[position]
                if value == "" or value is None:
                    continue
                if type(value) is str:
                    value = value.strip()
                    if not value:
                        continue
                values[target] = value
                empty = False
        if not empty:
            yield number, values

    name = Path(source).name if isinstance(source, (str, Path)) else getattr(source, "name", "") or ""
    return Sheet(kind=kind, total=max(sheet.height - 1, 0), _rows=rows(), _sheet=sheet, _mapping=mapping,
                 name=str(name))


# --- cell parsers: return the value or raise CellError(message) --------------------------

# the row, the column and the cell are in the columns of the preview: the message says only what is wrong
MSG_DATE = "Không phải một ngày hợp lệ (định dạng dd/mm/yyyy)."
MSG_INT = "Phải là số nguyên."
MSG_BOOL = "Ghi x nếu có, để trống nếu không."


# A year of four digits: "1/1/24" is unreadable, not year 24. Whether a date is plausible for its
# column (born after 1900, posted after 1950…) is a rule of the validators, not of reading.
FIRST_READABLE_YEAR = 1000


class CellError(ValueError):
    pass


@lru_cache(maxsize=200_000)
def _text_str(value: str) -> str:
    return nfc(value)


def text(value) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return _text_str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def code(value) -> str:
    return text(value).upper()


def date(value, label: str) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    typed = text(value)
    parsed = _date_from_text(typed)
    if parsed is None:
        raise CellError(MSG_DATE.format(label=label, value=typed))
    return parsed


@lru_cache(maxsize=100_000)
def _date_from_text(typed: str) -> datetime.date | None:
    parts = typed.split("/")
    if len(parts) == 3 and all(part.isdigit() for part in parts) and len(parts[2]) == 4:
        try:
            parsed = datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            return None
        return parsed if parsed.year >= FIRST_READABLE_YEAR else None
    for date_format in ("%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            parsed = datetime.datetime.strptime(typed, date_format).date()
        except ValueError:
            continue
        if parsed.year >= FIRST_READABLE_YEAR:
            return parsed
    return None


def integer(value, label: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(MSG_INT.format(label=label, value=value))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    typed = text(value)
    if typed.isdigit():
        return int(typed)
    if typed.startswith("-") and typed[1:].isdigit():
        return int(typed)
    raise CellError(MSG_INT.format(label=label, value=typed))


TRUE_WORDS = {"x", "co", "1", "true", "yes", "v"}
FALSE_WORDS = {"khong", "0", "false", "no", "-"}


def flag(value, label: str) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    word = fold(text(value))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(MSG_BOOL.format(label=label, value=text(value)))


def citizen_id(value) -> str:
    """CCCD as 12-digit text; a number cell lost its leading zeros, so pad it back."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value)).zfill(12)
    return text(value).replace(" ", "")


def count_rows(source, kind: str) -> int:
    """Data rows in the sheet that would be imported (0 when the file cannot be read)."""
    try:
        return max(_pick_sheet(_load(source), kind).height - 1, 0)
    except FileInvalid:
        return 0
