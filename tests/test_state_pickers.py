"""The State pickers (att_portal/widgets.py): every State field of the portal's forms is
one; its choices come in the order of the States' names in the reader's language, each
found by its names in the six languages and its codes; it brings Tom Select and
state-picker.js with it and nothing the Content-Security-Policy forbids."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.utils import translation

from att_portal.directory.models import State
from att_portal.directory.un_names import search_terms
from att_portal.fields import StateChoiceField, StateMultipleChoiceField
from att_portal.widgets import StateMultiPicker, StatePicker
from documents.forms import DocumentRegisterForm
from forums.forms import CaseForm
from forums.forms.bilateral import LawEnforcementContactForm
from tests.factories import StateFactory

CODES = ["MX", "TH", "AT", "DE", "CN", "EG", "KR"]


@pytest.fixture
def states(db):
    return {code: StateFactory(country=code, status="state_party") for code in CODES}


def _form_classes() -> list[type[forms.BaseForm]]:
    """Every form class of the portal's apps (their forms modules and packages)."""
    root = Path(settings.BASE_DIR)
    for apps in ("att_portal", "forums", "documents", "working_groups"):
        for path in sorted((root / apps).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if "migrations" not in parts and any("forms" in part for part in parts):
                importlib.import_module(".".join(p for p in parts if p != "__init__"))
    found, pending = [], [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in ("att_portal", "forums", "documents", "working_groups"):
            found.append(cls)
    return found


def _chooses_states(field: forms.Field) -> bool:
    queryset = getattr(field, "queryset", None)
    return isinstance(field, StateChoiceField | StateMultipleChoiceField) or (
        queryset is not None and queryset.model is State
    )


@pytest.mark.unit
def test_every_state_field_of_the_portals_forms_is_a_state_picker():
    state_fields = {
        f"{cls.__module__}.{cls.__name__}.{name}": type(field.widget)
        for cls in _form_classes()
        for name, field in getattr(cls, "base_fields", {}).items()
        if _chooses_states(field)
    }

    assert state_fields == {
        "documents.forms.DocumentRegisterForm.author_states": StateMultiPicker,
        "forums.forms.CaseForm.named_states": StateMultiPicker,
        "forums.forms.PlatformItemForm.named_states": StateMultiPicker,
        "forums.forms.SharedItemForm.named_states": StateMultiPicker,
        "forums.forms.bilateral.ChallengeForm.challenged_state": StatePicker,
        "forums.forms.bilateral.ContactFilterForm.state": StatePicker,
        "forums.forms.bilateral.LawEnforcementContactForm.state": StatePicker,
        "forums.forms.briefings.BriefingForm.attributable_to": StateMultiPicker,
        "forums.forms.presentations.ConcernedStatesForm.states": StateMultiPicker,
    }


def option_labels(html: str) -> list[str]:
    return re.findall(r"<option [^>]*>([^<]+)</option>", html)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["China", "Egypt", "Germany", "Mexico", "Republic of Korea", "Thailand"]),
        ("fr", ["Allemagne", "Chine", "Égypte", "Mexique", "République de Corée", "Thaïlande"]),
        ("ar", ["ألمانيا", "تايلند", "جمهورية كوريا", "الصين", "مصر", "المكسيك"]),
        ("zh-hans", ["埃及", "大韩民国", "德国", "墨西哥", "泰国", "中国"]),
    ],
)
def test_the_case_forms_picker_lists_the_states_in_the_readers_order(states, language, expected):
    form = CaseForm(provider_state_id=states["AT"].pk)

    with translation.override(language):
        shown = option_labels(str(form["named_states"]))

    assert shown == expected


def test_a_single_state_picker_lists_them_in_the_readers_order_too(states):
    with translation.override("ru"):
        shown = option_labels(str(LawEnforcementContactForm()["state"]))

    assert shown[0] == "---------"
    assert shown[1:4] == ["Австрия", "Германия", "Египет"]


@pytest.mark.unit
def test_a_state_is_found_by_its_un_names_iso_name_codes_and_pinyin():
    assert search_terms("KR") == (
        "Republic of Korea République de Corée República de Corea Республика Корея "
        "جمهورية كوريا 大韩民国 South Korea KR KOR da han min guo dahanminguo"
    )


def test_each_option_carries_the_names_it_is_found_by(states):
    html = str(DocumentRegisterForm()["author_states"])

    option = re.search(rf'<option value="{states["MX"].pk}"[^>]*>', html).group(0)
    assert (
        'data-search="Mexico Mexique México Мексика المكسيك 墨西哥 MX MEX mo xi ge moxige"'
        in option
    )


def test_the_picker_is_marked_for_its_script_with_words_in_the_readers_language(states):
    with translation.override("fr"):
        html = str(CaseForm(provider_state_id=states["AT"].pk)["named_states"])
        words = {
            "data-placeholder": translation.gettext("Type a State's name or code"),
            "data-no-results": translation.gettext("No State matches."),
            "data-remove-label": translation.gettext("Remove this State"),
        }

    select = re.search(r"<select [^>]*>", html).group(0)
    assert 'data-state-picker=""' in select
    assert " multiple" in select
    for attribute, text in words.items():
        assert f'{attribute}="{text}"' in select.replace("&#x27;", "'")
    assert "style=" not in html


@pytest.mark.unit
def test_a_picker_brings_tom_select_and_its_script_deferred():
    media = str(StateMultiPicker().media)

    assert media.splitlines() == [
        '<link href="/static/vendor/tom-select/tom-select.bootstrap5.min.css" media="all" '
        'rel="stylesheet">',
        '<link href="/static/css/state-picker.css" media="all" rel="stylesheet">',
        '<script src="/static/vendor/tom-select/tom-select.complete.min.js" defer></script>',
        '<script src="/static/js/state-picker.js" defer></script>',
    ]
    assert str(StatePicker().media) == media


@pytest.mark.unit
def test_the_vendored_tom_select_is_the_pinned_version_without_source_maps():
    vendor = Path(settings.BASE_DIR) / "static" / "vendor" / "tom-select"

    assert sorted(p.name for p in vendor.iterdir()) == [
        "LICENSE",
        "tom-select.bootstrap5.min.css",
        "tom-select.complete.min.js",
    ]
    script = (vendor / "tom-select.complete.min.js").read_text()
    assert "Tom Select v2.6.2" in script[:100]
    # A map the storage cannot find would stop collectstatic (ManifestStaticFilesStorage).
    assert "sourceMappingURL" not in script
    assert "sourceMappingURL" not in (vendor / "tom-select.bootstrap5.min.css").read_text()
