"""The language of messages users read: Swedish by default, English on request.

Messages are written in English in the source (``_("... {name} ...")``) and translated
through gettext catalogs (``finsam/locale/<lang>/LC_MESSAGES/finsam.mo``, compiled from the
``.po`` files with babel when the package is built). The language is chosen, most
specific first, by the ``lang`` argument of `finsam.check` and the loaders, by
`set_language`, or by the ``FINSAM_LANG`` environment variable; it is Swedish otherwise.
Codes, paths and JSON keys never change with the language.
"""

from __future__ import annotations

import contextlib
import gettext
import os
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Final

__all__ = [
    "LANGUAGES",
    "N_",
    "gettext_",
    "language",
    "set_language",
    "translated",
    "using_language",
]

#: The languages finsam's messages come in.
LANGUAGES: Final = ("sv", "en")

_LOCALE_DIR: Final = Path(__file__).parent / "locale"


def _checked(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    return lang


def _default() -> str:
    wanted = os.environ.get("FINSAM_LANG", "").strip().lower()[:2]
    return wanted if wanted in LANGUAGES else "sv"


_current: ContextVar[str | None] = ContextVar("finsam_language", default=None)
_chosen: list[str] = []  # set_language's choice, for every context


def language() -> str:
    """The language messages are written in now: ``"sv"`` or ``"en"``."""
    current = _current.get()
    if current is not None:
        return current
    return _chosen[-1] if _chosen else _default()


def set_language(lang: str) -> None:
    """Write every later message in `lang` (``"sv"`` or ``"en"``).

    >>> from finsam import language, set_language
    >>> set_language("en"); language()
    'en'
    >>> set_language("sv")
    """
    _chosen[:] = [_checked(lang)]


@contextlib.contextmanager
def using_language(lang: str | None) -> Iterator[str]:
    """Write messages in `lang` inside the block (the current language when None)."""
    token = _current.set(language() if lang is None else _checked(lang))
    try:
        yield _current.get() or "sv"
    finally:
        _current.reset(token)


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    try:
        with (_LOCALE_DIR / lang / "LC_MESSAGES" / "finsam.mo").open("rb") as file:
            return gettext.GNUTranslations(file)
    except OSError:
        return gettext.NullTranslations()


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a message for translation (extraction) without translating it now."""
    return message


def gettext_(message: str) -> str:
    """`message` (an English msgid) in the current language."""
    return translated(message, language())


def translated(message: str, lang: str) -> str:
    """`message` (an English msgid) in `lang`."""
    return message if lang == "en" else _catalog(_checked(lang)).gettext(message)


_ = gettext_
