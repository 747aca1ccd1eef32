"""finsam: domain objects, the funding split and rule checks for Swedish samordningsförbund.

>>> split = split_funding(load_forbund("gavleborg"), 2019)
>>> split["Region Gävleborg"]
Amount.parse('3 329 750 kr')
"""

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
from finsam.allocation import Weight, allocate, quotas
from finsam.budget import Budget, BudgetCategory, BudgetLine, revenue_lines_from_split
from finsam.datasets import forbund_names, load_forbund, load_report, report_names
from finsam.forbund import (
    AnnualFunding,
    Board,
    BoardRole,
    BoardSeat,
    Charter,
    Forbund,
    OrgNumber,
    Samordningsforbund,
)
from finsam.funding import (
    PARTY_SHARES,
    Contribution,
    FundingSplit,
    StateAllocationBasis,
    allocate_state_appropriation,
    split_funding,
)
from finsam.goals import (
    TARGET_THRESHOLDS,
    Assessment,
    Goal,
    Improvement,
    Indicator,
    NationalComparison,
    RatioLimit,
    TargetIndicator,
    YesNo,
)
from finsam.insats import (
    AgeBand,
    Insats,
    Orientation,
    Outcomes,
    Participants,
    RegistrationMode,
    Status,
    YearBudget,
)
from finsam.io import DataError
from finsam.money import KRONA, MKR, ORE, TKR, Amount
from finsam.parties import Member, MemberKind, Party, Population
from finsam.period import Period, ProrateBy, prorate
from finsam.reports import AnnualReport, Forecast, InterimReport, KeyFigures, Plan, StatedFigure
from finsam.rules import Finding, Severity, Tolerance, check

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
    "Charter",
    "Column",
    "ColumnKind",
    "Contribution",
    "DataError",
    "Finding",
    "Forbund",
    "Forecast",
    "FundingSplit",
    "Goal",
    "Improvement",
    "Indicator",
    "Insats",
    "InterimReport",
    "KeyFigures",
    "Line",
    "LineRole",
    "Member",
    "MemberKind",
    "NationalComparison",
    "OrgNumber",
    "Orientation",
    "Outcomes",
    "Participants",
    "Party",
    "Period",
    "Plan",
    "Population",
    "PrintedUnit",
    "ProrateBy",
    "RatioLimit",
    "RegistrationMode",
    "Samordningsforbund",
    "Severity",
    "SignConvention",
    "StateAllocationBasis",
    "StatedFigure",
    "Statement",
    "StatementKind",
    "Status",
    "TargetIndicator",
    "Tolerance",
    "Weight",
    "YearBudget",
    "YesNo",
    "allocate",
    "allocate_state_appropriation",
    "check",
    "forbund_names",
    "load_forbund",
    "load_report",
    "prorate",
    "quotas",
    "report_names",
    "revenue_lines_from_split",
    "split_funding",
]

__version__ = "0.1.0"
