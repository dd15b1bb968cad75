"""Clustering quality measures against gold story labels."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    f1: float


def b_cubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> BCubed:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items.

    For item ``i`` with predicted cluster ``C(i)`` and gold class ``G(i)``::

        P(i) = |C(i) ∩ G(i)| / |C(i)|        R(i) = |C(i) ∩ G(i)| / |G(i)|
        P = mean_i P(i)    R = mean_i R(i)    F1 = 2PR / (P + R)

    Computed from the contingency table: an (c, g) cell with n items contributes
    ``n · n/|c|`` to the precision sum and ``n · n/|g|`` to the recall sum.
    """
    _check(predicted, gold)
    n = len(gold)
    if n == 0:
        return BCubed(1.0, 1.0, 1.0)
    sizes_p, sizes_g = Counter(predicted), Counter(gold)
    cells = Counter(zip(predicted, gold, strict=True))
    precision = sum(k * k / sizes_p[p] for (p, _), k in cells.items()) / n
    recall = sum(k * k / sizes_g[g] for (_, g), k in cells.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1)


def adjusted_rand_index(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """ARI (Hubert & Arabie 1985): pair agreement corrected for chance.

    With ``n_ij`` the contingency cells, ``a_i`` / ``b_j`` the row / column sums and
    ``C(x) = x(x−1)/2``::

        index    = Σ_ij C(n_ij)
        expected = Σ_i C(a_i) · Σ_j C(b_j) / C(n)
        maximum  = (Σ_i C(a_i) + Σ_j C(b_j)) / 2
        ARI      = (index − expected) / (maximum − expected)
    """
    _check(predicted, gold)
    n = len(gold)

    def c2(x: int) -> float:
        return x * (x - 1) / 2

    index = sum(c2(k) for k in Counter(zip(predicted, gold, strict=True)).values())
    sum_a = sum(c2(k) for k in Counter(predicted).values())
    sum_b = sum(c2(k) for k in Counter(gold).values())
    total = c2(n)
    expected = sum_a * sum_b / total if total else 0.0
    maximum = (sum_a + sum_b) / 2
    if math.isclose(maximum, expected):
        return 1.0
    return (index - expected) / (maximum - expected)


def singleton_rate(predicted: Sequence[Hashable]) -> float:
    """Share of items alone in their predicted cluster: ``|{i : |C(i)| = 1}| / n``."""
    if not predicted:
        return 0.0
    sizes = Counter(predicted)
    return sum(1 for p in predicted if sizes[p] == 1) / len(predicted)


def _check(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> None:
    if len(predicted) != len(gold):
        raise ValueError(f"{len(predicted)} predicted labels for {len(gold)} gold labels")
