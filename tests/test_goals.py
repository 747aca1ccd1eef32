"""The assessment scale, the indicator kinds, goal aggregation and the tagged-union files."""

import json
import operator
import tomllib
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import finsam.io
from finsam import DataError
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
from finsam.io import structure, unstructure
from finsam.strategies import assessments, goals, indicators

RANKED = [a for a in Assessment if a is not Assessment.UTGAR]


# -- the scale ----------------------------------------------------------------------------


@given(assessments(ranked_only=True), assessments(ranked_only=True))
def test_ranked_assessments_are_totally_ordered(a: Assessment, b: Assessment) -> None:
    assert [a < b, a == b, a > b].count(True) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (a > b or a == b)
    assert (a < b) == (a.rank is not None and b.rank is not None and a.rank < b.rank)


@given(assessments(ranked_only=True), assessments(ranked_only=True), assessments(ranked_only=True))
def test_order_is_transitive(a: Assessment, b: Assessment, c: Assessment) -> None:
    if a <= b and b <= c:
        assert a <= c


def test_order_best_first() -> None:
    assert sorted(RANKED, reverse=True) == [
        Assessment.UPPFYLLT,
        Assessment.OVERVAGANDE,
        Assessment.DELVIS,
        Assessment.EJ,
    ]
    assert [Assessment.from_rank(r) for r in (3, 2, 1, 0)] == sorted(RANKED, reverse=True)


@given(assessments())
def test_utgar_is_not_ordered(other: Assessment) -> None:
    for compare in (operator.lt, operator.le, operator.gt, operator.ge):
        for left, right in ((Assessment.UTGAR, other), (other, Assessment.UTGAR)):
            with pytest.raises(TypeError, match="'måttet utgår' is not ranked"):
                compare(left, right)
    assert (other == Assessment.UTGAR) == (other is Assessment.UTGAR)


def test_comparing_with_other_types_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        assert Assessment.EJ < 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("uppfyllt", Assessment.UPPFYLLT),
        ("Uppfyllt till övervägande del", Assessment.OVERVAGANDE),
        ("delvis uppfyllt", Assessment.DELVIS),
        ("uppfyllt till viss del", Assessment.DELVIS),
        ("  Uppfyllt  till viss\u00a0del ", Assessment.DELVIS),
        ("Ej uppfyllt", Assessment.EJ),
        ("Måttet utgår", Assessment.UTGAR),
    ],
)
def test_parse(text: str, expected: Assessment) -> None:
    assert Assessment.parse(text) is expected
    assert Assessment(text) is expected


@pytest.mark.parametrize(
    ("printed", "assessment"),
    [
        ("Uppfylld", Assessment.UPPFYLLT),
        ("uppfyllda", Assessment.UPPFYLLT),
        ("Målet är uppfyllt", Assessment.UPPFYLLT),
        ("Uppfylld till viss del", Assessment.DELVIS),
        ("delvis", Assessment.DELVIS),
        ("Delvis uppfylld", Assessment.DELVIS),
        ("Uppfylld till övervägande del", Assessment.OVERVAGANDE),
        ("Uppfyllt till stor del", Assessment.OVERVAGANDE),
        ("Ej uppfylld", Assessment.EJ),
        ("Inte uppfyllt", Assessment.EJ),
        ("EJ", Assessment.EJ),
        ("Måttet utgår", Assessment.UTGAR),
        ("utgår", Assessment.UTGAR),
    ],
)
def test_assessments_as_reports_print_them(printed: str, assessment: Assessment | None) -> None:
    assert Assessment.read(printed) is assessment


def test_parse_lists_the_standard_words() -> None:
    with pytest.raises(ValueError, match="'nästan' is not a Assessment word finsam knows") as info:
        Assessment.parse("nästan")
    for word in ("'uppfyllt'", "'ej uppfyllt'", "'måttet utgår'", "'delvis uppfyllt'"):
        assert word in str(info.value)


# -- indicators and goals: properties ---------------------------------------------------------


@given(indicators())
def test_indicator_assessment_is_utgar_manual_or_computed(indicator: Indicator) -> None:
    if indicator.dropped:
        assert indicator.assessment is Assessment.UTGAR
    elif indicator.manual is not None:
        assert indicator.assessment is indicator.manual
    else:
        assert indicator.assessment is indicator.computed
    assert indicator.computed is not Assessment.UTGAR


@given(goals())
def test_goal_computed_lies_between_its_indicators(goal: Goal) -> None:
    ranked = [
        i.assessment
        for i in goal.indicators
        if i.assessment is not None and i.assessment is not Assessment.UTGAR
    ]
    if not ranked:
        assert goal.computed is None
    else:
        assert goal.computed is not None
        assert min(ranked) <= goal.computed <= max(ranked)


@given(goals(), st.lists(indicators(), max_size=4))
def test_utgar_is_never_aggregated(goal: Goal, extra: list[Indicator]) -> None:
    dropped = [attrs.evolve(i, dropped=True) for i in extra]
    utgar = [attrs.evolve(i, dropped=False, manual=Assessment.UTGAR) for i in extra]
    for more in (dropped, utgar):
        longer = attrs.evolve(goal, indicators=(*goal.indicators, *more))
        assert longer.computed == goal.computed
        assert longer.computed is not Assessment.UTGAR


