"""One name-matching rule (`finsam.names`) and the printed-word vocabularies
(`finsam.vocabulary`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam import Assessment, Orientation, load_forbund
from finsam.names import find_member, name_forms, same_member
from finsam.parties import Member, MemberKind
from finsam.vocabulary import VOCABULARIES, read_word

GAVLEBORG = load_forbund("gavleborg")
MPHLA = load_forbund("mphla")

# -- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "member"),
    [
        ("Ljusdal kommun", "Ljusdals kommun"),  # as the 2019 report's board list prints it
        ("Ljusdals kommun", "Ljusdals kommun"),
        ("Ljusdal", "Ljusdals kommun"),
        ("LJUSDALS  KOMMUN", "Ljusdals kommun"),
        ("Ovanåker kommun", "Ovanåkers kommun"),
        ("Ovanåkers\u00a0kommun", "Ovanåkers kommun"),
        ("Gävle", "Gävle kommun"),
        ("Region Gävleborg", "Region Gävleborg"),
        ("Gävleborg", "Region Gävleborg"),
        ("FK", "Försäkringskassan"),
        ("Af", "Arbetsförmedlingen"),
        ("(Hofors kommun)", "Hofors kommun"),
    ],
)
def test_printed_variants_find_the_member(printed: str, member: str) -> None:
    found = find_member(printed, GAVLEBORG.members)
    assert found is not None
    assert found.name == member
    assert GAVLEBORG.member(printed).name == member


@pytest.mark.parametrize(
    ("printed", "member"),
    [
        ("Mölndal", "Mölndals stad"),
        ("Mölndals kommun", "Mölndals stad"),
        ("Partille", "Partille kommun"),
        ("Västra Götalandsregionen", "Västra Götalandsregionen"),
        ("VGR", "Västra Götalandsregionen"),  # an alias in the förbund file
    ],
)
def test_mphla_names(printed: str, member: str) -> None:
    found = find_member(printed, MPHLA.members)
    assert found is not None
    assert found.name == member


@pytest.mark.parametrize("printed", ["Uppsala kommun", "Region Gävle kommun", "Hofo", ""])
def test_names_of_no_member_find_none(printed: str) -> None:
    assert find_member(printed, GAVLEBORG.members) is None


def test_a_bare_name_that_fits_a_region_and_a_kommun_fits_neither() -> None:
    members = [
        Member("Region Gotland", MemberKind.REGION),
        Member("Gotlands kommun", MemberKind.KOMMUN),
    ]
    assert find_member("Gotland", members) is None
    assert find_member("Region Gotland", members) is members[0]
    assert find_member("Gotlands kommun", members) is members[1]


def test_the_marker_decides_the_kind() -> None:
    assert name_forms("Region Gävleborg")[0] is MemberKind.REGION
    assert name_forms("Gävle stad")[0] is MemberKind.KOMMUN
    assert name_forms("Gävle")[0] is None
    assert not same_member("Region Gävleborg", "Gävleborgs kommun")


NAMES = st.text(st.characters(categories=["L", "Zs", "Pd"]), max_size=30)


@given(NAMES, NAMES)
def test_same_member_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert same_member(a, b) == same_member(b, a)
    if name_forms(a)[1] != {""}:
        assert same_member(a, a)


@given(st.sampled_from(GAVLEBORG.members), st.sampled_from(["", " ", "\u00a0"]), st.booleans())
def test_every_member_is_found_by_its_name_in_any_case_and_spacing(
    member: Member, space: str, upper: bool
) -> None:
    printed = (member.name.upper() if upper else member.name.lower()) + space
    found = find_member(printed, GAVLEBORG.members)
    assert found is member


# -- vocabularies -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vocabulary", "printed", "standard"),
    [
        ("assessment", "Uppfylld", "uppfyllt"),
        ("assessment", "Uppfyllda", "uppfyllt"),
        ("assessment", "Uppfylld till viss del", "delvis uppfyllt"),
        ("assessment", "Delvis", "delvis uppfyllt"),
        ("assessment", "Uppfylld till övervägande del", "uppfyllt till övervägande del"),
        ("assessment", "Ej uppfyllt", "ej uppfyllt"),
        ("assessment", "Inte uppfylld", "ej uppfyllt"),
        ("assessment", "Måttet utgår", "måttet utgår"),
        ("orientation", "Individ - Rehabilitering mot arbete/utbildning", "individinriktad"),
        ("orientation", "Strukturinsats", "strukturövergripande"),
        ("registration", "Volyminsats", "endast volym"),
        ("registration", "Med personuppgifter", "med personuppgifter"),
        ("status", "Pågår", "pågående"),
        ("board_role", "Ordinarie ledamot", "ledamot"),
        ("board_role", "Suppleant", "ersättare"),
        ("outcome", "Arbete", "arbete"),
        ("outcome", "Studier", "studier"),
        ("outcome", "Sjukersättning", "annat"),
        ("outcome", "Arbetsinriktad rehabilitering", "annat"),
        ("outcome", "Arbetssökande", "arbetssökande"),
    ],
)
def test_printed_words_map_to_the_standard_scale(
    vocabulary: str, printed: str, standard: str
) -> None:
    assert read_word(vocabulary, printed) == standard
    assert read_word(vocabulary, printed.upper() + ".") == standard


@pytest.mark.parametrize(
    ("vocabulary", "printed"),
    [
        ("assessment", "nästan"),
        ("outcome", "Arbete eller studier"),  # two groups at once: no guess
        ("registration", "kanske"),
        ("status", ""),
    ],
)
def test_words_outside_the_vocabulary_have_no_standard_value(vocabulary: str, printed: str) -> None:
    assert read_word(vocabulary, printed) is None


@pytest.mark.parametrize("vocabulary", sorted(VOCABULARIES))
def test_every_standard_value_reads_as_itself(vocabulary: str) -> None:
    for _pattern, value in VOCABULARIES[vocabulary]:
        if value is not None:
            assert read_word(vocabulary, value) == value
            assert read_word(vocabulary, value.upper()) == value


@given(st.sampled_from(sorted(VOCABULARIES)), st.text(max_size=60))
def test_read_word_is_total(vocabulary: str, text: str) -> None:
    value = read_word(vocabulary, text)
    standard = {v for _p, v in VOCABULARIES[vocabulary] if v is not None}
    assert value is None or value in standard
    assert read_word(vocabulary, f" \u00a0{text}  ") == value


def test_worded_enums_read_printed_words() -> None:
    assert Assessment("Uppfylld") is Assessment.parse("uppfyllt")
    assert Assessment.read("nästan") is None
    with pytest.raises(ValueError, match="standard words"):
        Assessment.parse("nästan")
    with pytest.raises(TypeError):
        Assessment.parse(3)  # type: ignore[arg-type]
    assert Orientation("Individ - Rehabilitering mot arbete/utbildning").value == "individinriktad"


def test_long_texts_are_read_but_not_kept() -> None:
    # the caches hold short texts only: files may carry texts of 100 000 characters
    from finsam.names import _name_forms
    from finsam.vocabulary import _read_word

    words, names = (
        _read_word.remembered.cache_info().currsize,
        _name_forms.remembered.cache_info().currsize,
    )
    assert read_word("orientation", "Individ " * 50) == "individinriktad"
    assert name_forms("Ljusdals " * 40 + "kommun")[0] is MemberKind.KOMMUN
    assert _read_word.remembered.cache_info().currsize == words
    assert _name_forms.remembered.cache_info().currsize == names
    assert read_word("orientation", "Individ") == "individinriktad"
    assert _read_word.remembered.cache_info().currsize <= words + 1
