"""Voluntary guides: workflow with deadlines and refusals, incorporation into a new
edition (kept numbers and renumbering), optimistic locking, languages, fact sheets."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from att_portal.meetings.models import CspCycle
from tests.conftest import sign_in
from tests.factories import UserFactory
from working_groups.demo import (
    GUIDE_ARTS_6_7,
    GUIDE_CHAPTER_3,
    PARA_104_FR,
    PARA_104_REVISED,
    PARA_135_REVISED,
)
from working_groups.guides import services
from working_groups.guides.diff import word_diff
from working_groups.guides.enums import ChangeAction, EditionState, RevisionState, SectionKind
from working_groups.guides.models import (
    Guide,
    GuideBlock,
    GuideEdition,
    GuideSection,
    ProposedRevision,
)
from working_groups.guides.selectors import current_edition, fact_sheet_outline

GENEVA = ZoneInfo("Europe/Zurich")
PARA_104_EN = GUIDE_CHAPTER_3[0][2]
PARA_135_EN = GUIDE_CHAPTER_3[-2][2]


def at(*args):
    return time_machine.travel(datetime.datetime(*args, tzinfo=GENEVA), tick=False)


@pytest.fixture
def guide(demo_users):
    return Guide.objects.get(title_en=GUIDE_ARTS_6_7)


def revision(title_start: str) -> ProposedRevision:
    return ProposedRevision.objects.get(title__startswith=title_start)


def texts(edition: GuideEdition) -> dict[str, str]:
    return {
        b.number: b.text_en
        for b in GuideBlock.objects.filter(section__edition=edition, kind="paragraph")
    }


def test_word_diff_marks_deleted_and_inserted_words():
    assert word_diff("see paragraph 108 here", "see paragraph 109 here") == (
        "see paragraph <del>108</del><ins>109</ins> here"
    )
    assert word_diff("a <b>", "a") == "a<del> &lt;b&gt;</del>"


def test_guide_page_in_french_falls_back_to_english_with_untranslated_badge(guide, client_for):
    response = client_for("delegate-obs").get(
        reverse("wgeti:guides:detail", args=[guide.pk]) + "?lang=fr"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Rétrospectivement, la CEP9" in content
    assert "Exportations et évaluation des exportations" in content
    # 104 is translated; the 14 other blocks of chapter 3 show English, marked untranslated.
    assert content.count(">untranslated</span>") == 14


def test_guide_page_is_in_the_readers_language_unless_another_is_asked_for(guide, demo_users):
    reader = sign_in(Client(), UserFactory(preferred_language="fr"))
    url = reverse("wgeti:guides:detail", args=[guide.pk])

    in_french = reader.get(url)
    in_english = reader.get(url + "?lang=en")

    assert in_french.context["language"] == "fr"
    assert "Rétrospectivement, la CEP9" in in_french.content.decode()
    assert in_english.context["language"] == "en"
    assert "Rétrospectivement, la CEP9" not in in_english.content.decode()


def test_revision_page_names_each_change_in_one_phrase(client_for):
    response = client_for("ngo").get(revision("Paragraph 104").get_absolute_url())

    assert [row["heading"] for row in response.context["rows"]] == ["Replace paragraph 104"]


def test_revision_page_shows_the_word_diff_against_the_current_text(client_for):
    response = client_for("ngo").get(revision("Paragraph 104").get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        '<ins><span class="visually-hidden" lang="en">inserted: </span> Following further'
        in content
    )
    assert "Control Arms welcomes the reference to the flowchart." in content


def test_comment_after_the_due_date_is_refused_naming_the_date(demo_users):
    closed = revision("Paragraph 135")
    with at(2026, 3, 6, 0, 0, 1), pytest.raises(ValidationError) as refused:
        services.revision_comment_add(by=demo_users["delegate-sp"], revision=closed, text="Late")
    assert refused.value.messages == ["Comments on this proposed revision closed on 5 March 2026."]
    assert closed.comments.count() == 0


def test_comment_on_the_due_date_geneva_time_is_accepted(demo_users):
    closed = revision("Paragraph 135")
    with at(2026, 3, 5, 23, 59):
        services.revision_comment_add(by=demo_users["delegate-sig"], revision=closed, text="OK")
    assert list(closed.comments.values_list("on_behalf_of", "text")) == [("Thailand", "OK")]


def test_comment_after_the_due_date_rerenders_the_page_with_the_refusal(client_for):
    closed = revision("Paragraph 135")
    response = client_for("delegate-sp").post(
        reverse("wgeti:guides:comment_add", args=[closed.pk]), {"text": "Too late"}
    )
    assert response.status_code == 200
    assert "Comments on this proposed revision closed on 5 March 2026." in response.content.decode()
    assert closed.comments.count() == 0


def test_participant_proposes_and_officers_move_the_revision_through_its_states(
    guide, demo_users, client_for
):
    client = client_for("delegate-sp")
    response = client.post(
        reverse("wgeti:guides:revision_new", args=[guide.pk]),
        {
            "title": "Clarify 107",
            "rationale": "Clearer",
            "comments_due_on": str(datetime.date.today() + datetime.timedelta(days=45)),
        },
    )
    proposed = ProposedRevision.objects.get(title="Clarify 107")
    assert response.status_code == 302
    assert (proposed.proposer, proposed.state, proposed.version) == ("Austria", "proposed", 1)
    response = client.post(
        reverse("wgeti:guides:change_add", args=[proposed.pk]),
        {"action": "replace", "paragraph": "107", "new_text": "New 107.", "version": "1"},
    )
    assert response.status_code == 302
    assert list(proposed.changes.values_list("action", "target__number")) == [("replace", "107")]
    # A delegation may not decide.
    decide = reverse("wgeti:guides:revision_transition", args=[proposed.pk])

    def seen() -> int:
        return ProposedRevision.objects.get(pk=proposed.pk).version

    assert client.post(decide, {"transition": "discuss", "version": seen()}).status_code == 403
    chair = client_for("wgeti-chair")
    csp12 = CspCycle.objects.get(number=12)
    refused = chair.post(decide, {"transition": "endorse", "cycle": csp12.pk, "version": seen()})
    assert refused.status_code == 200
    assert (
        "This revision is “Proposed”: only a discussed revision can be recorded as endorsed by "
        "the CSP." in refused.content.decode()
    )
    stale = seen() - 1
    answer = chair.post(decide, {"transition": "discuss", "on": "2026-11-20", "version": stale})
    assert "Someone else changed this proposed revision" in answer.content.decode()
    assert ProposedRevision.objects.get(pk=proposed.pk).state == "proposed"
    discussed = {"transition": "discuss", "on": "2026-11-20", "version": seen()}
    assert chair.post(decide, discussed).status_code == 302
    cycle = revision("Paragraph 104").endorsed_at_cycle
    endorsed = {"transition": "endorse", "cycle": cycle.pk, "version": seen()}
    assert chair.post(decide, endorsed).status_code == 302
    proposed.refresh_from_db()
    assert (proposed.state, proposed.discussed_on, proposed.endorsed_at_cycle.number) == (
        "endorsed",
        datetime.date(2026, 11, 20),
        12,
    )
    assert proposed.decided_by == demo_users["wgeti-chair"]
    assert list(proposed.history.values_list("history_change_reason", flat=True)) == [
        "Endorsed at CSP12",
        "Discussed",
        "Change added: Replace paragraph 107",
        "Proposed",
    ]


def test_incorporating_two_endorsed_revisions_keeps_numbers_and_the_old_edition(guide, demo_users):
    para_104, para_135 = revision("Paragraph 104"), revision("Paragraph 135")
    services.revision_endorse(
        by=demo_users["wgeti-chair"], revision=para_135, cycle=para_104.endorsed_at_cycle
    )
    first = current_edition(guide)
    second = services.guide_edition_incorporate(
        by=demo_users["secretariat"], guide=guide, revisions=[para_104, para_135], renumber=False
    )
    assert (second.number, second.state, second.endorsed_at_cycle.number) == (2, "published", 12)
    new = texts(second)
    assert list(new) == ["104", "105", "106", "107", "108", "129", "130", "131", "132", "133",
                         "134", "135"]  # fmt: skip
    assert new["104"] == PARA_104_REVISED
    assert new["135"] == PARA_135_REVISED
    # The French text of the old 104 no longer matches: the new 104 falls back to English.
    assert GuideBlock.objects.get(section__edition=second, number="104").text_fr == ""
    # Edition 1 unchanged and still readable.
    assert texts(first)["104"] == PARA_104_EN
    assert texts(first)["135"] == PARA_135_EN
    assert GuideBlock.objects.get(section__edition=first, number="104").text_fr == PARA_104_FR
    para_104.refresh_from_db()
    assert (para_104.state, para_104.incorporated_into) == ("incorporated", second)


def test_incorporating_the_annex_adds_annex_b_with_its_six_steps(guide, demo_users):
    annex = revision("Annex B")
    services.revision_discuss(by=demo_users["wgeti-chair"], revision=annex)
    services.revision_endorse(
        by=demo_users["wgeti-chair"],
        revision=annex,
        cycle=revision("Paragraph 104").endorsed_at_cycle,
    )
    edition = services.guide_edition_incorporate(
        by=demo_users["secretariat"], guide=guide, revisions=[annex], renumber=False
    )
    section = edition.sections.get(kind=SectionKind.ANNEX)
    assert section.label == "B"
    steps = list(section.blocks.order_by("position").values_list("number", "text_en"))
    assert [n for n, _t in steps] == ["1", "2", "3", "4", "5", "6"]
    assert steps[5][1].startswith("Step 6. Judge whether there is an ‘overriding risk’")


def _small_guide(secretariat) -> tuple[Guide, dict[str, GuideBlock]]:
    guide = Guide.objects.create(title_en="Basic Guide")
    edition = GuideEdition.objects.create(guide=guide, number=1, state=EditionState.PUBLISHED)
    chapter = GuideSection.objects.create(edition=edition, kind="chapter", label="2", title_en="C")
    blocks = {}
    for position, (number, text) in enumerate(
        [("10", "Ten."), ("11", "Eleven."), ("12", "See paragraph 11 and paragraphs 10 to 11.")]
    ):
        blocks[number] = GuideBlock.objects.create(
            section=chapter, kind="paragraph", number=number, key=f"p{number}", text_en=text,
            position=position,
        )  # fmt: skip
    return guide, blocks


def _endorsed(guide, by, changes) -> ProposedRevision:
    proposed = ProposedRevision.objects.create(
        guide=guide, base_edition=current_edition(guide), title=str(changes)[:300],
        proposer_kind="chair",
        proposed_by=by, comments_due_on=datetime.date(2026, 1, 1), state=RevisionState.ENDORSED,
    )  # fmt: skip
    for position, (action, target, text) in enumerate(changes):
        proposed.changes.create(action=action, target=target, new_text_en=text, position=position)
    return proposed


@pytest.mark.parametrize(
    ("renumber", "expected"),
    [
        (
            True,
            {"1": "Ten.", "2": "Inserted.", "3": "Changed, see para. 4.",
             "4": "See paragraph 3 and paragraphs 1 to 3."},
        ),
        (
            False,
            {"10": "Ten.", "10 bis": "Inserted.", "11": "Changed, see para. 12.",
             "12": "See paragraph 11 and paragraphs 10 to 11."},
        ),
    ],
)  # fmt: skip
def test_incorporation_numbers_paragraphs_and_rewrites_cross_references(
    demo_users, renumber, expected
):
    secretariat = demo_users["secretariat"]
    guide, blocks = _small_guide(secretariat)
    insert = _endorsed(guide, secretariat, [(ChangeAction.INSERT_AFTER, blocks["10"], "Inserted.")])
    replace = _endorsed(
        guide, secretariat, [(ChangeAction.REPLACE, blocks["11"], "Changed, see para. 12.")]
    )
    edition = services.guide_edition_incorporate(
        by=secretariat, guide=guide, revisions=[insert, replace], renumber=renumber
    )
    assert texts(edition) == expected
    assert texts(GuideEdition.objects.get(guide=guide, number=1)) == {
        "10": "Ten.", "11": "Eleven.", "12": "See paragraph 11 and paragraphs 10 to 11."
    }  # fmt: skip


def test_revision_of_a_paragraph_that_no_longer_exists_is_refused(demo_users):
    secretariat = demo_users["secretariat"]
    guide, blocks = _small_guide(secretariat)
    late = _endorsed(guide, secretariat, [(ChangeAction.REPLACE, blocks["11"], "Changed.")])
    still_open = ProposedRevision.objects.create(
        guide=guide, base_edition=current_edition(guide), title="Open", proposer_kind="chair",
        proposed_by=secretariat, comments_due_on=datetime.date(2027, 1, 1),
    )  # fmt: skip
    deletion = _endorsed(guide, secretariat, [(ChangeAction.DELETE, blocks["11"], "")])
    services.guide_edition_incorporate(
        by=secretariat, guide=guide, revisions=[deletion], renumber=False
    )
    message = (
        "Paragraph 11 no longer exists in edition 2; propose the change against the current "
        "text of the guide."
    )
    with pytest.raises(ValidationError) as refused:
        services.revision_change_add(
            by=secretariat, revision=still_open, version=1, action="replace", paragraph="11",
            new_text="x",
        )  # fmt: skip
    assert refused.value.messages == [message]
    with pytest.raises(ValidationError) as refused:
        services.guide_edition_incorporate(
            by=secretariat, guide=guide, revisions=[late], renumber=False
        )
    assert refused.value.messages == [message]
    assert GuideEdition.objects.filter(guide=guide).count() == 2
    late.refresh_from_db()
    assert late.state == "endorsed"


def test_second_of_two_concurrent_edits_is_refused_instead_of_overwriting(client_for):
    annex = revision("Annex B")
    url = reverse("wgeti:guides:revision_edit", args=[annex.pk])
    chair, secretariat = client_for("wgeti-chair"), client_for("secretariat")
    assert chair.get(url).status_code == 200
    assert secretariat.get(url).status_code == 200
    first = chair.post(url, {"title": "Annex B (Chair)", "rationale": "r1", "version": "1"})
    second = secretariat.post(
        url, {"title": "Annex B (Secretariat)", "rationale": "r2", "version": "1"}
    )
    assert first.status_code == 302
    assert second.status_code == 200
    assert (
        "Someone else changed this proposed revision since you opened it; reload to see their "
        "changes." in second.content.decode()
    )
    annex.refresh_from_db()
    assert (annex.title, annex.rationale, annex.version) == ("Annex B (Chair)", "r1", 2)


def test_only_the_secretariat_incorporates(guide, client_for):
    url = reverse("wgeti:guides:incorporate", args=[guide.pk])
    assert client_for("wgeti-chair").post(url, {"revisions": [1]}).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_fact_sheet_takes_the_art_7_4_sections_and_renders_a_pdf(guide, client_for):
    sheet = guide.fact_sheets.get()
    outline = fact_sheet_outline(sheet, current_edition(guide), "zh-hans")
    assert [(s.section.label, [b.block.number for b in s.blocks]) for s in outline] == [
        ("3", ["104", "105", "106", "3", "107", "108", "129", "130", "131", "132", "7", "133",
               "134", "135"])
    ]  # fmt: skip
    response = client_for("wgeti-chair").get(  # a draft: the officers read it (004 ¶23)
        reverse("wgeti:guides:fact_sheet", args=[sheet.pk]) + "?lang=zh-hans"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_seed_004_para_23_a_fact_sheet_waits_for_the_csps_decision(guide, client_for):
    # 004 ¶23: the GBV fact sheet is published after CSP12 decides on the supplementary
    # guidance; until then it is a draft the participants do not see.
    sheet = guide.fact_sheets.get()
    pdf = reverse("wgeti:guides:fact_sheet", args=[sheet.pk]) + "?lang=en"
    page = reverse("wgeti:guides:detail", args=[guide.pk])
    publish = reverse("wgeti:guides:fact_sheet_publish", args=[sheet.pk])
    decision = {
        f"sheet-{sheet.pk}-decided_on": "2026-08-28",
        f"sheet-{sheet.pk}-decision": "ATT/CSP12/2026/SEC/850/Conf.FinRep, para. 25",
    }
    observer = client_for("delegate-obs")
    before = (observer.get(pdf).status_code, len(observer.get(page).context["fact_sheets"]))
    chair_page = client_for("wgeti-chair").get(page).content.decode()
    refused = client_for("wgeti-chair").post(publish, decision).status_code

    recorded = client_for("secretariat").post(publish, decision)

    sheet.refresh_from_db()
    assert before == (404, 0)
    assert "Draft: awaits the Conference's decision" in chair_page
    assert refused == 403
    assert recorded.status_code == 302
    assert (sheet.decided_on, sheet.decision, sheet.published_by.username) == (
        datetime.date(2026, 8, 28),
        "ATT/CSP12/2026/SEC/850/Conf.FinRep, para. 25",
        "secretariat",
    )
    assert observer.get(pdf).status_code == 200
    assert "Published after the Conference's decision of 28 August 2026" in (
        observer.get(page).content.decode()
    )


def test_a_fact_sheet_is_published_once_and_never_before_the_decision(guide, demo_users):
    from django.core.exceptions import ValidationError as Refused

    from working_groups.guides.services import fact_sheet_publish

    sheet = guide.fact_sheets.get()
    secretariat = demo_users["secretariat"]
    with pytest.raises(Refused) as future:
        fact_sheet_publish(
            by=secretariat,
            fact_sheet=sheet,
            decided_on=datetime.date.today() + datetime.timedelta(days=1),
            decision="x",
        )
    fact_sheet_publish(
        by=secretariat, fact_sheet=sheet, decided_on=datetime.date(2026, 8, 28), decision="x"
    )
    with pytest.raises(Refused, match="already published"):
        fact_sheet_publish(
            by=secretariat, fact_sheet=sheet, decided_on=datetime.date(2026, 8, 28), decision="x"
        )

    assert future.value.message_dict == {
        "decided_on": ["The Conference's decision cannot be in the future."]
    }


@pytest.mark.parametrize("count", [1, 30])
def test_revision_list_takes_a_fixed_number_of_queries(guide, demo_users, client_for, count):
    for index in range(count):
        ProposedRevision.objects.create(
            guide=guide, base_edition=current_edition(guide), title=f"R{index}",
            proposer_kind="state", proposer_state=demo_users["delegate-sp"].state,
            proposed_by=demo_users["delegate-sp"], comments_due_on=datetime.date(2027, 1, 1),
        )  # fmt: skip
    client = client_for("ngo")
    url = reverse("wgeti:guides:revision_list", args=[guide.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Austria") >= count
    assert len(queries) == QUERIES_FOR_REVISION_LIST


QUERIES_FOR_REVISION_LIST = 8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see paragraph 23 of the report", "see paragraph 23 of the report"),
        ("paragraph 104 bis and 108", "paragraph 106 and 110"),
        ("paragraphs 104 to 108", "paragraphs 105 to 110"),
        ("см. пункт 23", "см. пункт 22"),
        ("انظر الفقرة 23", "انظر الفقرة 22"),
        ("第104段", "第105段"),
        ("paragraph 1234", "paragraph 1234"),
    ],
)
def test_cross_references_are_rewritten_in_every_language_and_only_for_this_guide(text, expected):
    mapping = {"23": "22", "104": "105", "104 bis": "106", "108": "110"}

    assert services.rewrite_references(text, mapping) == expected


def test_two_insertions_after_one_paragraph_keep_their_order(demo_users):
    secretariat = demo_users["secretariat"]
    guide, blocks = _small_guide(secretariat)
    first = _endorsed(guide, secretariat, [(ChangeAction.INSERT_AFTER, blocks["10"], "First.")])
    second = _endorsed(guide, secretariat, [(ChangeAction.INSERT_AFTER, blocks["10"], "Second.")])

    edition = services.guide_edition_incorporate(
        by=secretariat, guide=guide, revisions=[first, second], renumber=False
    )

    assert texts(edition) == {
        "10": "Ten.", "10 bis": "First.", "10 ter": "Second.", "11": "Eleven.",
        "12": "See paragraph 11 and paragraphs 10 to 11.",
    }  # fmt: skip


def test_keeping_numbers_refuses_an_insertion_with_no_free_number(demo_users):
    secretariat = demo_users["secretariat"]
    guide, blocks = _small_guide(secretariat)
    GuideBlock.objects.filter(pk=blocks["11"].pk).update(number="10 bis")  # as once published
    late = _endorsed(guide, secretariat, [(ChangeAction.INSERT_AFTER, blocks["10"], "B.")])

    with pytest.raises(ValidationError) as refusal:
        services.guide_edition_incorporate(
            by=secretariat, guide=guide, revisions=[late], renumber=False
        )

    assert refusal.value.messages == [
        "No number is free after paragraph 10 while keeping the numbers; renumber the edition "
        "instead."
    ]
    assert GuideEdition.objects.filter(guide=guide).count() == 1


def test_incorporate_form_refuses_an_impossible_revision_id(guide, client_for):
    url = reverse("wgeti:guides:incorporate", args=[guide.pk])

    response = client_for("secretariat").post(url, {"revisions": "99999999999999999999"})

    assert response.status_code == 200
    assert "is not a valid value" in response.content.decode()


def _queries_of(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_revision_page_takes_a_fixed_number_of_queries_as_changes_grow(demo_users, client_for):
    secretariat = demo_users["secretariat"]
    guide, blocks = _small_guide(secretariat)
    one = _endorsed(guide, secretariat, [(ChangeAction.REPLACE, blocks["10"], "X.")])
    many = _endorsed(
        guide,
        secretariat,
        [(ChangeAction.REPLACE, blocks[number], f"{number} new.") for number in ("10", "11", "12")]
        + [(ChangeAction.INSERT_AFTER, blocks["10"], "Y.")] * 3,
    )
    client = client_for("secretariat")

    def url(revision):
        return reverse("wgeti:guides:revision_detail", args=[revision.pk])

    assert _queries_of(client, url(many)) == _queries_of(client, url(one))
