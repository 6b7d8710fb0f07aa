"""What an import found (preview) or did (commit): row counts and every bad row.

A row's problem is reported with its row number, the column's header, the message (the
validators' own for a rule, reader.py's for a cell it cannot read) and the cell's value."""
from dataclasses import dataclass, field

MAX_ERRORS = 20_000   # kept in full (and in the .xlsx of errors); beyond that only counted
SHOWN_ERRORS = 500    # listed on the page (a notice says so when there are more)
FIRST_DATA_ROW = 2    # row 1 is the header
CHUNK = 20_000        # rows validated (and, on commit, written) at a time

MSG_ROW = "Dòng {row}, cột {column}: {message}"
MSG_ROW_VALUE = "Dòng {row}, cột {column} ({value}): {message}"
MSG_FILE = "{message}"


@dataclass
class RowError:
    row: int
    column: str
    message: str
    value: str = ""   # the cell as written in the file (empty: the problem is the row's, or the file's)

    def __str__(self) -> str:
        if not self.row:
            return MSG_FILE.format(message=self.message)
        if not self.column:
            return f"Dòng {self.row}: {self.message}"
        if self.value:
            return MSG_ROW_VALUE.format(row=self.row, column=self.column, value=self.value, message=self.message)
        return MSG_ROW.format(row=self.row, column=self.column, message=self.message)

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message, "value": self.value}


@dataclass
class ImportResult:
    kind: str
    rows: int = 0          # rows without problems, planned (created + updated + unchanged)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    objects: dict[str, int] = field(default_factory=dict)   # "create people.person" → n
    written: bool = False
    read: int = 0          # data rows read from the file (blank rows skipped)
    error_rows: int = 0    # data rows with at least one problem
    errors_kept: int | None = None   # errors in the .xlsx of errors (None: all of `errors`)
    _chunk_bad_rows: set = field(default_factory=set, repr=False)   # a row's problems all come within its chunk

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def error(self, row: int, column: str, message: str, value: str = "") -> None:
        self.error_count += 1
        if row >= FIRST_DATA_ROW and row not in self._chunk_bad_rows:
            self._chunk_bad_rows.add(row)
            self.error_rows += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, message, value))

    def end_chunk(self) -> None:
        """The chunk's rows are all checked: their numbers need not be kept (bounded memory)."""
        self._chunk_bad_rows.clear()

    @property
    def shown_errors(self) -> list[RowError]:
        """The errors listed on the page."""
        return self.errors[:SHOWN_ERRORS]

    @property
    def errors_cut(self) -> bool:
        """More errors than the page lists."""
        return self.error_count > len(self.shown_errors)

    @property
    def errors_file_complete(self) -> bool:
        """The .xlsx of errors holds every error."""
        kept = len(self.errors) if self.errors_kept is None else self.errors_kept
        return kept >= self.error_count

    def count_row(self, created: bool, updated: bool) -> None:
        self.rows += 1
        if created:
            self.created += 1
        elif updated:
            self.updated += 1
        else:
            self.unchanged += 1

    def count_rows(self, outcomes: list[tuple]) -> None:
        """A bulk writer's plan outcomes, (row, created something, updated something) per row."""
        created = updated = 0
        for _, was_created, was_updated in outcomes:
            if was_created:
                created += 1
            elif was_updated:
                updated += 1
        self.rows += len(outcomes)
        self.created += created
        self.updated += updated
        self.unchanged += len(outcomes) - created - updated

    def count_object(self, action: str, label: str, n: int = 1) -> None:
        self.count_objects({f"{action} {label}": n})

    def count_objects(self, counts: dict[str, int]) -> None:
        """Add a bulk writer's counts ("create people.person" → n)."""
        for key, number in counts.items():
            self.objects[key] = self.objects.get(key, 0) + number

    def as_dict(self) -> dict:
        return {
            "kind": self.kind, "rows": self.rows, "created": self.created, "updated": self.updated,
            "unchanged": self.unchanged, "error_count": self.error_count, "written": self.written,
            "objects": self.objects, "errors": [e.as_dict() for e in self.errors],
            "read": self.read, "error_rows": self.error_rows,
            "errors_kept": len(self.errors) if self.errors_kept is None else self.errors_kept,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ImportResult":
        errors = [RowError(**error) for error in data.get("errors", [])]
        return cls(kind=data["kind"], rows=data["rows"], created=data["created"], updated=data["updated"],
                   unchanged=data["unchanged"], error_count=data["error_count"], errors=errors,
                   objects=data.get("objects", {}), written=data.get("written", False),
                   read=data.get("read", data["rows"]), error_rows=data.get("error_rows", 0),
                   errors_kept=data.get("errors_kept"))


def cell_text(value) -> str:
    """A cell as the user typed it, for an error line (dates as dd/mm/yyyy, whole numbers without .0)."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
