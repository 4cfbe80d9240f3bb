"""The demo data in the six UN languages: a newcomer who switches the portal to French,
Arabic or Chinese sees the demo meetings and agendas in that language."""

from django.test import override_settings

from att_portal import demo
from att_portal.l10n.content import LANGUAGE_CODES, field_name, localized
from att_portal.meetings.models import Meeting
from documents.models import AgendaItem

CSP12 = "Twelfth Conference of States Parties (CSP12)"
DIEF_FEBRUARY_2027 = "DIEF meeting, February 2027"


def _first_item_of_the_dief_draft_agenda() -> AgendaItem:
    return AgendaItem.objects.get(
        agenda__meeting__title_en=DIEF_FEBRUARY_2027, parent__isnull=True, position=1
    )


def test_demo_meetings_and_the_dief_draft_agenda_in_french_arabic_and_chinese(demo_users):
    csp12 = Meeting.objects.get(title_en=CSP12)
    dief = Meeting.objects.get(title_en=DIEF_FEBRUARY_2027)
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
    assert (dief.venue_fr, dief.venue_ar, dief.venue_zh_hans) == ("Genève", "جنيف", "日内瓦")
    assert (opening.title_en, opening.title_fr, opening.title_ar, opening.title_zh_hans) == (
        "Opening of the meeting",
        "Ouverture de la réunion",
        "افتتاح الاجتماع",
        "会议开幕",
    )
    # The plain column keeps the English text; no demo meeting falls back to English.
    assert (csp12.title, dief.title) == (CSP12, DIEF_FEBRUARY_2027)
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
