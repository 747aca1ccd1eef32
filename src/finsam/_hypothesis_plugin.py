"""Registers finsam's strategies with Hypothesis, so ``st.from_type(Amount)`` just works.

Hypothesis calls `_hypothesis_setup_hook` through the ``hypothesis`` entry point when it
is imported; finsam itself never imports Hypothesis. Strategies are deferred, so nothing
is built until a test asks for one.
"""

from __future__ import annotations

import importlib
from typing import Any


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from finsam.forbund import Forbund, OrgNumber
    from finsam.goals import Assessment, Goal
    from finsam.insats import AgeBand, Insats, Outcomes, Participants, YearBudget
    from finsam.money import Amount
    from finsam.period import Period
    from finsam.reports import InterimReport

    def deferred(name: str) -> Any:
        def build() -> Any:
            return getattr(importlib.import_module("finsam.strategies"), name)()

        return st.deferred(build)

    for cls, name in [
        (Amount, "amounts"),
        (Period, "periods_in_year"),
        (OrgNumber, "org_numbers"),
        (Forbund, "forbunds"),
        (Insats, "insatser"),
        (Participants, "participants"),
        (Outcomes, "outcomes"),
        (AgeBand, "age_bands"),
        (YearBudget, "year_budgets"),
        (Assessment, "assessments"),
        (Goal, "goals"),
        (InterimReport, "interim_reports"),
    ]:
        st.register_type_strategy(cls, deferred(name))
