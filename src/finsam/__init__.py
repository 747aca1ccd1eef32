"""finsam: domain objects, the funding split and rule checks for Swedish samordningsförbund.

>>> split = split_funding(load_forbund("gavleborg"), 2019)
>>> split["Region Gävleborg"]
Amount.parse('3 329 750 kr')
"""

from finsam.allocation import Weight, allocate, quotas
from finsam.datasets import forbund_names, load_forbund
from finsam.forbund import AnnualFunding, Charter, Forbund, OrgNumber, Samordningsforbund
from finsam.funding import (
    PARTY_SHARES,
    Contribution,
    FundingSplit,
    StateAllocationBasis,
    allocate_state_appropriation,
    split_funding,
)
from finsam.io import DataError
from finsam.money import KRONA, MKR, ORE, TKR, Amount
from finsam.parties import Member, MemberKind, Party, Population
from finsam.period import Period, ProrateBy, prorate

__all__ = [
    "KRONA",
    "MKR",
    "ORE",
    "PARTY_SHARES",
    "TKR",
    "Amount",
    "AnnualFunding",
    "Charter",
    "Contribution",
    "DataError",
    "Forbund",
    "FundingSplit",
    "Member",
    "MemberKind",
    "OrgNumber",
    "Party",
    "Period",
    "Population",
    "ProrateBy",
    "Samordningsforbund",
    "StateAllocationBasis",
    "Weight",
    "allocate",
    "allocate_state_appropriation",
    "forbund_names",
    "load_forbund",
    "prorate",
    "quotas",
    "split_funding",
]

__version__ = "0.1.0"
