"""Small statistics shared by the benchmark steps (no Django, so any step can import it)."""


def percentile(values, p: float) -> float:
    """The p-th percentile with linear interpolation between the closest ranks (NaN for no values)."""
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)
