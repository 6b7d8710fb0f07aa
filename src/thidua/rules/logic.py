"""Kleene three-valued logic on int8 arrays: FALSE=0 < UNKNOWN=1 < TRUE=2, AND = min, OR = max.

Every check answers one of these three values per subject ("verdict"); a target's answer is
the AND of its checks, so a definite failure wins over a missing fact."""
from __future__ import annotations

import numpy as np

FALSE, UNKNOWN, TRUE = 0, 1, 2
TRI_DTYPE = np.int8   # dtype of every verdict array


def filled(size: int, value: int) -> np.ndarray:
    """A verdict array of `size` subjects, all `value`."""
    return np.full(size, value, dtype=TRI_DTYPE)


def from_bool(ok: np.ndarray, known: np.ndarray | bool = True) -> np.ndarray:
    """TRUE where `ok`, FALSE elsewhere, UNKNOWN where not `known`."""
    out = np.where(ok, TRUE, FALSE).astype(TRI_DTYPE)
    if known is not True:
        out[~np.asarray(known, bool)] = UNKNOWN
    return out


def and_(*verdicts: np.ndarray) -> np.ndarray:
    out = verdicts[0]
    for v in verdicts[1:]:
        out = np.minimum(out, v)
    return out


def or_(*verdicts: np.ndarray) -> np.ndarray:
    out = verdicts[0]
    for v in verdicts[1:]:
        out = np.maximum(out, v)
    return out


def not_(verdict: np.ndarray) -> np.ndarray:
    return (TRUE - verdict).astype(TRI_DTYPE)


def at_least(definite: np.ndarray, possible: np.ndarray, need: int) -> np.ndarray:
    """Verdict of "count >= need" given a definite lower and a possible upper count."""
    out = np.full(definite.shape, UNKNOWN, dtype=TRI_DTYPE)
    out[definite >= need] = TRUE
    out[possible < need] = FALSE
    return out


PUBLIC = np.array([0, -1, 1], dtype=np.int8)   # internal FALSE, UNKNOWN, TRUE -> public 0, -1, 1


def to_public(verdict: np.ndarray) -> np.ndarray:
    """Public encoding of evaluate_matrix: 1 = eligible, 0 = not, -1 = unknown."""
    return PUBLIC[verdict]


def to_json(value: int):
    """One verdict as JSON: true, false or null."""
    return None if value == UNKNOWN else bool(value == TRUE)
