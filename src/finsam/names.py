"""One rule for matching the names documents give members: "Ljusdal kommun" is "Ljusdals kommun".

Reports write the same member many ways: with or without the genitive -s ("Ljusdal
kommun", "Ljusdals kommun"), with or without "kommun" or "stad" ("Mölndal", "Mölndals
stad"), "Region Gävleborg" or "Landstinget Gävleborg" or "Gävleborg", in any case, with
no-break spaces. A name refers to a member when, after the steps below, the two share a
form. The board check, the insats checks and `Forbund.member` all use this rule.

1. Case, runs of white space (no-break spaces included) and surrounding punctuation
   are ignored.
2. A leading "region", "regionen", "landsting" or "landstinget" marks a region, a trailing
   "kommun", "kommuns", "stad" or "stads" marks a kommun; the marker is dropped, and a
   name with a marker only matches members of that kind. A trailing "län" is dropped.
3. A trailing genitive -s may be dropped: "ljusdals" also reads "ljusdal".
4. Försäkringskassan is also "FK", Arbetsförmedlingen also "AF" or "Af".
5. A member's own `aliases` count as its names.

A name that fits two members (a region and a kommun of the same name, written bare) fits
neither: finsam does not guess.

Example:
    >>> from finsam.names import same_member
    >>> same_member("Ljusdal kommun", "Ljusdals kommun"), same_member("Mölndal", "Mölndals stad")
    (True, True)
    >>> same_member("Region Gävleborg", "Gävleborgs kommun")
    False
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from finsam._fields import ShortTextCache
from finsam.parties import Member, MemberKind

__all__ = ["find_member", "name_forms", "same_member"]

_REGION_WORDS: Final = ("region", "regionen", "landsting", "landstinget")
_KOMMUN_WORDS: Final = ("kommun", "kommuns", "stad", "stads", "kommune")
_STATE: Final = {
    "fk": MemberKind.FORSAKRINGSKASSAN,
    "försäkringskassan": MemberKind.FORSAKRINGSKASSAN,
    "af": MemberKind.ARBETSFORMEDLINGEN,
    "arbetsförmedlingen": MemberKind.ARBETSFORMEDLINGEN,
}
_EDGES: Final = re.compile(r"^[\s.,;:()\-–]+|[\s.,;:()\-–]+$")


def name_forms(name: str) -> tuple[MemberKind | None, frozenset[str]]:
    """The kind a name marks (or None) and the forms it can be compared by.

    >>> from finsam.names import name_forms
    >>> kind, forms = name_forms("Ljusdals  Kommun")
    >>> kind, sorted(forms)
    (<MemberKind.KOMMUN: 'kommun'>, ['ljusdal', 'ljusdals'])
    """
    return _name_forms(name)  # the checks compare the same few dozen names again and again


@ShortTextCache
def _name_forms(name: str) -> tuple[MemberKind | None, frozenset[str]]:
    words = _EDGES.sub("", " ".join(name.split()).casefold()).split(" ")
    kind: MemberKind | None = None
    if words and words[0] in _REGION_WORDS and len(words) > 1:
        kind, words = MemberKind.REGION, words[1:]
    elif words and words[-1] in _KOMMUN_WORDS and len(words) > 1:
        kind, words = MemberKind.KOMMUN, words[:-1]
    if len(words) > 1 and words[-1] == "län":
        words = words[:-1]
    base = " ".join(words)
    if base in _STATE:
        return _STATE[base], frozenset({_STATE[base].value})
    forms = {base}
    if len(base) > 3 and base.endswith("s"):
        forms.add(base[:-1])
    return kind, frozenset(forms)


def _fits(kind: MemberKind | None, forms: frozenset[str], member: Member) -> bool:
    """Whether a name of this kind and these forms (`name_forms`) may be `member`'s."""
    if kind is not None and kind is not member.kind:
        return False
    for own in (member.name, *member.aliases):
        own_kind, own_forms = name_forms(own)
        if own_kind is not None and own_kind is not member.kind:
            continue
        if forms & own_forms:
            return True
    return False


def find_member(name: str, members: Iterable[Member]) -> Member | None:
    """The one member `name` refers to, or None when it fits none or several.

    >>> from finsam import load_forbund
    >>> from finsam.names import find_member
    >>> find_member("ljusdal", load_forbund("gavleborg").members).name
    'Ljusdals kommun'
    """
    members = tuple(members)
    for member in members:
        if name == member.name or name in member.aliases:
            return member
    kind, forms = name_forms(name)
    fitting = [member for member in members if _fits(kind, forms, member)]
    return fitting[0] if len(fitting) == 1 else None


def same_member(name: str, other: str) -> bool:
    """Whether two names can refer to the same member under the rule above."""
    kind, forms = name_forms(name)
    other_kind, other_forms = name_forms(other)
    if kind is not None and other_kind is not None and kind is not other_kind:
        return False
    return bool(forms & other_forms)
