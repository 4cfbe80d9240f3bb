"""States as the UN names them in each language, in the order a reader of that language
expects: lists, pickers and searches."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from att_portal.directory.models import State
from att_portal.directory.un_names import codes_matching, sorted_by_name, un_name
from documents.forms import DocumentRegisterForm
from tests.conftest import sign_in
from tests.factories import UserFactory

CODES = ["KR", "RU", "GB", "TR", "AE", "ZA", "AT", "EG", "DE", "CN", "US", "AR"]


@pytest.fixture
def states(db):
    return [State.objects.create(country=code, regional_group="wesog") for code in CODES]


def names(states, language):
    return [state.name_in(language) for state in sorted_by_name(states, language=language)]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("code", "language", "expected"),
    [
        ("KR", "en", "Republic of Korea"),
        ("RU", "en", "Russian Federation"),
        ("TR", "en", "Türkiye"),
        ("GB", "fr", "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord"),
        ("KR", "ru", "Республика Корея"),
        ("KR", "zh-hans", "大韩民国"),
        ("RU", "ar", "الاتحاد الروسي"),
        ("BO", "es", "Bolivia (Estado Plurinacional de)"),
        ("NL", "en", "Netherlands (Kingdom of the)"),
    ],
)
def test_a_state_has_its_un_short_name_in_each_language(code, language, expected):
    assert un_name(code, language) == expected


def test_str_and_name_follow_the_readers_language(states):
    korea = State.objects.get(country="KR")

    with translation.override("fr"):
        assert (str(korea), korea.name) == ("République de Corée", "République de Corée")


def test_french_order_puts_accented_names_among_their_letter(states):
    assert names(states, "fr")[:6] == [
        "Afrique du Sud",
        "Allemagne",
        "Argentine",
        "Autriche",
        "Chine",
        "Égypte",
    ]
    assert names(states, "fr").index("Émirats arabes unis") == 6


def test_arabic_order_ignores_the_article_and_the_hamza(states):
    assert names(states, "ar")[:4] == [
        "الاتحاد الروسي",
        "الأرجنتين",
        "ألمانيا",
        "الإمارات العربية المتحدة",
    ]


def test_chinese_order_is_by_pinyin(states):
    assert names(states, "zh-hans")[:4] == ["阿根廷", "阿拉伯联合酋长国", "埃及", "奥地利"]


def test_the_state_list_page_is_in_the_readers_order(client, states):
    sign_in(client, UserFactory(preferred_language="es"))

    html = client.get(reverse("directory:state_list")).content.decode()

    shown = [
        n for n in re.findall(r">([^<>]+)</a>", html) if n in {s.name_in("es") for s in states}
    ]
    assert shown[:4] == ["Alemania", "Argentina", "Austria", "China"]


def test_a_picker_lists_the_states_in_the_readers_order(states):
    form = DocumentRegisterForm()

    with translation.override("ru"):
        labels = [label for _value, label in form.fields["author_states"].choices]

    assert labels[:3] == ["Австрия", "Аргентина", "Германия"]


@pytest.mark.unit
def test_a_state_is_found_by_its_un_or_iso_name_or_code_in_the_readers_language():
    assert codes_matching("Corée", "fr") == ["KP", "KR"]
    assert codes_matching("Russian Federation", "fr") == ["RU"]
    assert codes_matching("russia", "en") == ["RU"]
    assert codes_matching("gbr", "zh-hans") == ["GB"]