@given(goals(), assessments(ranked_only=True))
def test_manual_overrides_but_computed_is_kept(goal: Goal, manual: Assessment) -> None:
    stated = attrs.evolve(goal, manual=manual)
    assert stated.assessment is manual
    assert stated.computed == attrs.evolve(goal, manual=None).computed
    assert attrs.evolve(goal, manual=None).assessment == goal.computed


@given(st.lists(assessments(ranked_only=True), min_size=1, max_size=8))
def test_goal_is_the_floor_of_the_mean_rank(marks: list[Assessment]) -> None:
    goal = Goal("G", indicators=tuple(YesNo(f"i{n}", manual=m) for n, m in enumerate(marks)))
    ranks = [m.rank for m in marks if m.rank is not None]
    assert goal.computed == Assessment.from_rank(sum(ranks) // len(ranks))


@given(goals())
def test_goal_round_trip_through_the_finsam_converter(goal: Goal) -> None:
    data = json.loads(json.dumps(unstructure(goal)), parse_float=Decimal)
    assert structure(data, Goal) == goal


@given(goals())
def test_goal_round_trip_through_toml(goal: Goal) -> None:
    """TOML has no null: ``finsam.io.dump_toml`` leaves None out, and defaults bring it back."""
    if not hasattr(finsam.io, "dump_toml"):
        pytest.skip("finsam.io.dump_toml is not there")
    pytest.importorskip("tomli_w")
    text = finsam.io.dump_toml(goal)
    assert finsam.io.structure(tomllib.loads(text, parse_float=Decimal), Goal) == goal


@given(goals())
def test_goal_records_are_json_serialisable(goal: Goal) -> None:
    record = goal.record()
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record
    assert len(record["indicators"]) == len(goal.indicators)  # type: ignore[arg-type]


@given(
    st.integers(1, 10_000),
    st.integers(0, 20_000),
)
def test_target_thresholds(target: int, measured: int) -> None:
    indicator = TargetIndicator("t", target=target, measured=measured)
    ratio = Fraction(measured, target)
    assert indicator.ratio == ratio
    expected = next((a for t, a in TARGET_THRESHOLDS if ratio >= t), Assessment.EJ)
    assert indicator.computed is expected
    ceiling = attrs.evolve(indicator, at_least=False)
    assert ceiling.computed is (Assessment.UPPFYLLT if measured <= target else Assessment.EJ)


# -- examples from the seeds --------------------------------------------------------------------


def test_equity_ceiling_20_percent_with_43_percent_is_not_met() -> None:
    """Seed 000, Inriktningsmål 4: equity expected at 43 % of revenue against a 20 % ceiling."""
    equity = RatioLimit(
        "Det egna kapitalet ska inte överstiga 20% av förbundets budgeterade intäkter vid "
        "årets slut.",
        limit_percent=Decimal(20),
        measured_percent=Decimal(43),
    )
    assert equity.computed is Assessment.EJ
    assert attrs.evolve(equity, measured_percent=Decimal(20)).computed is Assessment.UPPFYLLT
    goal = Goal("Verksamhet i ekonomisk balans", name="Inriktningsmål 4", indicators=(equity,))
    assert goal.assessment is Assessment.EJ


def test_800_cases_with_559_is_partly_met() -> None:
    """Seed 000, Trisam individ: 800 ärenden targeted, 559 raised so far."""
    cases = TargetIndicator(
        "800 ärenden ska lyftas i teamen",
        target=Decimal(800),
        measured=Decimal(559),
        unit="ärenden",
    )
    assert cases.ratio == Fraction(559, 800) == Fraction("0.69875")
    assert cases.computed is Assessment.DELVIS


def test_manual_uppfyllt_till_viss_del_parses_to_delvis() -> None:
    indicator = YesNo(
        "Alla grupper har uppdaterat sin handlingsplan", manual="uppfyllt till viss del"
    )
    assert indicator.manual is Assessment.DELVIS
    assert indicator.computed is None
    assert indicator.assessment is Assessment.DELVIS


def test_uppfyllt_and_ej_aggregate_to_delvis() -> None:
    goal = Goal(
        "G",
        indicators=(YesNo("a", fulfilled=True), YesNo("b", fulfilled=False)),
        manual=Assessment.UPPFYLLT,
    )
    assert goal.computed is Assessment.DELVIS
    assert goal.assessment is Assessment.UPPFYLLT


def test_goal_without_assessed_indicators_has_no_computed_assessment() -> None:
    goal = Goal("G", indicators=(YesNo("a"), YesNo("b", fulfilled=True, dropped=True)))
    assert goal.computed is None
    assert goal.assessment is None


def test_national_comparison_by_gender() -> None:
    both = NationalComparison(
        "Deltagare känner sig mer redo att arbeta",
        local_women=Decimal("8.0"),
        national_women=Decimal("7.5"),
        local_men=Decimal("7.6"),
        national_men=Decimal("7.6"),
    )
    assert both.computed is Assessment.UPPFYLLT
    assert attrs.evolve(both, local_men=Decimal("7.5")).computed is Assessment.DELVIS
    assert attrs.evolve(both, local_women=1, local_men=1).computed is Assessment.EJ
    # Without all four gender figures, the overall ones decide.
    overall = NationalComparison("x", local=7, national=8, local_women=9, national_women=1)
    assert overall.computed is Assessment.EJ
    assert NationalComparison("x", local=7).computed is None


def test_improvement_must_be_strict() -> None:
    assert Improvement("x", previous=70, current=71).computed is Assessment.UPPFYLLT
    assert Improvement("x", previous=70, current=70).computed is Assessment.EJ
    lower = Improvement("x", previous=70, current=69, higher_is_better=False)
    assert lower.computed is Assessment.UPPFYLLT
    assert Improvement("x", previous=70).computed is None


def test_goal_html_escapes() -> None:
    table = Goal("<i>G</i>", indicators=(YesNo("a & b", fulfilled=True),))._repr_html_()
    assert "&lt;i&gt;G&lt;/i&gt;" in table
    assert "a &amp; b: uppfyllt" in table


# -- the tagged union through finsam.io -----------------------------------------------------------


def test_seed_goal_round_trip_through_make_converter() -> None:
    goal = Goal(
        "Verksamhet i ekonomisk balans",
        name="5.4",
        indicators=(
            RatioLimit("Eget kapital ≤ 20 %", limit_percent=20, measured_percent=43),
            TargetIndicator("800 ärenden", target=800, measured=559, unit="ärenden"),
            NationalComparison("NNS", local=Decimal("7.9"), national=Decimal("7.6")),
            Improvement("Förbättring", previous=1, current=2),
            YesNo("Metoder", fulfilled=True, manual="ej uppfyllt"),
        ),
        manual=Assessment.DELVIS,
    )
    data = unstructure(goal)
    assert [i["kind"] for i in data["indicators"]] == [
        "ratio_limit",
        "target",
        "national",
        "improvement",
        "yes_no",
    ]
    assert data["indicators"][0]["measured_percent"] == "43"
    assert structure(data, Goal) == goal


def test_toml_like_input_with_seed_spellings() -> None:
    data = {
        "text": "Våra insatser leder till arbete",
        "manual": "Uppfyllt till viss del",
        "indicators": [
            {"kind": "target", "description": "800 ärenden", "target": 800, "measured": "559"},
            {"kind": "yes_no", "description": "x", "manual": "måttet utgår"},
        ],
    }
    goal = structure(data, Goal)
    assert goal.manual is Assessment.DELVIS
    assert goal.computed is Assessment.DELVIS
    assert goal.indicators[1].assessment is Assessment.UTGAR


def test_wrong_indicators_are_reported_at_their_place(monkeypatch: pytest.MonkeyPatch) -> None:
    data = {
        "text": "G",
        "indicators": [
            {"kind": "bogus", "description": "x"},
            {"description": "y"},
            "z",
            {"kind": "yes_no", "description": "q", "fulfilled": "ja"},
            {"kind": "target", "description": "t", "target": 0.5},
            {"kind": "improvement", "description": "i", "extra": 1},
        ],
    }
    with pytest.raises(DataError) as info:
        finsam.io.structure(data, Goal)
    errors = info.value.errors
    assert errors[0].startswith("indicators[0].kind: the text 'bogus' is not one of 'target', ")
    assert errors[1].startswith("indicators[1].kind: required but missing; one of 'target'")
    assert errors[2] == "indicators[2]: expected a table with a 'kind' key, got the text 'z'"
    assert errors[3] == "indicators[3].fulfilled: expected true or false, got the text 'ja'"
    assert errors[4] == "indicators[4].target: expected a number, got a floating-point number"
    assert errors[5] == "indicators[5].extra: unknown key"
    assert len(errors) == 6


# -- errors ------------------------------------------------------------------------------------


def test_floats_are_refused_naming_the_field() -> None:
    with pytest.raises(TypeError, match=r"measured_percent: got the float 43\.0; floats are not"):
        RatioLimit("x", limit_percent=20, measured_percent=43.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"target: got the float 800\.0"):
        TargetIndicator("x", target=800.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="local: NaN is not a finite number"):
        NationalComparison("x", local=Decimal("NaN"))


def test_other_misuse_names_the_field() -> None:
    with pytest.raises(ValueError, match="description must be a non-empty string"):
        YesNo(" ")
    with pytest.raises(TypeError, match="fulfilled: expected True or False, got 1"):
        YesNo("x", fulfilled=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"indicators\[1\]: expected an indicator"):
        Goal("G", indicators=(YesNo("x"), "y"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'kind' must be in"):
        YesNo("x", kind="target")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="rank must be 0, 1, 2 or 3, got 4"):
        Assessment.from_rank(4)
