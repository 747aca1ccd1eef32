"""Keep the gettext catalogs in step with the sources.

    python tools/catalog.py            # extract, update every .po, compile the .mo, report gaps
    python tools/catalog.py --check    # only report: exit 1 when a message lacks a translation

Messages are English msgids in the sources: ``_()``, ``gettext_()``, ``N_()`` (marked for
later translation) and ``_expected()`` (what a loader expected). The ``.mo`` files are
compiled when the package is built (``hatch_build.py``); the test suite checks that every
message has a translation with the same placeholders (``tests/test_i18n.py``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = ["N_", "_", "gettext_", "_expected"]


def extract(target: Path) -> None:
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "--quiet",
            "extract",
            *keywords,
            "--no-location",
            "--sort-output",
            "-o",
            str(target),
            str(ROOT / "src" / "finsam"),
        ],
        check=True,
    )


def main(argv: list[str]) -> int:
    from babel.messages.pofile import read_po

    template = ROOT / "build" / "finsam.pot"
    template.parent.mkdir(exist_ok=True)
    extract(template)
    if "--check" not in argv:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "babel.messages.frontend",
                "--quiet",
                "update",
                "-i",
                str(template),
                "-d",
                str(ROOT / "src" / "finsam" / "locale"),
                "-D",
                "finsam",
                "--no-fuzzy-matching",
                "--ignore-obsolete",
            ],
            check=True,
        )
        sys.path.insert(0, str(ROOT))
        from hatch_build import compile_catalogs

        compile_catalogs(ROOT)
    missing = 0
    for po in sorted((ROOT / "src" / "finsam" / "locale").glob("*/LC_MESSAGES/finsam.po")):
        with po.open("rb") as file:
            catalog = read_po(file)
        for message in catalog:
            if message.id and not message.string:
                missing += 1
                print(f"{po.relative_to(ROOT)}: untranslated: {message.id!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
