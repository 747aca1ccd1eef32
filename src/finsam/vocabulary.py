"""Swedish words as reports print them, mapped onto finsam's standard scales.

Reports word the same thing many ways: "Uppfylld", "Uppfyllt", "Uppfyllda", "Målet är
uppfyllt"; "Individ", "Individinriktad", "Individ - Rehabilitering mot arbete/utbildning";
"Endast volym", "Volyminsats". Each vocabulary below is an ordered list of patterns, tried
on the text after case and white space are normalised; the first that matches gives the
standard value. A text no pattern matches has no standard value: the loaders keep it as
printed and the checks report it (info), never guessing.

The tables are printed in ``docs/data-files.md``; `rules` gives them to code.

Example:
    >>> from finsam.vocabulary import read_word
    >>> read_word("assessment", "Uppfylld till viss del")
    'delvis uppfyllt'
    >>> read_word("orientation", "Individ - Rehabilitering mot arbete/utbildning")
    'individinriktad'
    >>> read_word("registration", "Volyminsats"), read_word("assessment", "nästan")
    ('endast volym', None)
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from functools import cache
from typing import Final, Self

from finsam._fields import ShortTextCache

__all__ = ["VOCABULARIES", "Worded", "normalise", "read_word", "rules"]

# Each vocabulary: (pattern, standard value) pairs, tried in order on normalised text.
# A rule whose value is None stops the search: the text is known to have no standard value
# (work *or* studies together cannot be put in one group).
VOCABULARIES: Final[Mapping[str, tuple[tuple[str, str | None], ...]]] = {
    "assessment": (
        (r"^(måttet|indikatorn|målet)?\s*utg(år|ått|år helt)$", "måttet utgår"),
        (r"^(ej|inte|icke)\b.*uppfyll|^uppfyll\w*\s+(ej|inte)$|^ej\b$", "ej uppfyllt"),
        (r"^delvis\b|\btill (viss|någon|en viss) del$|^uppfyll\w*\s+delvis$", "delvis uppfyllt"),
        (
            r"\btill (övervägande|stor|största|större) del(en)?$"
            r"|^(i huvudsak|huvudsakligen)\s+uppfyll"
            r"|^till övervägande del",
            "uppfyllt till övervägande del",
        ),
        (r"^(helt\s+)?uppfyll(t|d|da|des|ts|s)?(\s+helt|\s+i sin helhet)?$", "uppfyllt"),
    ),
    "orientation": (
        (r"^individ", "individinriktad"),
        (r"^struktur", "strukturövergripande"),
        (r"^kartl[äa]gg", "kartläggning av individer"),
        (r"^(förebygg|prevent)", "förebyggande"),
    ),
    "registration": (
        (r"^(endast |bara )?volym|ej med personuppgifter|^anonym$", "endast volym"),
        (
            r"^(med )?personuppgifter|^individ(registrering|uppföljning)|^sus\b",
            "med personuppgifter",
        ),
    ),
    "status": (
        (r"^(pågå|löpande|i gång|igång|startad)", "pågående"),
        (r"^avslut", "avslutad"),
        (r"^(planer|ej påbörjad|inte påbörjad|ej startad|inte startad|kommande)", "planerad"),
        (r"^(framskjut|uppskjut|skjuts upp|vilande|pausad)", "framskjuten"),
    ),
    "board_role": (
        (r"^(ordinarie\s+)?ledam(ot|öter)$|^ordinarie$", "ledamot"),
        (r"^(ersättare|suppleant(er)?)$", "ersättare"),
    ),
    "outcome": (
        (r"arbete\s*(eller|och|/|,)\s*studier|studier\s*(eller|och|/|,)\s*arbete", None),
        (r"arbetssök|söka arbete|söker arbete", "arbetssökande"),
        (
            r"rehabilitering|arbetsträning|arbetsprövning|praktik|sjukersättning|"
            r"aktivitetsersättning|sjukskriv|sjukpenning|annan|övrig|avbrott|flytt",
            "annat",
        ),
        (r"^(studier|utbildning|studera|studerar|studiestart|reguljära studier)", "studier"),
        (
            r"^(arbete|anställning|lönearbete|jobb|subventionerad anställning|eget företag)",
            "arbete",
        ),
    ),
}

# Words a report may put before the word itself ("Målet är uppfyllt"), dropped first.
_LEADS: Final[Mapping[str, str]] = {  # compiled on first use
    "assessment": r"^(målet|indikatorn|måttet|bedömning)\s*(är|har|:)?\s+(?=\S)",
}

_DASHES: Final = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})


def normalise(text: str) -> str:
    """Lower case, dashes made hyphens, runs of white space one space, ends trimmed.

    >>> from finsam.vocabulary import normalise
    >>> normalise("  Uppfyllt\\u00a0till  VISS del. ")
    'uppfyllt till viss del'
    """
    return " ".join(text.translate(_DASHES).split()).casefold().strip(" .,;:!")


@cache
def _compiled(
    vocabulary: str,
) -> tuple[frozenset[str], tuple[tuple[re.Pattern[str], str | None], ...]]:
    table = VOCABULARIES[vocabulary]
    standard = frozenset(value for _, value in table if value is not None)
    return standard, tuple((re.compile(pattern), value) for pattern, value in table)


def read_word(vocabulary: str, text: str) -> str | None:
    """The standard value `text` stands for in `vocabulary`, or None when it fits no rule.

    The standard values themselves always read as themselves.
    """
    if not isinstance(text, str):
        return None
    return _read_word(vocabulary, text)


@ShortTextCache
def _read_word(vocabulary: str, text: str) -> str | None:
    plain = normalise(text)
    lead = _LEADS.get(vocabulary)
    if lead is not None:
        plain = re.sub(lead, "", plain)
    standard, table = _compiled(vocabulary)
    if plain in standard:
        return plain
    for pattern, value in table:
        if pattern.search(plain):
            return value
    return None


def rules(vocabulary: str) -> tuple[tuple[str, str | None], ...]:
    """The (pattern, standard value) rules of a vocabulary, in the order they are tried."""
    return VOCABULARIES[vocabulary]


class Worded(enum.Enum):
    """An enum whose members reports print in words: the base of finsam's vocabularies.

    A subclass names its vocabulary with a `vocabulary` classmethod. Constructing a member
    from any printed word of the vocabulary works (``Assessment("Uppfylld")``); `read`
    gives None for a word outside it and `parse` raises a `ValueError` listing the words.
    """

    @classmethod
    def vocabulary(cls) -> str:
        """The name of the vocabulary in `VOCABULARIES`."""
        raise NotImplementedError

    @classmethod
    def read(cls, text: str) -> Self | None:
        """The member a printed text stands for, or None when it fits no rule."""
        value = read_word(cls.vocabulary(), text)
        return None if value is None else cls(value)

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member a printed text stands for; a `ValueError` names the standard words."""
        if not isinstance(text, str):
            raise TypeError(f"{cls.__name__}.parse expects a str, got {type(text).__name__}")
        member = cls.read(text)
        if member is None:
            allowed = ", ".join(repr(m.value) for m in cls)
            raise ValueError(
                f"{text!r} is not a {cls.__name__} word finsam knows; the standard words are "
                f"{allowed} (and the variants in finsam.vocabulary)"
            )
        return member

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        return cls.read(value) if isinstance(value, str) else None
