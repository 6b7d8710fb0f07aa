"""What an import found (preview) or did (commit): row counts and every bad row."""
from dataclasses import dataclass, field

MAX_ERRORS = 20_000   # kept in full (and in the .xlsx of errors); beyond that only counted
CHUNK = 20_000        # rows validated (and, on commit, written) at a time

MSG_ROW = "Dòng {row}, cột {column}: {message}"
MSG_FILE = "{message}"
MSG_REQUIRED = "{label} là bắt buộc"
MSG_TOO_LONG = "{label} dài quá {n} ký tự"
MSG_UNIT_UNKNOWN = "mã đơn vị không tồn tại: {code}"
MSG_UNIT_CLOSED = "đơn vị {code} đã hết hiệu lực"
MSG_OUT_OF_SCOPE = "đơn vị {code} nằm ngoài phạm vi bạn được phép cập nhật"
MSG_PERSON_OUT_OF_SCOPE = "người có số CCCD {cccd} nằm ngoài phạm vi bạn được phép cập nhật"
MSG_DUP_IN_FILE = "{what} trùng với dòng {row}"
MSG_CHOICE = "{label} không hợp lệ: {value}"


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return MSG_FILE.format(message=self.message)
        if not self.column:
            return f"Dòng {self.row}: {self.message}"
        return MSG_ROW.format(row=self.row, column=self.column, message=self.message)

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    objects: dict[str, int] = field(default_factory=dict)   # "create people.person" → n
    written: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, message))

    def count_row(self, created: bool, updated: bool) -> None:
        self.rows += 1
        if created:
            self.created += 1
        elif updated:
            self.updated += 1
        else:
            self.unchanged += 1

    def count_object(self, action: str, label: str, n: int = 1) -> None:
        key = f"{action} {label}"
        self.objects[key] = self.objects.get(key, 0) + n

    def as_dict(self) -> dict:
        return {
            "kind": self.kind, "rows": self.rows, "created": self.created, "updated": self.updated,
            "unchanged": self.unchanged, "error_count": self.error_count, "written": self.written,
            "objects": self.objects, "errors": [e.as_dict() for e in self.errors],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ImportResult":
        errors = [RowError(**e) for e in data.get("errors", [])]
        return cls(kind=data["kind"], rows=data["rows"], created=data["created"], updated=data["updated"],
                   unchanged=data["unchanged"], error_count=data["error_count"], errors=errors,
                   objects=data.get("objects", {}), written=data.get("written", False))
