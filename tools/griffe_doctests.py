"""A griffe extension for the docs build: show doctest examples as code.

The docstrings keep plain ``>>>`` examples (pytest runs them). Markdown would read ``>>>``
as nested block quotes, so for the rendered reference this wraps each run of doctest
lines in a ``pycon`` code fence and reads a singular "Example:" header as "Examples:".
"""

from __future__ import annotations

from typing import Any

import griffe


def fence(text: str) -> str:
    """Wrap top-level doctest blocks of a docstring in ```pycon fences."""
    lines = text.splitlines()
    out: list[str] = []
    in_block = False
    for line in lines:
        if line == "Example:":
            line = "Examples:"
        if not in_block and line.startswith(">>>"):
            out.append("```pycon")
            in_block = True
        elif in_block and not line.strip():
            out.append("```")
            in_block = False
        out.append(line)
    if in_block:
        out.append("```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Fence doctests in every docstring griffe loads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence(obj.docstring.value)
