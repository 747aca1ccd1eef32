"""finsam: domain objects, the funding split and rule checks for Swedish samordningsförbund.

The names in ``finsam.__all__`` — the domain objects, the funding split, loading and
saving, the checks and their settings — are importable from here; the rest lives in the
subpackages, reachable as ``finsam.io``, ``finsam.rules``, ``finsam.present`` (formatting,
HTML tables, pandas frames, plots, CSV/Excel export) and friends. Names are loaded on first
use (PEP 562), so a script that only splits funding never loads the file readers or the
rule checks.

>>> from finsam import load_forbund, split_funding
>>> split = split_funding(load_forbund("gavleborg"), 2019)
>>> split["Region Gävleborg"]
Amount.parse('3 329 750 kr')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from finsam._i18n import language, set_language
    from finsam.accounts import (
        Column,
        ColumnKind,
        Line,
        LineRole,
        PrintedUnit,
        SignConvention,
        Statement,
        StatementKind,
    )
    from finsam.allocation import (
        Weight,
        allocate,
        quotas,
    )
    from finsam.budget import (
        Budget,
        BudgetCategory,
        BudgetLine,
        revenue_lines_from_split,
    )
    from finsam.errors import DataError, FinsamError, MissingDataError, Problem
    from finsam.forbund import (
        AnnualFunding,
        Board,
        BoardRole,
        BoardSeat,
        Charter,
        Forbund,
        OrgNumber,
        Samordningsforbund,
        rescale_percentages,
    )
    from finsam.funding import (
        PARTY_SHARES,
        Contribution,
        FundingSplit,
        StateAllocationBasis,
        allocate_state_appropriation,
        instalments,
        split_funding,
        without_member,
    )
    from finsam.goals import (
        TARGET_THRESHOLDS,
        Assessment,
        Goal,
        Improvement,
        Indicator,
        NationalComparison,
        RatioLimit,
        SurveyQuestion,
        TargetIndicator,
        YesNo,
    )
    from finsam.insats import (
        AgeBand,
        BudgetPart,
        Insats,
        InsatsStatement,
        Orientation,
        OutcomeGroup,
        Outcomes,
        OutcomeShare,
        Participants,
        RegistrationMode,
        Status,
        YearBudget,
    )
    from finsam.io import dump_json, dump_toml, load, load_forbund, load_report, save
    from finsam.io.datasets import forbund_names, report_names
    from finsam.io.table import read_table
    from finsam.money import (
        KRONA,
        MKR,
        ORE,
        TKR,
        Amount,
    )
    from finsam.parties import (
        Member,
        MemberKind,
        Party,
        Population,
    )
    from finsam.period import (
        Period,
        ProrateBy,
        prorate,
    )
    from finsam.printed import Printed
    from finsam.reports import (
        AnnualReport,
        Forecast,
        InterimReport,
        KeyFigures,
        Plan,
        StatedFigure,
    )
    from finsam.rules import (
        Finding,
        Materiality,
        Registry,
        Rounding,
        Settings,
        Severity,
        Tolerance,
        check,
    )

#: Where each public name lives.
_LOCATIONS: dict[str, str] = {
    "Column": "finsam.accounts",
    "ColumnKind": "finsam.accounts",
    "Line": "finsam.accounts",
    "LineRole": "finsam.accounts",
    "PrintedUnit": "finsam.accounts",
    "SignConvention": "finsam.accounts",
    "Statement": "finsam.accounts",
    "StatementKind": "finsam.accounts",
    "AnnualFunding": "finsam.forbund",
    "Board": "finsam.forbund",
    "BoardRole": "finsam.forbund",
    "BoardSeat": "finsam.forbund",
    "Charter": "finsam.forbund",
    "Forbund": "finsam.forbund",
    "OrgNumber": "finsam.forbund",
    "Samordningsforbund": "finsam.forbund",
    "PARTY_SHARES": "finsam.funding",
    "Contribution": "finsam.funding",
    "FundingSplit": "finsam.funding",
    "StateAllocationBasis": "finsam.funding",
    "allocate_state_appropriation": "finsam.funding",
    "split_funding": "finsam.funding",
    "instalments": "finsam.funding",
    "without_member": "finsam.funding",
    "rescale_percentages": "finsam.forbund",
    "TARGET_THRESHOLDS": "finsam.goals",
    "Assessment": "finsam.goals",
    "Goal": "finsam.goals",
    "Improvement": "finsam.goals",
    "Indicator": "finsam.goals",
    "NationalComparison": "finsam.goals",
    "RatioLimit": "finsam.goals",
    "TargetIndicator": "finsam.goals",
    "YesNo": "finsam.goals",
    "AgeBand": "finsam.insats",
    "BudgetPart": "finsam.insats",
    "InsatsStatement": "finsam.insats",
    "OutcomeGroup": "finsam.insats",
    "OutcomeShare": "finsam.insats",
    "SurveyQuestion": "finsam.goals",
    "Insats": "finsam.insats",
    "Orientation": "finsam.insats",
    "Outcomes": "finsam.insats",
    "Participants": "finsam.insats",
    "RegistrationMode": "finsam.insats",
    "Status": "finsam.insats",
    "YearBudget": "finsam.insats",
    "Weight": "finsam.allocation",
    "allocate": "finsam.allocation",
    "quotas": "finsam.allocation",
    "Budget": "finsam.budget",
    "BudgetCategory": "finsam.budget",
    "BudgetLine": "finsam.budget",
    "revenue_lines_from_split": "finsam.budget",
    "forbund_names": "finsam.io.datasets",
    "load": "finsam.io",
    "load_forbund": "finsam.io",
    "load_report": "finsam.io",
    "report_names": "finsam.io.datasets",
    "save": "finsam.io",
    "dump_json": "finsam.io",
    "dump_toml": "finsam.io",
    "read_table": "finsam.io.table",
    "DataError": "finsam.errors",
    "FinsamError": "finsam.errors",
    "MissingDataError": "finsam.errors",
    "Problem": "finsam.errors",
    "Printed": "finsam.printed",
    "language": "finsam._i18n",
    "set_language": "finsam._i18n",
    "KRONA": "finsam.money",
    "MKR": "finsam.money",
    "ORE": "finsam.money",
    "TKR": "finsam.money",
    "Amount": "finsam.money",
    "Member": "finsam.parties",
    "MemberKind": "finsam.parties",
    "Party": "finsam.parties",
    "Population": "finsam.parties",
    "Period": "finsam.period",
    "ProrateBy": "finsam.period",
    "prorate": "finsam.period",
    "AnnualReport": "finsam.reports",
    "Forecast": "finsam.reports",
    "InterimReport": "finsam.reports",
    "KeyFigures": "finsam.reports",
    "Plan": "finsam.reports",
    "StatedFigure": "finsam.reports",
    "Finding": "finsam.rules",
    "Severity": "finsam.rules",
    "Settings": "finsam.rules",
    "Materiality": "finsam.rules",
    "Rounding": "finsam.rules",
    "Registry": "finsam.rules",
    "Tolerance": "finsam.rules",
    "check": "finsam.rules",
}

__all__ = [
    "KRONA",
    "MKR",
    "ORE",
    "PARTY_SHARES",
    "TARGET_THRESHOLDS",
    "TKR",
    "AgeBand",
    "Amount",
    "AnnualFunding",
    "AnnualReport",
    "Assessment",
    "Board",
    "BoardRole",
    "BoardSeat",
    "Budget",
    "BudgetCategory",
    "BudgetLine",
    "BudgetPart",
    "Charter",
    "Column",
    "ColumnKind",
    "Contribution",
    "DataError",
    "Finding",
    "FinsamError",
    "Forbund",
    "Forecast",
    "FundingSplit",
    "Goal",
    "Improvement",
    "Indicator",
    "Insats",
    "InsatsStatement",
    "InterimReport",
    "KeyFigures",
    "Line",
    "LineRole",
    "Materiality",
    "Member",
    "MemberKind",
    "MissingDataError",
    "NationalComparison",
    "OrgNumber",
    "Orientation",
    "OutcomeGroup",
    "OutcomeShare",
    "Outcomes",
    "Participants",
    "Party",
    "Period",
    "Plan",
    "Population",
    "Printed",
    "PrintedUnit",
    "Problem",
    "ProrateBy",
    "RatioLimit",
    "RegistrationMode",
    "Registry",
    "Rounding",
    "Samordningsforbund",
    "Settings",
    "Severity",
    "SignConvention",
    "StateAllocationBasis",
    "StatedFigure",
    "Statement",
    "StatementKind",
    "Status",
    "SurveyQuestion",
    "TargetIndicator",
    "Tolerance",
    "Weight",
    "YearBudget",
    "YesNo",
    "allocate",
    "allocate_state_appropriation",
    "check",
    "dump_json",
    "dump_toml",
    "forbund_names",
    "instalments",
    "language",
    "load",
    "load_forbund",
    "load_report",
    "prorate",
    "quotas",
    "read_table",
    "report_names",
    "rescale_percentages",
    "revenue_lines_from_split",
    "save",
    "set_language",
    "split_funding",
    "without_member",
]

__version__ = "0.2.0.dev0"


#: Subpackages and modules reachable as attributes after ``import finsam`` (``finsam.io``).
_SUBMODULES = frozenset(
    {"errors", "io", "limits", "names", "present", "rules", "strategies", "vocabulary"}
)


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"finsam.{name}")  # the import binds it here
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'finsam' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
