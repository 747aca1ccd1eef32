"""Checks of lag (2003:1210) om finansiell samordning av rehabiliteringsinsatser.

The composition rule of § 3 is enforced when a `Forbund` is built, so no loaded report can
break it; these checks cover what a valid förbund can still get wrong in a year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from finsam.accounts import ColumnKind, Statement
from finsam.forbund import Forbund
from finsam.funding import FundingSplit, split_funding
from finsam.money import Amount
from finsam.parties import Party
from finsam.period import Period
from finsam.rules._core import CHECKS, Context, Finding, Severity
from finsam.rules._util import kr, statement_lines

__all__: list[str] = []

_LAW = "lag (2003:1210)"
_PARTY_NAMES = {party.value: party for party in Party}


def _expected(split: FundingSplit, contributor: str) -> Amount | None:
    if contributor in _PARTY_NAMES:
        return split.by_party()[_PARTY_NAMES[contributor]]
    try:
        return split[contributor]
    except KeyError:
        return None


def _column_period(statement: Statement, key: str, default: Period) -> Period:
    column = statement.column(key)
    return column.period if column.period is not None else default


@CHECKS.register(
    "FS-LAW-001",
    "law",
    "members' contributions follow the 50/25/25 split and the charter's shares",
    f"§ 5 {_LAW}; förbundsordningen",
)
def contributions(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-LAW-001"]
    subject = context.subject
    forbund: Forbund | None = getattr(subject, "forbund", None)
    period: Period | None = getattr(subject, "period", None)
    if forbund is None or period is None:
        return
    known_years = {funding.year for funding in forbund.funding}
    splits: dict[Period, FundingSplit] = {}  # one split per period, however many lines
    for s_index, statement, l_index, line in statement_lines(tuple(subject.statements)):
        if line.contributor is None:
            continue
        for c_index, column in enumerate(statement.columns):
            value = line.values[c_index]
            if value is None or column.kind not in (
                ColumnKind.OUTCOME,
                ColumnKind.BUDGET,
                ColumnKind.FORECAST,
            ):
                continue
            when = _column_period(statement, column.key, period)
            if when.start.year != when.end.year or when.start.year not in known_years:
                continue  # no funding total known for that year: nothing to compare with
            if when not in splits:
                charter_unit = forbund.charter_as_of(when.start).unit
                splits[when] = split_funding(
                    forbund, when.start.year, period=when, unit=charter_unit
                )
            split = splits[when]
            expected = _expected(split, line.contributor)
            path = f"statements[{s_index}].lines[{l_index}].values[{c_index}]"
            if expected is None:
                yield check.finding(
                    Severity.WARNING,
                    f"{statement.title}: {line.label!r} names contributor {line.contributor!r}, "
                    f"which is neither a member of {forbund.name} nor a party of § 5",
                    path,
                    context,
                )
                continue
            printed = Amount.from_kr(abs(value) * statement.unit.amount.kr)
            unit = max(statement.unit.amount, split.unit)
            if context.tolerance.accepts(printed - expected, unit, 1):
                continue
            yield check.finding(
                Severity.ERROR,
                f"{statement.title}: {line.label!r} ({column.label}) is {kr(printed)}, but "
                f"§ 5 and the charter give {kr(expected)} for {when} "
                f"(difference {kr(printed - expected)})",
                path,
                context,
            )


@CHECKS.register(
    "FS-LAW-002",
    "law",
    "every member has a ledamot and as many ersättare as ledamöter; a chair and vice chair",
    f"§ 10, § 12 {_LAW}",
)
def board_representation(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-LAW-002"]
    subject = context.subject
    board = getattr(subject, "board", None)
    forbund: Forbund | None = getattr(subject, "forbund", None)
    if board is None or forbund is None or not board.seats:
        return
    names = {member.name for member in forbund.members}
    for index, seat in enumerate(board.seats):
        if seat.represents not in names:
            yield check.finding(
                Severity.ERROR,
                f"{seat.person} ({seat.role.value}) represents {seat.represents!r}, which is not "
                f"a member: each kommun and region elects its own ledamot and ersättare",
                f"board.seats[{index}].represents",
                context,
            )
    for member in forbund.members:
        seats = board.seats_of(member.name)
        ledamoter = sum(1 for s in seats if s.role.value == "ledamot")
        ersattare = len(seats) - ledamoter
        if ledamoter == 0 or ersattare < ledamoter:
            yield check.finding(
                Severity.ERROR,
                f"{member.name} has {ledamoter} ledamot(er) and {ersattare} ersättare on the "
                "board; every member needs at least one ledamot and as many ersättare",
                "board.seats",
                context,
            )
    if board.chair is None:
        yield check.finding(
            Severity.INFO, "the report names no chair (ordförande)", "board.seats", context
        )
    if not 1 <= len(board.vice_chairs) <= 2:
        yield check.finding(
            Severity.INFO,
            f"the report names {len(board.vice_chairs)} vice chairs; the board appoints one or two",
            "board.seats",
            context,
        )


def _parties_named(text: str, forbund: Forbund) -> set[Party]:
    """The parties a free-text list of organisations names ("AF, FK och samtliga kommuner")."""
    lowered = text.lower()
    parties: set[Party] = set()
    if "försäkringskassan" in lowered or "arbetsförmedlingen" in lowered:
        parties.add(Party.STATE)
    # The regions run health care: primärvård, vårdcentraler and psychiatry are theirs.
    if re.search(r"\bregion|landsting|primärvård|vårdcentral|sjukvård|psykiatri", lowered):
        parties.add(Party.REGION)
    if re.search(r"kommun|\bstad\b", lowered):
        parties.add(Party.KOMMUNER)
    for member in forbund.members:  # whole words: a member "R" is not in "Försäkringskassan"
        if re.search(rf"\b{re.escape(member.name.lower())}\b", lowered):
            parties.add(member.party)
    return parties


@CHECKS.register(
    "FS-LAW-003",
    "law",
    "an insats involves at least two parties, and its lead is a member or the förbund",
    f"§ 7 {_LAW}",
)
def insats_parties(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-LAW-003"]
    forbund: Forbund | None = getattr(context.subject, "forbund", None)
    if forbund is None:
        return
    for index, insats in enumerate(getattr(context.subject, "insatser", ())):
        lead = insats.lead.strip()
        is_forbund = lead.lower() == forbund.name.lower() or lead.lower().startswith(
            ("samordningsförbund", "förbundet")
        )
        if lead and not is_forbund and not _parties_named(lead, forbund):
            yield check.finding(
                Severity.ERROR,
                f"{insats.name}: the lead {lead!r} is neither a member nor the förbund",
                f"insatser[{index}].lead",
                context,
            )
        involved = _parties_named(" ".join((lead, *insats.cooperating)), forbund)
        if len(involved) >= 2 or not (insats.cooperating or lead):
            continue
        named = ", ".join(sorted(p.value for p in involved)) or "none"
        if insats.cooperating:
            yield check.finding(
                Severity.ERROR,
                f"{insats.name}: involves {len(involved)} party ({named}); an insats needs at "
                "least two (several kommuner count as one)",
                f"insatser[{index}].cooperating",
                context,
            )
        else:
            yield check.finding(
                Severity.INFO,
                f"{insats.name}: the report names no cooperating party (only {named}); an "
                "insats needs at least two",
                f"insatser[{index}].cooperating",
                context,
            )


@CHECKS.register(
    "FS-LAW-004",
    "law",
    "an insats's target ages lie within the förbund's stated target group",
    f"§ 2 {_LAW}; the förbund's own target group",
)
def target_ages(context: Context) -> Iterator[Finding]:
    check = CHECKS["FS-LAW-004"]
    band = getattr(context.subject, "target_age_band", None)
    if band is None:
        return
    for index, insats in enumerate(getattr(context.subject, "insatser", ())):
        own = insats.age_band
        if own is None or own.within(band) is not False:
            continue
        yield check.finding(
            Severity.WARNING,
            f"{insats.name}: targets {own}, outside the förbund's target group {band}",
            f"insatser[{index}].age_band",
            context,
        )
