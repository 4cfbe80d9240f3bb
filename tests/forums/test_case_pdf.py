"""The PDF of a case or platform item, as a delegate downloads it: the CONFIDENTIAL marking
once in the header of every page, who may read it near the top (the named States by
their UN names in the PDF's language, or the whole forum), and the reader's watermark
painted over every page's content — translucent, so the content stays legible."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from att_portal.directory.enums import AttStatus
from att_portal.marking import marking_text
from forums.enums import Distribution
from forums.services.shared import shared_item_save
from tests.conftest import sign_in
from tests.factories import StateFactory, UserFactory
from tests.factories.forums import CaseFactory
from tests.pdf_drawing import MM, drawn, in_header, joined, pages

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es", "ru", "zh-hans", "ar"]
LONG = "Forty rifles left a transit warehouse under forged papers. " * 40  # several pages


@pytest.fixture
def austria():
    return StateFactory(country="AT", status=AttStatus.STATE_PARTY)


@pytest.fixture
def mexico():
    return StateFactory(country="MX", status=AttStatus.STATE_PARTY)


@pytest.fixture
def provider(austria):
    return UserFactory(state=austria, first_name="Lena", last_name="Gruber")


def reader_in(state, language: str):
    return UserFactory(
        state=state, first_name="Ines", last_name="Moreau", preferred_language=language
    )


def case_pdf(reader, case) -> bytes:
    response = sign_in(Client(), reader).get(reverse("dief:case_pdf", args=[case.pk]))
    assert response["Content-Type"] == "application/pdf"
    return response.content


def narrowed(provider, *states, **fields):
    case = CaseFactory.build(provider=provider, distribution=Distribution.NAMED_STATES, **fields)
    return shared_item_save(by=provider, item=case, categories=["c"], named=list(states))


def compact(text: str) -> str:
    """Without white space: runs of Chinese and Arabic text come out of a PDF apart."""
    return "".join(text.split())


def count(word: str, text: str, language: str) -> int:
    """How often `word` stands in `text` (Chinese has no spaces between words)."""
    if language == "zh-hans":
        return text.count(word)
    return len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", text.casefold()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_carries_the_confidential_marking_once_in_its_header(provider, mexico, language):
    case = CaseFactory(provider=provider, summary=LONG, diversion_details=LONG)
    with translation.override(language):
        marking = marking_text("DIEF")
    first_word = re.split(r"\s*—+\s*", marking)[0].casefold()  # "confidential", "سري", "机密"

    pdf = case_pdf(reader_in(mexico, language), case)

    for page in (found := pages(pdf)):
        runs = drawn(page)
        header = joined(in_header(page, runs))
        assert count(first_word, joined(runs).casefold(), language) == 1  # not in the body
        assert count(first_word, header.casefold(), language) == 1
        if language != "ar":  # Arabic comes out of a PDF run by run, in visual order
            assert compact(header).count(compact(marking)) == 1
    assert len(found) > 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Restricted to: Austria, Mexico"), ("fr", "Autriche, Mexique")],
)
def test_a_narrowed_case_names_the_states_that_may_read_it_near_the_top(
    provider, mexico, language, expected
):
    case = narrowed(provider, mexico, summary="Forty rifles left a transit warehouse.")

    runs = drawn(pages(case_pdf(reader_in(provider.state, language), case))[0])

    opaque = [run for run in runs if run.opacity == 1]
    assert expected in joined(opaque)
    restriction = next(i for i, run in enumerate(opaque) if expected.split()[-1] in run.text)
    summary = next(i for i, run in enumerate(opaque) if "Forty rifles" in run.text)
    assert restriction < summary  # before the case itself …
    assert opaque[restriction].y > 200 * MM  # … in the upper part of the first page


@pytest.mark.parametrize("language", ["zh-hans", "ar"])
def test_the_restriction_names_the_states_in_the_pdfs_language(provider, mexico, language):
    case = narrowed(provider, mexico)

    text = joined(drawn(pages(case_pdf(reader_in(provider.state, language), case))[0]))

    with translation.override(language):
        separator = pgettext("list separator", ", ")
    names = [state.name_in(language) for state in (provider.state, mexico)]
    assert any(compact(separator.join(order)) in compact(text) for order in (names, names[::-1]))
    assert "Austria" not in text
    assert "Mexico" not in text


def test_a_named_state_reads_that_the_case_is_narrowed_but_not_to_whom_else(provider, mexico):
    case = narrowed(provider, mexico)

    text = joined(drawn(pages(case_pdf(reader_in(mexico, "en"), case))[0]))

    assert "Restricted to: the States its provider named" in text
    assert "Austria, Mexico" not in text


def test_a_case_open_to_the_forum_says_so(provider, mexico):
    case = CaseFactory(provider=provider)

    text = joined(drawn(pages(case_pdf(reader_in(mexico, "en"), case))[0]))

    assert "Distribution: All DIEF participants" in text
    assert "Restricted to" not in text


def test_the_restriction_lists_a_state_named_later_and_drops_one_no_longer_named(provider, mexico):
    chile = StateFactory(country="CL", status=AttStatus.STATE_PARTY)
    case = narrowed(provider, mexico)
    shared_item_save(by=provider, item=case, categories=["c"], named=[chile])

    text = joined(drawn(pages(case_pdf(provider, case))[0]))

    assert "Restricted to: Austria, Chile" in text
    assert "Mexico" not in text


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_the_watermark_is_painted_over_the_content_of_every_page(provider, mexico, language):
    case = CaseFactory(provider=provider, summary=LONG, diversion_details=LONG)
    reader = reader_in(mexico, language)

    pdf = case_pdf(reader, case)

    found = pages(pdf)
    assert len(found) > 1
    for page in found:
        runs = drawn(page)
        translucent = [index for index, run in enumerate(runs) if run.opacity < 1]
        margin_note = [
            index for index, run in enumerate(runs) if run.opacity == 1 and run.x < 20 * MM - 1
        ]
        content = [
            index
            for index, run in enumerate(runs)
            if run.opacity == 1 and index not in margin_note and 22 * MM < run.y < (297 - 28) * MM
        ]
        # Diagonally across the page, after (above) everything the page's content paints …
        assert translucent
        assert min(translucent) > max(content)
        assert {round(runs[index].opacity, 2) for index in translucent} == {0.3}
        assert all(runs[i].fill[0] > 0.5 > runs[i].fill[1] for i in translucent)  # red
        assert "Gruber" not in joined(runs)  # the reader's name, not the provider's
        assert joined(runs[i] for i in translucent).count("Ines Moreau") == 4
        # … and along the margin, in full colour.
        assert margin_note
        assert min(margin_note) > max(content)
        assert "Ines Moreau" in joined(runs[i] for i in margin_note)
        if language == "en":
            assert f"Downloaded by Ines Moreau ({reader.username}) · Mexico · " in joined(
                runs[i] for i in margin_note
            )


def test_a_reader_in_english_reads_the_watermark_whole_on_every_page(provider, mexico):
    case = CaseFactory(provider=provider, summary=LONG)
    reader = reader_in(mexico, "en")

    found = pages(case_pdf(reader, case))

    mark = f"Ines Moreau ({reader.username}) · Mexico · "
    assert all(page.extract_text().count(mark) == 5 for page in found)  # 4 across, 1 margin


def test_the_provider_marking_no_longer_repeats_the_forum_marking(provider, mexico):
    case = CaseFactory(provider=provider)

    text = joined(drawn(pages(case_pdf(reader_in(mexico, "en"), case))[0]))

    with translation.override("en"):
        provided = gettext("Provided by %(state)s") % {"state": "Austria"}
    assert provided in text
    assert f"{provided} · Confidential" not in text
