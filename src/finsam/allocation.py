"""Largest-remainder (Hamilton) apportionment of an amount, exact to the rounding unit.

Each key first gets the whole units of its exact quota ``total * weight / sum(weights)``;
the units left over go one each to the keys with the largest remainders. All arithmetic
is on Python integers: rational weights are brought to a common denominator first.

Ties (equal remainders) are broken by a documented, stable rule so that the result never
depends on the order of the mapping:

1. the larger weight wins (a bigger kommun absorbs the extra öre),
2. then the key whose ``str()`` sorts first, then the name of its type (so ``1`` and
   ``"1"`` are told apart). Two distinct keys alike in both, tied for the last unit,
   raise a `ValueError` rather than fall back on the mapping's order.

Largest remainder keeps every part within one unit of its quota, but it has the
*population paradox*: with weights (6, 6, 2), 10 öre split as (4, 4, 2) and 11 öre
as (5, 5, 1), so the small party loses an öre when the total grows.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from finsam.limits import decimal_problem
from finsam.money import ORE, Amount, _trusted_amounts

__all__ = ["Weight", "allocate", "quotas"]

K = TypeVar("K", bound=Hashable)

#: What a weight may be: exact numbers only (population counts, percentages, shares).
Weight = int | Fraction | Decimal


def _as_fraction(key: object, weight: object) -> Fraction:
    if isinstance(weight, bool) or not isinstance(weight, int | Fraction | Decimal):
        kind = type(weight).__name__
        hint = "; floats are inexact, use Fraction or Decimal" if kind == "float" else ""
        raise TypeError(f"weight of {key!r}: expected int, Fraction or Decimal, got {kind}{hint}")
    if isinstance(weight, Decimal) and (problem := decimal_problem(weight)) is not None:
        raise ValueError(f"weight of {key!r}: {problem}")
    fraction = Fraction(weight)
    if fraction < 0:
        raise ValueError(f"weight of {key!r} is negative ({weight})")
    return fraction


def _integer_weights(weights: Mapping[K, Weight]) -> dict[K, int]:
    """Validate `weights` and scale them to integers with the same proportions."""
    if not weights:
        raise ValueError("cannot allocate over no keys: weights is empty")
    if all(type(w) is int and w >= 0 for w in weights.values()):
        integers = dict(weights)  # the common case (populations): nothing to convert
    else:
        fractions = {key: _as_fraction(key, weight) for key, weight in weights.items()}
        denominator = math.lcm(*(f.denominator for f in fractions.values()))
        integers = {k: f.numerator * (denominator // f.denominator) for k, f in fractions.items()}
    if not any(integers.values()):
        raise ValueError("cannot allocate: no key has a positive weight")
    return integers  # type: ignore[return-value]


def _tie_key(key: object) -> tuple[str, str]:
    return str(key), type(key).__qualname__


def _split_units(units: int, weights: Mapping[K, int]) -> tuple[list[K], list[int]]:
    """Largest remainder over integer weights for a non-negative number of units: the keys
    and their parts, in the order of `weights`."""
    keys = list(weights)
    values = list(weights.values())
    total_weight = sum(values)
    scaled = [units * weight for weight in values]
    parts = [share // total_weight for share in scaled]
    left_over = units - sum(parts)
    if left_over:
        # (-remainder, -weight, index) sorts the deserving first using int comparisons only;
        # str(key) is computed just for the keys tied at the cut-off.
        candidates = sorted(
            (part * total_weight - share, -weight, index)
            for index, (share, part, weight) in enumerate(zip(scaled, parts, values, strict=True))
            if share != part * total_weight
        )
        cut = candidates[left_over - 1][:2]
        if left_over == len(candidates) or candidates[left_over][:2] != cut:
            # No tie straddles the cut-off (the common case): the first ones win.
            for _r, _w, index in candidates[:left_over]:
                parts[index] += 1
            return keys, parts
        winners = [index for r, w, index in candidates[:left_over] if (r, w) != cut]
        tied = [i for r, w, i in candidates if (r, w) == cut]
        tied.sort(key=lambda i: _tie_key(keys[i]))
        needed = left_over - len(winners)
        if needed < len(tied) and _tie_key(keys[tied[needed - 1]]) == _tie_key(keys[tied[needed]]):
            raise ValueError(
                f"cannot break the tie between keys {keys[tied[needed - 1]]!r} and "
                f"{keys[tied[needed]]!r}: they have the same str() and type; "
                "give the keys distinct names"
            )
        for index in winners + tied[:needed]:
            parts[index] += 1
    return keys, parts


def allocate(total: Amount, weights: Mapping[K, Weight], *, unit: Amount = ORE) -> dict[K, Amount]:
    """Split `total` in proportion to `weights`, in whole `unit`s that sum exactly to `total`.

    Args:
        total: The amount to split; it must be a whole number of `unit`. A negative total
            is split as the negation of the split of its absolute value.
        weights: Non-negative `int`, `Fraction` or `Decimal` weight per key (population,
            percentage, share...). Floats are refused. At least one must be positive.
        unit: The rounding unit, e.g. `finsam.ORE` (default), `finsam.KRONA`, `finsam.TKR`.

    Returns:
        A dict with the keys of `weights`, in the same order; zero weight gets zero.

    Raises:
        ValueError: empty or all-zero weights, a negative weight, a non-positive unit,
            or a total that is not a multiple of the unit.
        TypeError: a weight or amount of the wrong type (floats included).

    Example:
        >>> from finsam import Amount, KRONA, allocate
        >>> allocate(Amount.from_kr(100), {"a": 1, "b": 1, "c": 1}, unit=KRONA)
        {'a': Amount.parse('34 kr'), 'b': Amount.parse('33 kr'), 'c': Amount.parse('33 kr')}
        >>> [p.ore for p in allocate(Amount.from_ore(11), {"x": 6, "y": 6, "z": 2}).values()]
        [5, 5, 1]
    """
    if not isinstance(total, Amount):
        raise TypeError(f"total: expected an Amount, got {type(total).__name__}")
    if not isinstance(unit, Amount) or unit.ore <= 0:
        raise ValueError(f"unit must be a positive Amount, got {unit!r}")
    if not total.is_multiple_of(unit):
        raise ValueError(
            f"total {total} is not a whole number of the rounding unit {unit}; "
            "round the total first or choose a smaller unit"
        )
    integer_weights = _integer_weights(weights)
    units = abs(total.ore) // unit.ore
    step = -unit.ore if total.ore < 0 else unit.ore
    keys, parts = _split_units(units, integer_weights)
    return dict(zip(keys, _trusted_amounts(parts, step), strict=True))


def quotas(total: Amount, weights: Mapping[K, Weight]) -> dict[K, Fraction]:
    """The exact (unrounded) share of `total` in öre for each key, as a `Fraction`.

    Useful to see how far a rounded split, or a printed figure, is from the exact quota.

    >>> from finsam import Amount, quotas
    >>> quotas(Amount.from_ore(10), {"x": 6, "y": 6, "z": 2})["z"]
    Fraction(10, 7)
    """
    integer_weights = _integer_weights(weights)
    total_weight = sum(integer_weights.values())
    return {key: Fraction(total.ore * w, total_weight) for key, w in integer_weights.items()}
