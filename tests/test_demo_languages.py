"""The demo data in the six UN languages: a newcomer who switches the portal to French,
Arabic or Chinese sees the demo meetings and agendas in that language."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from att_portal import demo
from att_portal.l10n.content import LANGUAGE_CODES, field_name, localized
from att_portal.meetings.models import Meeting
from documents.models import AgendaItem
from tests.demo_objects import dief_meeting_ahead, wgeti_meeting_ahead

CSP12 = "Twelfth Conference of States Parties (CSP12)"
# Seeded on this day, the demo lays out a DIEF meeting on 17 February 2027 and a WGETI
# meeting on 8-10 March 2027, in the CSP13 cycle.
SEEDED_ON = datetime.datetime(2026, 11, 29, 10, tzinfo=ZoneInfo("Europe/Zurich"))


@pytest.fixture
def seeded_on_29_november_2026(db):
    with time_machine.travel(SEEDED_ON, tick=False), override_settings(DEBUG=True, DEMO_MODE=True):
        demo.seed()
        yield


def _first_item_of_the_dief_draft_agenda() -> AgendaItem:
    return AgendaItem.objects.get(
        agenda__meeting=dief_meeting_ahead(), parent__isnull=True, position=1
    )


def test_demo_meetings_and_the_dief_draft_agenda_in_french_arabic_and_chinese(
    seeded_on_29_november_2026,
):
    csp12 = Meeting.objects.get(title_en=CSP12)
    dief, wgeti = dief_meeting_ahead(), wgeti_meeting_ahead()
    csp13 = Meeting.objects.get(cycle__number=13, body="CSP")
    opening = _first_item_of_the_dief_draft_agenda()

    assert (csp12.title_fr, csp12.title_ar, csp12.title_zh_hans) == (
        "Douzième Conférence des États Parties (CEP12)",
        "المؤتمر الثاني عشر للدول الأطراف",
        "第十二届缔约国会议",
    )
    assert (dief.title_fr, dief.title_ar, dief.title_zh_hans) == (
        "Réunion du DIEF, février 2027",
        "اجتماع منتدى تبادل المعلومات المتعلقة بالتسريب، شباط/فبراير 2027",
        "2027年2月转用信息交流论坛会议",
    )
    assert (dief.title_es, dief.title_ru) == (
        "Reunión del DIEF, febrero de 2027",
        "Заседание DIEF, февраль 2027 года",
    )
    assert (wgeti.title_en, wgeti.title_fr, wgeti.title_es, wgeti.title_ru) == (
        "WGETI meeting, March 2027",
        "Réunion du GTAET, mars 2027",
        "Reunión del GTAET, marzo de 2027",
        "Совещание РГЭОД, март 2027 года",
    )
    assert (wgeti.title_ar, wgeti.title_zh_hans) == (
        "اجتماع الفريق العامل المعني بالتنفيذ الفعال للمعاهدة، آذار/مارس 2027",
        "2027年3月有效执行条约工作组会议",
    )
    assert (csp13.title_en, csp13.title_fr, csp13.title_es, csp13.title_ru) == (
        "Thirteenth Conference of States Parties (CSP13)",
        "Treizième Conférence des États Parties (CEP13)",
        "Decimotercera Conferencia de los Estados Partes (CEP13)",
        "Тринадцатая Конференция государств-участников (КГУ13)",
    )
    assert (csp13.title_ar, csp13.title_zh_hans) == (
        "المؤتمر الثالث عشر للدول الأطراف",
        "第十三届缔约国会议",
    )
    assert (dief.venue_fr, dief.venue_ar, dief.venue_zh_hans) == ("Genève", "جنيف", "日内瓦")
    assert (opening.title_en, opening.title_fr, opening.title_ar, opening.title_zh_hans) == (
        "Opening of the meeting",
        "Ouverture de la réunion",
        "افتتاح الاجتماع",
        "会议开幕",
    )
    # The plain column keeps the English text; no demo meeting falls back to English.
    assert (csp12.title, dief.title) == (CSP12, "DIEF meeting, February 2027")
    for meeting in Meeting.objects.all():
        for language in LANGUAGE_CODES:
            assert getattr(meeting, field_name("title", language)), (meeting, language)
            assert localized(meeting, "venue", language)[1], (meeting, language)


def test_seeding_the_demo_again_refreshes_the_texts_without_duplicating_rows(demo_users):
    meetings, items = Meeting.objects.count(), AgendaItem.objects.count()
    # A translation edited away is given back by the next seed.
    Meeting.objects.filter(title_en=CSP12).update(title_fr="", title_zh_hans=None)
    AgendaItem.objects.filter(pk=_first_item_of_the_dief_draft_agenda().pk).update(title_ar="")

    with override_settings(DEBUG=True, DEMO_MODE=True):
        demo.seed()

    assert (Meeting.objects.count(), AgendaItem.objects.count()) == (meetings, items)
    csp12 = Meeting.objects.get(title_en=CSP12)
    assert (csp12.title_fr, csp12.title_zh_hans) == (
        "Douzième Conférence des États Parties (CEP12)",
        "第十二届缔约国会议",
    )
    assert _first_item_of_the_dief_draft_agenda().title_ar == "افتتاح الاجتماع"
