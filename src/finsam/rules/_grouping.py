"""One problem, one finding: merging the candidates that share a cause.

The rule, deterministic and independent of the order in which checks run:

1. **Aliases.** Printed cells that the document links and that agree (a line and the same
   figure in another table, a note's total and the line it explains) count as one cell.
2. **The same problem twice.** Candidates of one check about the same set of cells are one
   problem (the same figure printed in two tables gives the same finding twice); candidates
   of any checks about the same part of the document that is not a printed cell (an
   insats's outcome shares, the board, a figure of the text) are one problem.
3. **One cause.** Candidates that a single cell would all resolve, with one value, share
   that cause: a revenue line that makes both its total and its note disagree, a missing
   minus sign that breaks both a total and a deviation column. The cell and the value it
   would need are named as the likely cause.
4. **The finding.** Each group becomes one finding: the most serious candidate (then the
   family — law, accounting, policy, consistency — then the code, then the first place)
   gives its code and message; its severity is the highest; its places are every
   candidate's places, without repeats; what the other candidates say is kept in `also`
   (``"CODE: message"``). Which candidates group, and what each finding says, never depend
   on the order the checks run in; findings are listed in check order, then in document
   order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from fractions import Fraction
from functools import cache
from typing import Any, Final

from finsam.rules._core import Candidate, Check, Finding, Place, Suspect
from finsam.rules._messages import N_, Message

__all__ = ["merge"]


class _Groups:
    """Union-find over candidate indexes; the smallest index is a group's root."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


Raised = tuple[int, Check, Any]


def _same(cell: Hashable) -> Hashable:
    return cell


def _is_cell(key: Hashable) -> bool:
    """A printed cell's key: (statement, line, column), three ints."""
    return (
        isinstance(key, tuple)
        and len(key) == 3
        and type(key[0]) is int
        and type(key[1]) is int
        and type(key[2]) is int
    )


#: Which family leads a group when severities tie: the law, then the accounts, the
#: förbund's policy, the documents' consistency (then the code).
_FAMILIES: Final = ("FS-LAW", "FS-ACC", "FS-POL", "FS-CON")


@cache
def _precedence(code: str) -> tuple[int, str]:
    family = next((i for i, prefix in enumerate(_FAMILIES) if code.startswith(prefix)), 4)
    return family, code


def _sort_key(item: tuple[int, Check, Candidate]) -> tuple[tuple[int, str], str, str]:
    """An order of candidates that depends on what they say, never on the order of checks."""
    _order, check, candidate = item
    first = candidate.places[0].path if candidate.places else ""
    return _precedence(check.code), first, candidate.message.template


def merge(
    raised: Iterable[Raised],
    source: str | None,
    lang: str,
    alias: Callable[[Hashable], Hashable] | None = None,
) -> list[Finding]:
    """Merge what the checks raised into findings (see the module docstring)."""
    if alias is None:
        alias = _same
    raised = list(raised)
    ready = [item for _o, _c, item in raised if isinstance(item, Finding)]
    items = sorted(
        ((o, c, item) for o, c, item in raised if isinstance(item, Candidate)), key=_sort_key
    )
    groups = _Groups(len(items))
    # 2. The same problem twice: one check, the same cells.
    seen: dict[Hashable, int] = {}
    for index, (_order, check, candidate) in enumerate(items):
        keys: list[Hashable] = [key for key in candidate.cells if not _is_cell(key)]
        if candidate.cells:
            keys.append((check.code, frozenset(map(alias, candidate.cells))))
        for key in keys:
            if key in seen:
                groups.join(seen[key], index)
            else:
                seen[key] = index
    # 3. One cause: candidates that one cell, at one value, would all resolve.
    suspects: dict[Hashable, list[tuple[int, Suspect]]] = defaultdict(list)
    for index, (_order, _check, candidate) in enumerate(items):
        for suspect in candidate.solves:
            suspects[alias(suspect.cell)].append((index, suspect))
    shared: list[tuple[int, Suspect]] = []  # suspects that explain more than one candidate
    for entries in suspects.values():
        for index, suspect in entries:
            agreeing = [other for other, theirs in entries if _agree(theirs, suspect)]
            if len(agreeing) > 1:
                for other in agreeing:
                    groups.join(index, other)
                shared.append((index, suspect))
    # The cause of a group: the suspect of its leading candidate (the first in `items`).
    causes: dict[int, Suspect] = {}
    for index, suspect in sorted(shared, key=lambda entry: entry[0]):
        causes.setdefault(groups.root(index), suspect)
    # 4. One finding per group.
    members: dict[int, list[int]] = defaultdict(list)
    for index in range(len(items)):
        members[groups.root(index)].append(index)
    findings = []
    for root, indexes in members.items():
        findings.append(_finding([items[i] for i in indexes], causes.get(root), source, lang))
    # Listed in the checks' own order, then by place (presentation only).
    order: dict[str, int] = {}
    for position, check, _candidate in items:
        order[check.code] = min(position, order.get(check.code, position))
    findings.sort(key=lambda f: (order.get(f.code, 0), f.path))
    return findings + ready


def _agree(one: Suspect, other: Suspect) -> bool:
    """Whether two suspects ask the same value of their cell, within both allowances."""
    gap: int | Fraction = one.needed - other.needed
    allowance: int | Fraction = one.within + other.within
    return -allowance <= gap <= allowance


def _finding(
    group: list[tuple[int, Check, Candidate]], cause: Suspect | None, source: str | None, lang: str
) -> Finding:
    principal = min(group, key=lambda item: (-item[2].severity.rank, _sort_key(item)))
    _order, check, candidate = principal
    places: list[Place] = []
    seen: set[str] = set()
    for _o, _c, other in [principal, *group]:
        for place in other.places:
            if place.path not in seen:
                seen.add(place.path)
                places.append(place)
    cause_text = None
    if cause is not None:
        cause_text = Message.of(
            N_("Likely cause: {label} prints {printed} where {expected} makes the figures agree."),
            label=cause.label,
            printed=cause.place.figure or "",
            expected=cause.expected_text(),
        ).render(lang)
        places = [cause.place, *(p for p in places if p.path != cause.place.path)]
    message = candidate.message.render(lang)
    also = []
    for _o, other_check, other in group:  # in the order of `items`: sorted by `_sort_key`
        if other is candidate:
            continue
        said = other.message.render(lang)
        text = f"{other_check.code}: {said}"
        if said != message and text not in also:
            also.append(text)
    return Finding(
        code=check.code,
        severity=candidate.severity,
        message=message,
        path=places[0].path if places else "",
        reference=check.reference,
        source=source,
        places=tuple(places),
        cause=cause_text,
        also=tuple(also),
    )
