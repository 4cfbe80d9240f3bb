"""A fact sheet prints the footnotes its paragraphs and boxes call, numbered as in the
guide, at the foot of the page that calls them — in each language, the English text
(marked untranslated) where a footnote has no translation yet."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.pdf_drawing import MM, drawn, joined, pages
from working_groups.guides.enums import BlockKind, EditionState, SectionKind
from working_groups.guides.models import (
    FactSheet,
    Guide,
    GuideBlock,
    GuideEdition,
    GuideSection,
)
from working_groups.guides.selectors import fact_sheet_outline

pytestmark = pytest.mark.django_db

NOTE_2 = "In particular: Control Arms, ATT Gender Action Plan, 2022."
NOTE_2_FR = "En particulier : Control Arms, Plan d’action sur le genre du TCA, 2022."
NOTE_12 = "WILPF, Preventing gender-based violence through arms control, 2016."
FILLER = "Delegations described how their licensing authorities assess exports. " * 12


@pytest.fixture
def edition():
    guide = Guide.objects.create(title_en="Voluntary Guide to Implementing Articles 6 and 7")
    edition = GuideEdition.objects.create(
        guide=guide,
        number=1,
        state=EditionState.PUBLISHED,
        published_on=datetime.date(2024, 8, 23),
    )
    return edition


def section(edition, label: str, position: int, *blocks) -> GuideSection:
    shown = GuideSection.objects.create(
        edition=edition,
        kind=SectionKind.CHAPTER,
        label=label,
        title_en=f"Chapter title {label}",
        position=position,
    )
    for index, (kind, number, texts) in enumerate(blocks, start=1):
        GuideBlock.objects.create(
            section=shown,
            kind=kind,
            number=number,
            key=f"{label}-{kind}-{number}",
            position=index,
            **{f"text_{language}": text for language, text in texts.items()},
        )
    return shown


def sheet_of(edition, selection: str) -> FactSheet:
    return FactSheet.objects.create(
        guide=edition.guide,
        title_en="Fact sheet: Article 7(4)",
        selection=selection,
        decided_on=datetime.date(2026, 8, 28),
        decision="ATT/CSP12/2026/SEC/850/Conf.FinRep, para. 25",
        published_at=timezone.now(),
    )


@pytest.fixture
def chapter_3(edition):
    """Paragraph 135 calls footnote 2 at the end of its last line, after enough text to
    bring it near the foot of a page; box 3 calls footnote 12 and footnote 2 again."""
    return section(
        edition,
        "3",
        3,
        *[(BlockKind.PARAGRAPH, str(n), {"en": f"{n}. {FILLER}"}) for n in range(129, 135)],
        (
            BlockKind.PARAGRAPH,
            "135",
            {
                "en": "Delegates mentioned that existing guidance could be considered.²",
                "fr": "Les délégués ont indiqué que des orientations pourraient être prises "
                "en compte.²",
            },
        ),
        (BlockKind.BOX, "3", {"en": "Sources of information¹² on violence² in a box."}),
        (BlockKind.FOOTNOTE, "2", {"en": NOTE_2, "fr": NOTE_2_FR}),
        (BlockKind.FOOTNOTE, "12", {"en": NOTE_12}),
    )


def fact_sheet_pdf(sheet, language: str) -> bytes:
    client = sign_in(Client(), UserFactory())
    response = client.get(reverse("wgeti:guides:fact_sheet", args=[sheet.pk]), {"lang": language})
    assert response["Content-Type"] == "application/pdf"
    return response.content


def footnotes_on(page) -> str:
    """The text drawn in the lower part of the page area, where the footnotes go."""
    return joined([run for run in drawn(page) if 22 * MM < run.y < 90 * MM])


def test_the_outline_cuts_a_block_at_the_calls_of_its_footnotes(edition, chapter_3):
    sheet = sheet_of(edition, "3: 135\n3: box 3")

    (shown,) = fact_sheet_outline(sheet, edition, "en")

    para, box = shown.blocks
    assert [(text, note and note.block.number) for text, note in para.parts] == [
        ("Delegates mentioned that existing guidance could be considered.", "2"),
        ("", None),
    ]
    # Footnote 12 is printed at its call; footnote 2, printed already, stays a marker.
    assert [(text, note and note.block.number) for text, note in box.parts] == [
        ("Sources of information", "12"),
        (" on violence² in a box.", None),
    ]


def test_a_call_finds_its_footnote_in_another_chapter_and_a_stray_marker_stays(edition):
    section(edition, "1", 1, (BlockKind.FOOTNOTE, "7", {"en": "Footnote seven."}))
    section(edition, "3", 3, (BlockKind.PARAGRAPH, "104", {"en": "Text⁷ and ⁹."}))
    sheet = sheet_of(edition, "3: 104")

    (shown,) = fact_sheet_outline(sheet, edition, "en")

    assert [(text, note and note.text) for text, note in shown.blocks[0].parts] == [
        ("Text", "Footnote seven."),
        (" and ⁹.", None),
    ]


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_the_fact_sheet_prints_each_footnote_at_the_foot_of_the_page_that_calls_it(
    edition, chapter_3, language
):
    sheet = sheet_of(edition, "3: 129-135\n3: box 3")

    found = pages(fact_sheet_pdf(sheet, language))

    texts = [joined(drawn(page)) for page in found]
    calling = next(i for i, text in enumerate(texts) if "could be considered" in text)
    assert NOTE_2 in footnotes_on(found[calling])
    assert sum(text.count(NOTE_2) for text in texts) == 1
    assert sum(text.count(NOTE_12) for text in texts) == 1
    assert "considered.²" not in texts[calling]  # the call, drawn as the note's number
    if language != "ar":  # Arabic pages come out run by run, in visual order
        # Numbered as in the guide: "2" and "12" before the notes' texts, not 1 and 2.
        notes = footnotes_on(found[calling])
        assert re.search(r"(?<!\d)2 " + re.escape(NOTE_2[:20]), notes)
        boxed = next(i for i, text in enumerate(texts) if NOTE_12 in text)
        assert re.search(r"(?<!\d)12 " + re.escape(NOTE_12[:20]), footnotes_on(found[boxed]))


def test_a_footnote_comes_in_the_sheets_language_where_it_is_translated(edition, chapter_3):
    sheet = sheet_of(edition, "3: 135\n3: box 3")

    text = " ".join(joined(drawn(page)) for page in pages(fact_sheet_pdf(sheet, "fr")))

    assert NOTE_2_FR in text
    assert NOTE_2 not in text
    with translation.override("fr"):
        untranslated = gettext("untranslated")
    assert f"{NOTE_12} ({untranslated})" in text  # not translated: the English, marked so
