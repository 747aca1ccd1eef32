"""Findings of versions of finsam side by side: the same documents, the same findings?

    python tools/compare_findings.py 55c6dab work              # 500 documents, seed 2026
    python tools/compare_findings.py HEAD~3 HEAD work --cases 2000 --seed 7

For work that should change no finding (speed, refactoring), this is the check: each version
(a git revision, or ``work`` for the working tree, prepared as `benchmarks/bench_compare.py`
prepares it) checks the same documents, in Swedish and in English, and the texts of their
findings (``repr``, every field) must be identical. The documents are the bundled reports
changed at random, from the seed: printed figures shifted, blanked, zeroed, rounded or their
sign flipped; the charter's kommun percentages redrawn; insatser given other leads and
cooperating parties. Each version draws them in its own process with the same seed, so a
version whose model cannot build a document says so instead of comparing.

Prints how many documents and checks there were and how many differ, with the first
difference (from a little before the first character that differs); exits 1 when any
differs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_compare import prepare, run_version  # noqa: E402 - as the benchmark does

#: Run with one version's ``src`` first on ``sys.path``: the findings of every document, one
#: line each, to the file named by ``sys.argv[1]``.
FINDINGS = r"""
import random, sys
from decimal import Decimal
import attrs
from finsam import check, load_report
from finsam.forbund import Charter

import finsam

out, src, cases, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
if not finsam.__file__.startswith(src):  # another finsam (an install, the current folder)
    sys.exit(f"imported {finsam.__file__}, not the version in {src}")
rng = random.Random(seed)
names = ["gavleborg-2019-h1", "mphla-2016-jan-aug", "gavleborg-plan-2020-2022"]
bundled = {name: load_report(name) for name in names}
parties = ["", "Försäkringskassan", "AF", "FK och samtliga kommuner", "Region Gävleborg",
           "Gävle", "socialpsykiatrin", "Ljusdals kommun, sektor lärande", "kommunerna",
           "Samordningsförbundet", "primärvården", "Hofors/Ockelbo", "Uppsala kommun"]
shifts = [0, 1, -1, 250, -3000, 100000, Decimal("0.5"), Decimal("0.05"), Decimal("-0.5")]


def changed(value):
    draw = rng.random()
    if draw < 0.15 or value is None:
        return None
    if draw < 0.25:
        return Decimal(0)
    if draw < 0.35:
        return value.quantize(Decimal(1)) if rng.random() < 0.5 else value * 10
    return value * rng.choice([1, 1, -1]) + rng.choice(shifts)


def document(name):
    report = bundled[name]
    forbund = report.forbund
    charter = forbund.charters[0] if forbund.charters else None
    if charter is not None and charter.kommun_percentages and rng.random() < 0.3:
        shares = {
            kommun: Decimal(rng.randint(-400, 4000)).scaleb(-rng.randint(0, 2))
            if rng.random() < 0.3 else share
            for kommun, share in charter.kommun_percentages
        }
        redrawn = Charter(charter.valid_from, kommun_percentages=shares)
        forbund = attrs.evolve(forbund, charters=[redrawn, *forbund.charters[1:]])
    changes = {"forbund": forbund}
    statements = list(getattr(report, "statements", ()))
    for _ in range(rng.randint(0, 5) if statements else 0):
        index = rng.randrange(len(statements))
        table = statements[index]
        if not table.lines:
            continue
        line = rng.randrange(len(table.lines))
        values = list(table.lines[line].values)
        if values:
            cell = rng.randrange(len(values))
            values[cell] = changed(values[cell])
        lines = list(table.lines)
        lines[line] = attrs.evolve(lines[line], values=values)
        statements[index] = attrs.evolve(table, lines=lines)
    if statements:
        changes["statements"] = statements
    insatser = list(report.insatser)
    for _ in range(rng.randint(0, 3) if insatser else 0):
        index = rng.randrange(len(insatser))
        insatser[index] = attrs.evolve(
            insatser[index],
            lead=rng.choice(parties),
            cooperating=rng.sample(parties[1:], rng.randint(0, 3)),
        )
    if insatser:
        changes["insatser"] = insatser
    return attrs.evolve(report, **changes)


with open(out, "w", encoding="utf-8") as file:
    for case in range(cases):
        name = rng.choice(names)
        try:
            subject = document(name)
        except (TypeError, ValueError) as error:  # the model refuses what was drawn
            file.write(f"{case} {name} refused: {error!r}\n")
            continue
        for lang in ("sv", "en"):
            file.write(f"{case} {name} {lang} {check(subject, lang=lang)!r}\n")
"""


def findings(src: Path, out: Path, cases: int, seed: int) -> dict[str, str]:
    """One version's findings by document and language ("12 mphla-2016-jan-aug sv")."""
    run_version(
        src,
        FINDINGS,
        *map(str, (out, src, cases, seed)),
        failing=f"compare_findings: {src.parent.name} cannot check",
    )
    found = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        case, name, lang, _rest = line.split(" ", 3)
        found[f"{case} {name} {lang.rstrip(':')}"] = line
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+", metavar="REV", help="git revisions, or work")
    parser.add_argument("--cases", type=int, default=500, help="documents (default 500)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="finsam-findings-") as tmp:
        folder = Path(tmp)
        found = {
            revision: findings(
                prepare(revision, folder), folder / f"{index}.txt", args.cases, args.seed
            )
            for index, revision in enumerate(args.revisions)
        }
    first, *others = args.revisions
    base = found[first]
    refused = sum(key.endswith(" refused") for key in base)
    print(
        f"{args.cases} documents (seed {args.seed}, {refused} refused by the model), "
        f"{len(base) - refused} checks in {first}"
    )
    differing = 0
    for revision in others:
        theirs = found[revision]
        keys = list(dict.fromkeys([*base, *theirs]))  # in document order
        different = [key for key in keys if base.get(key) != theirs.get(key)]
        differing += len(different)
        print(f"{revision}: {len(different)} of {len(keys)} differ from {first}")
        if different:
            one, other = base.get(different[0], ""), theirs.get(different[0], "")
            pairs = enumerate(zip(one, other, strict=False))
            same = next((i for i, (a, b) in pairs if a != b), min(len(one), len(other)))
            start = max(0, same - 120)
            print(f"  first difference, {different[0]}:")
            print(f"  {first}: …{one[start : start + 400]}")
            print(f"  {revision}: …{other[start : start + 400]}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
