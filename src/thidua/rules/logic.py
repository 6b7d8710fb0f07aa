"""Kleene three-valued logic on int8 arrays: F=0 < U=1 < T=2, AND = min, OR = max."""
from __future__ import annotations

import numpy as np

from .codes import F, T, U

TRI = np.int8


def full(n: int, value: int) -> np.ndarray:
    return np.full(n, value, dtype=TRI)


def from_bool(ok: np.ndarray, known: np.ndarray | bool = True) -> np.ndarray:
    out = np.where(ok, T, F).astype(TRI)
    if known is not True:
        out[~np.asarray(known, bool)] = U
    return out


def and_(*xs: np.ndarray) -> np.ndarray:
    out = xs[0]
    for x in xs[1:]:
        out = np.minimum(out, x)
    return out


def or_(*xs: np.ndarray) -> np.ndarray:
    out = xs[0]
    for x in xs[1:]:
        out = np.maximum(out, x)
    return out


def not_(x: np.ndarray) -> np.ndarray:
    return (2 - x).astype(TRI)


def at_least(definite: np.ndarray, possible: np.ndarray, need: int) -> np.ndarray:
    """Tri answer to "count >= need" given a definite lower and a possible upper count."""
    out = np.full(definite.shape, U, dtype=TRI)
    out[definite >= need] = T
    out[possible < need] = F
    return out


PUBLIC = np.array([0, -1, 1], dtype=np.int8)   # internal F,U,T -> public 0,-1,1


def to_public(x: np.ndarray) -> np.ndarray:
    """Public encoding of evaluate_matrix: 1 = eligible, 0 = not, -1 = unknown."""
    return PUBLIC[x]


def to_json(v: int):
    return None if v == U else bool(v == T)
