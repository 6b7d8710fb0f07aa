"""The columnar view of a batch of subjects: one numpy array per fact, shape (subjects, years).

The engine only ever reads this view. A JSON document is turned into it by
`ColumnarHistory.from_subjects`; the database adapter fills the arrays directly with the
constructor (docs/rules.md lists every array, its dtype and its "unknown" value).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from . import codes as C

# name -> (dtype, value meaning "unknown"); all 2-D (subjects x years) unless noted.
YEAR_FIELDS: dict[str, tuple[Any, int]] = {
    "grade": (np.int8, C.GRADE_UNKNOWN),
    "party_grade": (np.int8, C.GRADE_UNKNOWN),
    "titles": (np.int32, 0),
    "awards": (np.int32, 0),
    "init_unit": (np.int16, -1),
    "init_ministry": (np.int16, -1),
    "init_national": (np.int16, -1),
    "discipline": (np.int8, C.DISC_UNKNOWN),
    "months_worked": (np.int8, -1),
    "leave_maternity": (np.int16, -1),
    "leave_sick": (np.int16, -1),
    "leave_unpaid": (np.int16, -1),
    "leave_study": (np.int16, -1),
    "leave_other": (np.int16, -1),
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
        self.staff_type = (np.full(n, C.STAFF_NONE, np.int8) if staff_type is None
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
        all_years = [e["year"] for s in subjects for e in (s.get("history") or [])]
        if years is None:
            lo = min(all_years) if all_years else 2024
            hi = max(all_years) if all_years else lo
            years = range(lo, hi + 1)
        y0, ny, n = years.start, len(years), len(subjects)
        present = np.zeros((n, ny), bool)
        arrs = {name: np.full((n, ny), unknown, dtype=dt)
                for name, (dt, unknown) in YEAR_FIELDS.items()}
        known = {name: np.zeros((n, ny), bool) for name in KNOWN_MASKS}
        kind = np.zeros(n, np.int8)
        staff = np.full(n, C.STAFF_NONE, np.int8)
        leader = np.full(n, -1, np.int8)
        for i, s in enumerate(subjects):
            kind[i] = C.KINDS[s["kind"]]
            if s.get("staff_type") is not None:
                staff[i] = C.STAFF_TYPES[s["staff_type"]]
            if s.get("is_leader") is not None:
                leader[i] = int(bool(s["is_leader"]))
            for e in s.get("history") or []:
                j = e["year"] - y0
                if not 0 <= j < ny:
                    continue
                present[i, j] = True
                _fill_entry(arrs, known, i, j, e)
        return cls(ids=[s["id"] for s in subjects], kind=kind, year0=y0, present=present,
                   staff_type=staff, is_leader=leader, **arrs, **known)


def _bits(codes_: Iterable[str]) -> int:
    out = 0
    for c in codes_:
        out |= C.BIT[c]
    return out


def _fill_entry(arrs, known, i, j, e: dict) -> None:
    if e.get("grade") is not None:
        arrs["grade"][i, j] = C.GRADES[e["grade"]]
    if e.get("party_grade") is not None:
        arrs["party_grade"][i, j] = C.GRADES[e["party_grade"]]
    if "titles" in e and e["titles"] is not None:
        known["titles_known"][i, j] = True
        arrs["titles"][i, j] = _bits(e["titles"])
    if "awards" in e and e["awards"] is not None:
        known["awards_known"][i, j] = True
        arrs["awards"][i, j] = _bits(e["awards"])
    if "initiatives" in e and e["initiatives"] is not None:
        counts = [0, 0, 0]
        for it in e["initiatives"]:
            counts[C.INITIATIVE_LEVELS[it["level"]]] += 1
        arrs["init_unit"][i, j], arrs["init_ministry"][i, j], arrs["init_national"][i, j] = counts
    if "discipline" in e:
        d = e["discipline"]
        arrs["discipline"][i, j] = C.DISC_NONE if d is None else C.DISCIPLINES[d]
    if e.get("months_worked") is not None:
        arrs["months_worked"][i, j] = e["months_worked"]
    if e.get("leave_days") is not None:
        ld = e["leave_days"]
        for k in C.LEAVE_KINDS:
            arrs["leave_" + k][i, j] = round(ld.get(k) or 0)
    if e.get("transferred_in") is not None:
        arrs["transferred_in"][i, j] = int(bool(e["transferred_in"]))
    if e.get("members") is not None:
        for k in C.MEMBER_FIELDS:
            v = e["members"].get(k)
            if v is not None:
                arrs["m_" + k][i, j] = v
    if e.get("cluster_rank") is not None:
        arrs["cluster_rank"][i, j] = e["cluster_rank"]
    if e.get("cluster_size") is not None:
        arrs["cluster_size"][i, j] = e["cluster_size"]
