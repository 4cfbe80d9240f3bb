"""People's names: letters of every script, nothing invisible; and how the portal shows a
name it holds (watermarks, access logs), even one stored before names were checked."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from att_portal.directory.models import User
from att_portal.directory.names import normalise_person_name, validate_person_name
from documents.pdf import watermark_for
from tests.conftest import sign_in
from tests.factories import SecretariatUserFactory, StateFactory, UserFactory

INVISIBLE = (
    "A name cannot contain invisible or control characters (such as a zero-width space or "
    "a direction mark): remove {}."
)
NOT_ALLOWED = (
    "A name can contain letters, spaces, hyphens, apostrophes and full stops after initials "
    "only: remove {}."
)


def refusal(value: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate_person_name(value)
    return caught.value.messages


@pytest.mark.parametrize(
    "name",
    [
        "Nguyễn",  # Vietnamese: precomposed letters with two diacritics
        "O’Brien",  # typographic apostrophe
        "O'Brien",  # ASCII apostrophe
        "Jean-Luc",
        "محمد",  # Arabic
        "王小明",  # Chinese
        "Ирина",  # Cyrillic
        "Δημήτρης",  # Greek
        "श्री",  # Devanagari: a virama and a vowel sign are combining marks
        "שָׁלוֹם",  # Hebrew with points
        "김민준",  # Hangul
        "John F. Kennedy",  # a full stop after an initial
        "María José de la Cruz",
    ],
)
def test_names_of_every_script_are_accepted_as_they_are(name):
    validate_person_name(name)

    assert normalise_person_name(name) == name


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("\u200b\u200b", INVISIBLE.format("U+200B (ZERO WIDTH SPACE)")),
        ("Ana\u200dMaria", INVISIBLE.format("U+200D (ZERO WIDTH JOINER)")),
        ("Ana\u00adMaria", INVISIBLE.format("U+00AD (SOFT HYPHEN)")),
        ("\ufeffAna", INVISIBLE.format("U+FEFF (ZERO WIDTH NO-BREAK SPACE)")),
        ("\u3164", INVISIBLE.format("U+3164 (HANGUL FILLER)")),
        ("Ana\ufe0f", INVISIBLE.format("U+FE0F (VARIATION SELECTOR-16)")),
        ("Ana\ue000", INVISIBLE.format("U+E000")),  # private use
        ("Ana\u0378", INVISIBLE.format("U+0378")),  # unassigned
        ("Ana\tMaria", INVISIBLE.format("U+0009")),  # a control character
        ("Ana\u2028Maria", INVISIBLE.format("U+2028 (LINE SEPARATOR)")),
    ],
)
def test_invisible_and_control_characters_are_refused_by_name(name, message):
    assert refusal(name) == [message]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Ana\u202eanirak", INVISIBLE.format("U+202E (RIGHT-TO-LEFT OVERRIDE)")),
        (
            "\u202bمحمد\u202c",
            INVISIBLE.format(
                "U+202B (RIGHT-TO-LEFT EMBEDDING), U+202C (POP DIRECTIONAL FORMATTING)"
            ),
        ),
        (
            "Ana\u2066x\u2069",
            INVISIBLE.format("U+2066 (LEFT-TO-RIGHT ISOLATE), U+2069 (POP DIRECTIONAL ISOLATE)"),
        ),
        ("Ana\u200f", INVISIBLE.format("U+200F (RIGHT-TO-LEFT MARK)")),
        ("\u061cمحمد", INVISIBLE.format("U+061C (ARABIC LETTER MARK)")),
    ],
)
def test_bidi_controls_are_refused(name, message):
    assert refusal(name) == [message]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Agent 007", NOT_ALLOWED.format("“0”, “7”")),
        ("Ana3", NOT_ALLOWED.format("“3”")),
        ("Ana@example", NOT_ALLOWED.format("“@”")),
        ("Ruiz, PhD", NOT_ALLOWED.format("“,”")),
        ("<b>Ana</b>", NOT_ALLOWED.format("“<”, “>”, “/”")),
        ("Ana 😀", NOT_ALLOWED.format("“😀”")),
        ("Ana_Maria", NOT_ALLOWED.format("“_”")),
        ("\u2800", NOT_ALLOWED.format("“\u2800”")),  # the blank Braille pattern: a symbol
        ("-", "A name must contain at least one letter."),
        ("'’", "A name must contain at least one letter."),
        (". Ana", "A full stop can only follow a letter, as after an initial (“J. Smith”)."),
        ("Ana -.", "A full stop can only follow a letter, as after an initial (“J. Smith”)."),
        ("\u0301Ana", "An accent or other combining mark must follow a letter."),
        ("Ana \u0301", "An accent or other combining mark must follow a letter."),
        ("Zal" + "\u0336" * 5 + "go", "A letter can carry at most 4 accents or other marks."),
    ],
)
def test_digits_symbols_and_stray_punctuation_are_refused(name, message):
    assert refusal(name) == [message]


def test_spaces_are_collapsed_and_the_name_put_in_nfc():
    decomposed = "Nguye\u0302\u0303n"

    assert normalise_person_name(f"  Jean \u00a0\u3000 Luc  {decomposed} ") == "Jean Luc Nguyễn"


@pytest.mark.django_db
def test_the_model_refuses_an_invisible_name_on_its_field_and_normalises_a_good_one():
    person = UserFactory.build(
        state=StateFactory(), first_name="\u200b", last_name="  O’Brien \u00a0 Smith "
    )

    with pytest.raises(ValidationError) as caught:
        person.full_clean()
    assert caught.value.message_dict == {
        "first_name": [INVISIBLE.format("U+200B (ZERO WIDTH SPACE)")]
    }
    person.first_name = "Siobhán"
    person.full_clean()
    assert (person.first_name, person.last_name) == ("Siobhán", "O’Brien Smith")


# -- How the portal shows a name ----------------------------------------------------------


@pytest.mark.django_db
def test_watermark_names_the_person_with_the_username_their_state_and_the_time():
    state = StateFactory(country="AT")
    person = UserFactory(username="lena.gruber", first_name="Lena", last_name="Gruber", state=state)
    namesake = UserFactory(
        username="lena.gruber2", first_name="Lena", last_name="Gruber", state=state
    )
    moment = timezone.make_aware(datetime.datetime(2027, 2, 17, 10, 0))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        marks = (watermark_for(person), watermark_for(namesake))

    assert marks == (
        "Lena Gruber (lena.gruber) · Austria · 17 February 2027, 10:00",
        "Lena Gruber (lena.gruber2) · Austria · 17 February 2027, 10:00",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first_name", "last_name"),
    [("\u200b", "\u200b\u200c"), ("", ""), ("\u202e", "\u3164"), ("-", "")],
)
def test_a_stored_name_with_nothing_readable_falls_back_to_the_username(first_name, last_name):
    """Names stored before the check came in are not rewritten: they are shown without
    what cannot be seen, and an empty result gives way to the username."""
    person = UserFactory(username="r.invisible", state=StateFactory(country="AT"))
    User.objects.filter(pk=person.pk).update(first_name=first_name, last_name=last_name)
    person.refresh_from_db()

    assert (str(person), person.get_full_name(), person.name_with_username) == (
        "r.invisible",
        "",
        "r.invisible",
    )
    assert watermark_for(person).startswith("r.invisible · Austria · ")


@pytest.mark.django_db
def test_a_stored_name_keeps_its_visible_letters_without_the_invisible_ones():
    person = UserFactory(username="ines.m")
    User.objects.filter(pk=person.pk).update(first_name="In\u200bes", last_name="\u202eMoreau")
    person.refresh_from_db()

    assert person.name_with_username == "Ines Moreau (ines.m)"


@pytest.mark.django_db
def test_pages_still_show_a_delegation_whose_member_has_an_invisible_stored_name(client):
    secretariat = SecretariatUserFactory()
    person = UserFactory(username="r.invisible")
    User.objects.filter(pk=person.pk).update(first_name="\u200b", last_name="\u200b")
    sign_in(client, secretariat)

    state_page = client.get(reverse("directory:state_detail", args=[person.state.alpha3.lower()]))
    rename_page = client.get(reverse("directory:person_rename", args=[person.pk]))
    history_page = client.get(reverse("history", args=["person", person.pk]))

    assert (state_page.status_code, rename_page.status_code, history_page.status_code) == (
        200,
        200,
        200,
    )
    assert f'<tr id="member-{person.pk}">\n    <td>r.invisible <a' in state_page.content.decode()
