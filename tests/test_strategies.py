"""The public strategies, and their registration for ``st.from_type``."""

from hypothesis import given
from hypothesis import strategies as st

from finsam import Amount, Forbund, Goal, Insats, InterimReport, OrgNumber, Period, check


@given(st.from_type(Amount), st.from_type(Period), st.from_type(OrgNumber))
def test_from_type_knows_finsam_values(amount: Amount, period: Period, number: OrgNumber) -> None:
    assert isinstance(amount, Amount)
    assert period.is_whole_months
    assert number.is_public_body


@given(st.from_type(Forbund), st.from_type(Insats), st.from_type(Goal))
def test_from_type_knows_domain_objects(forbund: Forbund, insats: Insats, goal: Goal) -> None:
    assert forbund.charter_as_of(forbund.founded.replace(year=2019))
    assert insats.participant_total is None or insats.participant_total >= 0
    assert goal.assessment in (goal.manual, goal.computed)


@given(st.from_type(InterimReport))
def test_from_type_gives_consistent_reports(report: InterimReport) -> None:
    assert check(report) == []
