"""Small statistics without scipy: means with t-based 95% intervals, Wilson intervals for proportions, the t quantile.

The t quantile uses exact table values for 1-30 degrees of freedom and the Cornish-Fisher expansion beyond (error
below 1e-5 from 30 df upwards), which is all a 95% interval needs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Z_975 = 1.959963984540054

# Two-sided 95% (upper 0.975) quantiles of Student's t, df 1-30 (standard tables, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
_T_975 = (
    12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
    2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
    2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
    2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
)


def t_975(df: int) -> float:
    """The 0.975 quantile of Student's t with ``df`` degrees of freedom (the multiplier of a 95% interval)."""
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    if df <= len(_T_975):
        return _T_975[df - 1]
    z, nu = Z_975, float(df)
    return (z + (z**3 + z) / (4 * nu)
            + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * nu**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * nu**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * nu**4))


@dataclass(frozen=True, slots=True)
class Estimate:
    """A mean with its 95% confidence interval (None when fewer than two values)."""

    mean: float | None
    low: float | None
    high: float | None
    n: int

    def to_dict(self) -> dict[str, float | int | None]:
        return {"mean": _round(self.mean), "low": _round(self.low), "high": _round(self.high), "n": self.n}


def mean_or_none(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def estimate(values: Sequence[float]) -> Estimate:
    """Mean and t-based 95% interval; the interval is absent below two values."""
    n = len(values)
    if n == 0:
        return Estimate(None, None, None, 0)
    mean = math.fsum(values) / n
    if n < 2:
        return Estimate(mean, None, None, 1)
    variance = math.fsum((v - mean) ** 2 for v in values) / (n - 1)
    half = t_975(n - 1) * math.sqrt(variance / n)
    return Estimate(mean, mean - half, mean + half, n)


@dataclass(frozen=True, slots=True)
class Proportion:
    """``count`` of ``n`` with its Wilson 95% interval (Wilson 1927; Newcombe, Stat Med 1998;17:857)."""

    count: int
    n: int
    proportion: float | None
    low: float | None
    high: float | None

    def to_dict(self) -> dict[str, float | int | None]:
        return {"count": self.count, "n": self.n, "proportion": _round(self.proportion, 4),
                "low": _round(self.low, 4), "high": _round(self.high, 4)}


def proportion(count: int, n: int) -> Proportion:
    if n == 0:
        return Proportion(count, 0, None, None, None)
    p, z2 = count / n, Z_975**2
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z_975 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # At 0 and at n the Wilson bound is exactly 0 or 1; rounding must not push the estimate outside its own interval.
    low = 0.0 if count == 0 else min(p, centre - half)
    high = 1.0 if count == n else max(p, centre + half)
    return Proportion(count, n, p, max(0.0, low), min(1.0, high))


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
