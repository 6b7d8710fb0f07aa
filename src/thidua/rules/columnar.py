"""The columnar view of a batch of subjects: one numpy array per fact, shape (subjects, years).

The engine only ever reads this view. A JSON document is turned into it by
`ColumnarHistory.from_subjects`; the database adapter fills the arrays directly with the
constructor (docs/rules.md lists every array, its dtype and its "unknown" value).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from . import codes

# name -> (dtype, value meaning "unknown"); all 2-D (subjects x years) unless noted.
YEAR_FIELDS: dict[str, tuple[Any, int]] = {
    "grade": (np.int8, codes.GRADE_UNKNOWN),
    "party_grade": (np.int8, codes.GRADE_UNKNOWN),
    "titles": (np.int32, 0),
    "awards": (np.int32, 0),
    "init_unit": (np.int16, -1),
    "init_ministry": (np.int16, -1),
    "init_national": (np.int16, -1),
    "discipline": (np.int8, codes.DISC_UNKNOWN),
    "months_worked": (np.int8, -1),
    "leave_maternity": (np.int16, -1),
    "leave_sick": (np.int16, -1),
    "leave_unpaid": (np.int16, -1),
    "leave_study": (np.int16, -1),
    "leave_other": (np.int16, -1),
    "leave_injury": (np.int16, -1),
    "transferred_in": (np.int8, -1),
    "m_total": (np.int32, -1),
    "m_completed": (np.int32, -1),
    "m_ldtt": (np.int32, -1),
    "m_cstdcs": (np.int32, -1),
    "m_disciplined": (np.int32, -1),
    "cluster_rank": (np.int32, -1),
    "cluster_size": (np.int32, -1),
}
# bit masks have no spare value for "unknown": a separate boolean says the list was given.
KNOWN_MASKS = ("titles_known", "awards_known")


class ColumnarHistory:
    """Arrays for N subjects over the contiguous years `year0 .. year0 + n_years - 1`.

    Required: ids, kind, year0 and `present` (bool, N x Y: the year has a history entry).
    Every other year field defaults to "unknown" everywhere; `titles_known` and
    `awards_known` default to `present` (a present year with no list holds nothing).
    """

    def __init__(self, *, ids: Sequence[str], kind, year0: int, present,
                 staff_type=None, is_leader=None, **year_arrays):
        self.ids = list(ids)
        n = len(self.ids)
        self.kind = np.asarray(kind, dtype=np.int8).reshape(n)
        self.year0 = int(year0)
        self.present = np.asarray(present, dtype=bool)
        if self.present.ndim != 2 or self.present.shape[0] != n:
            raise ValueError("present must have shape (len(ids), n_years)")
        shape = self.present.shape
        self.staff_type = (np.full(n, codes.STAFF_NONE, np.int8) if staff_type is None
                           else np.asarray(staff_type, dtype=np.int8).reshape(n))
        self.is_leader = (np.full(n, -1, np.int8) if is_leader is None
                          else np.asarray(is_leader, dtype=np.int8).reshape(n))
        self.arrays = {}
        for name, value in year_arrays.items():
            if name not in YEAR_FIELDS and name not in KNOWN_MASKS:
                raise TypeError(f"unknown columnar field {name!r}")
            dtype = bool if name in KNOWN_MASKS else YEAR_FIELDS[name][0]
            arr = np.asarray(value, dtype=dtype)
            if arr.shape != shape:
                raise ValueError(f"{name} must have shape {shape}, got {arr.shape}")
            self.arrays[name] = arr
        for name, (dtype, unknown) in YEAR_FIELDS.items():
            if name not in self.arrays:
                self.arrays[name] = np.full(shape, unknown, dtype=dtype)
        for name in KNOWN_MASKS:
            if name not in self.arrays:
                self.arrays[name] = self.present.copy()
        # facts of absent years are unknown whatever the caller filled in
        absent = ~self.present
        if absent.any():
            for name, (_, unknown) in YEAR_FIELDS.items():
                self.arrays[name][absent] = unknown
            for name in KNOWN_MASKS:
                self.arrays[name][absent] = False
        self._index = None

    # -- shape -------------------------------------------------------------------------
    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def n_years(self) -> int:
        return self.present.shape[1]

    @property
    def years(self) -> range:
        return range(self.year0, self.year0 + self.n_years)

    def __getattr__(self, name):  # grade, titles, ... read as attributes
        arrays = self.__dict__.get("arrays")
        if arrays is not None and name in arrays:
            return arrays[name]
        raise AttributeError(name)

    def index_of(self, subject_id: str) -> int | None:
        if self._index is None:
            self._index = {sid: i for i, sid in enumerate(self.ids)}
        return self._index.get(subject_id)

    def column(self, name: str, year: int) -> np.ndarray:
        """The (N,) column of a field for one year; years outside the range read as absent."""
        j = year - self.year0
        if 0 <= j < self.n_years:
            if name == "present":
                return self.present[:, j]
            return self.arrays[name][:, j]
        if name == "present" or name in KNOWN_MASKS:
            return np.zeros(self.n, dtype=bool)
        dtype, unknown = YEAR_FIELDS[name]
        return np.full(self.n, unknown, dtype=dtype)

    def take(self, rows: np.ndarray) -> ColumnarHistory:
        rows = np.asarray(rows)
        return ColumnarHistory(
            ids=[self.ids[i] for i in rows], kind=self.kind[rows], year0=self.year0,
            present=self.present[rows], staff_type=self.staff_type[rows],
            is_leader=self.is_leader[rows],
            **{k: v[rows] for k, v in self.arrays.items()})

    # -- from JSON-shaped dicts -----------------------------------------------------------
    @classmethod
    def from_subjects(cls, subjects: Iterable[dict], *, years: range | None = None
                      ) -> ColumnarHistory:
        """Build from subject dicts shaped like eligibility-json.md (validated beforehand)."""
        subjects = list(subjects)
        all_years = [entry["year"] for subject in subjects for entry in (subject.get("history") or [])]
        if years is None:
            lo = min(all_years) if all_years else 2024
            hi = max(all_years) if all_years else lo
            years = range(lo, hi + 1)
        first_year, n_years, n_subjects = years.start, len(years), len(subjects)
        shape = (n_subjects, n_years)
        present = np.zeros(shape, bool)
        arrays = {name: np.full(shape, unknown, dtype=dtype)
                  for name, (dtype, unknown) in YEAR_FIELDS.items()}
        known = {name: np.zeros(shape, bool) for name in KNOWN_MASKS}
        kind = np.zeros(n_subjects, np.int8)
        staff = np.full(n_subjects, codes.STAFF_NONE, np.int8)
        leader = np.full(n_subjects, -1, np.int8)
        for i, subject in enumerate(subjects):
            kind[i] = codes.KINDS[subject["kind"]]
            if subject.get("staff_type") is not None:
                staff[i] = codes.STAFF_TYPES[subject["staff_type"]]
            if subject.get("is_leader") is not None:
                leader[i] = int(bool(subject["is_leader"]))
            for entry in subject.get("history") or []:
                j = entry["year"] - first_year
                if not 0 <= j < n_years:      # outside the batch's years: ignored
                    continue
                present[i, j] = True
                _fill_entry(arrays, known, i, j, entry)
        return cls(ids=[subject["id"] for subject in subjects], kind=kind, year0=first_year,
                   present=present, staff_type=staff, is_leader=leader, **arrays, **known)


def _bits(code_list: Iterable[str]) -> int:
    out = 0
    for code in code_list:
        out |= codes.BIT[code]
    return out


def _fill_entry(arrays, known, i, j, entry: dict) -> None:
    """Write one history `entry` (subject i, year column j) into the arrays."""
    if entry.get("grade") is not None:
        arrays["grade"][i, j] = codes.GRADES[entry["grade"]]
    if entry.get("party_grade") is not None:
        arrays["party_grade"][i, j] = codes.GRADES[entry["party_grade"]]
    if "titles" in entry and entry["titles"] is not None:
        known["titles_known"][i, j] = True
        arrays["titles"][i, j] = _bits(entry["titles"])
    if "awards" in entry and entry["awards"] is not None:
        known["awards_known"][i, j] = True
        arrays["awards"][i, j] = _bits(entry["awards"])
    if "initiatives" in entry and entry["initiatives"] is not None:
        counts = [0, 0, 0]
        for initiative in entry["initiatives"]:
            counts[codes.INITIATIVE_LEVELS[initiative["level"]]] += 1
        arrays["init_unit"][i, j], arrays["init_ministry"][i, j], arrays["init_national"][i, j] = counts
    if "discipline" in entry:
        form = entry["discipline"]
        arrays["discipline"][i, j] = codes.DISC_NONE if form is None else codes.DISCIPLINES[form]
    if entry.get("months_worked") is not None:
        arrays["months_worked"][i, j] = entry["months_worked"]
    if entry.get("leave_days") is not None:
        leave_days = entry["leave_days"]       # a given dict states every kind (absent kind: 0 days)
        for kind in codes.LEAVE_KINDS:
            arrays["leave_" + kind][i, j] = round(leave_days.get(kind) or 0)
    if entry.get("transferred_in") is not None:
        arrays["transferred_in"][i, j] = int(bool(entry["transferred_in"]))
    if entry.get("members") is not None:
        for name in codes.MEMBER_FIELDS:
            count = entry["members"].get(name)
            if count is not None:
                arrays["m_" + name][i, j] = count
    if entry.get("cluster_rank") is not None:
        arrays["cluster_rank"][i, j] = entry["cluster_rank"]
    if entry.get("cluster_size") is not None:
        arrays["cluster_size"][i, j] = entry["cluster_size"]
