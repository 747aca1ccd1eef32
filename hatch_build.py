"""Compile finsam's gettext catalogs (``.po`` → ``.mo``) with babel when the package is built.

The ``.po`` files in ``src/finsam/locale`` are the source; the ``.mo`` files are build
artifacts (ignored by git, included in the wheel and written into the source tree for an
editable install).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # imported by tools/catalog.py, outside a build
    BuildHookInterface = object


def compile_catalogs(root: Path) -> list[Path]:
    """Compile every ``locale/*/LC_MESSAGES/finsam.po`` under `root` to its ``.mo``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(root.glob("src/finsam/locale/*/LC_MESSAGES/finsam.po")):
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parts[-3])
        mo = po.with_suffix(".mo")
        with mo.open("wb") as target:
            write_mo(target, catalog)
        written.append(mo)
    return written


class CustomBuildHook(BuildHookInterface):  # type: ignore[misc]
    """Compile the catalogs before the wheel (or the editable install) is made."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        compile_catalogs(Path(self.root))
