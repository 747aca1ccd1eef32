"""Printed texts kept beside the typed values read from them.

A report prints "2025-06-31", "Uppfylld till viss del" or "500 000kr"; finsam reads a
date, an assessment or an amount from it. Where the text cannot be read (no such date, a
word outside the vocabulary), or says more than the value (the word as printed, an amount
written in tkr), the object keeps the text in its `printed` field, keyed by the field it
belongs to (``"period"``, or ``"values[2]"`` for one cell of a line). The typed field then
holds the value read, or None when the text could not be read: a date field is always a
date. The loaders fill `printed`; the rule checks report texts that could not be read;
the writers put the printed text back where it came from.

What is kept (the loaders' rule, documented in ``docs/data-files.md``):

- a text that cannot be read as its field's type, always;
- a word of a vocabulary (assessments, orientations, ...) that is not the standard word;
- a date not written ``YYYY-MM-DD``, a period not written ``YYYY-MM-DD – YYYY-MM-DD``;
- an amount written otherwise than finsam writes it (``"1 243 tkr"``, ``"500 000kr"``).

Numbers and counts are kept only when they cannot be read: any Swedish way of writing a
number denotes it exactly.

Example:
    >>> from finsam import Printed
    >>> printed = Printed.of({"period": "2025-06-01 – 2025-06-31"})
    >>> printed["period"], printed.get("status"), bool(printed)
    ('2025-06-01 – 2025-06-31', None, True)
    >>> Printed() == Printed.of({})
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Final

import attrs

from finsam._fields import Model

__all__ = ["NOTHING_PRINTED", "Printed", "to_printed"]


def _pairs(values: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    pairs = tuple(values)
    for pair in pairs:
        if not (
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], str)
            and isinstance(pair[1], str)
        ):
            raise TypeError(f"printed: expected (field, text) pairs of str, got {pair!r}")
    return pairs


@attrs.frozen(repr=False, eq=False)
class Printed(Model):
    """Texts as printed, by the field they belong to.

    Attributes:
        texts: (field, text) pairs, in the order of the fields.
    """

    texts: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)

    @classmethod
    def of(cls, texts: Mapping[str, str]) -> Printed:
        """Printed texts from a mapping of field to text."""
        return cls(tuple(texts.items()))

    def get(self, field: str) -> str | None:
        """The text printed for `field`, or None."""
        for name, text in self.texts:
            if name == field:
                return text
        return None

    def __getitem__(self, field: str) -> str:
        text = self.get(field)
        if text is None:
            raise KeyError(field)
        return text

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def __bool__(self) -> bool:
        return bool(self.texts)

    def __repr__(self) -> str:
        return f"Printed.of({dict(self.texts)!r})" if self.texts else "Printed()"


#: Nothing printed beyond the values: the default of every `printed` field (one shared,
#: immutable instance).
NOTHING_PRINTED: Final = Printed()


def to_printed(value: Printed | Mapping[str, str] | None) -> Printed:
    """A `Printed` from itself, a mapping of field to text, or None (nothing printed)."""
    if value is None:
        return NOTHING_PRINTED
    if isinstance(value, Printed):
        return value
    if isinstance(value, Mapping):
        return Printed.of(value)
    raise TypeError(f"printed: expected a mapping of field to text, got {type(value).__name__}")
