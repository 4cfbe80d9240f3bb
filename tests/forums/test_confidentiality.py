"""What must never leak from the DIEF: headings, agenda wording, notice titles, pages read
without a second factor, and what one State learns of another's position."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from att_portal.meetings.reminders import reminders_queue
from att_portal.meetings.services import meeting_invitations_issue
from att_portal.notifications.models import Notice
from documents.agenda import agenda_issue
from documents.models import Agenda
from forums.demo import AUSTRIAN_CASE, NARROWED_CASE, REVIEW_MEETING
from forums.enums import BriefingState, Distribution, Position
from forums.models import (
    Briefing,
    BriefingPosition,
    Case,
    CasePresentation,
    ConcernedState,
    ExpertAdmission,
)
from forums.services.shared import shared_item_save
from tests.demo_objects import austrian_presentation, dief_meeting_ahead
from tests.factories.forums import CasePresentationFactory, ExpertAdmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_users):
    return {
        **demo_users,
        "case": Case.objects.get(title=AUSTRIAN_CASE),
        "meeting": dief_meeting_ahead(),
        "presentation": austrian_presentation(),
    }


def test_narrowing_a_presented_case_takes_its_title_off_the_agenda(demo, client_for):
    case = demo["case"]
    case.distribution = Distribution.NAMED_STATES
    shared_item_save(
        by=demo["delegate-sp"],
        item=case,
        categories=["a"],
        named=[demo["delegate-sig"].state],
    )

    item = CasePresentation.objects.get(pk=demo["presentation"].pk).agenda_item
    assert item.title == "Presentation by Austria"
    agenda = client_for("dief-chair").get(reverse("documents:agenda", args=[demo["meeting"].pk]))
    assert AUSTRIAN_CASE not in agenda.content.decode()


def test_history_heading_of_a_concerned_state_notice_does_not_name_the_case(demo, client_for):
    case = demo["case"]
    case.distribution = Distribution.NAMED_STATES
    shared_item_save(
        by=demo["delegate-sp"], item=case, categories=["a"], named=[demo["dief-chair"].state]
    )
    notice = ConcernedState.objects.get(presentation=demo["presentation"])
    thailand = client_for("delegate-sig")
    assert thailand.get(case.get_absolute_url()).status_code == 404

    response = thailand.get(reverse("history", args=["concerned-state", notice.pk]))

    assert response.status_code == 200
    assert AUSTRIAN_CASE not in response.content.decode()


def test_chair_who_is_also_a_delegate_sees_the_concerned_states_replies(demo, client_for):
    notice = ConcernedState.objects.get(presentation=demo["presentation"])

    page = client_for("dief-chair").get(
        reverse("dief:presentation_detail", args=[demo["presentation"].pk])
    )

    assert page.status_code == 200
    assert [c.pk for c in page.context["concerned"]] == [notice.pk]


def test_dief_notice_titles_name_neither_meeting_nor_deadline(
    demo, django_capture_on_commit_callbacks
):
    meeting = demo["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        meeting_invitations_issue(by=demo["secretariat"], meeting=meeting)
        agenda_issue(by=demo["secretariat"], agenda=Agenda.objects.get(meeting=meeting))
        reminders_queue(meeting.starts_on - datetime.timedelta(days=30))

    titles = set(Notice.objects.values_list("title", flat=True))
    assert titles >= {
        "An invitation in the confidential area",
        "An agenda is issued in the confidential area",
    }
    assert [t for t in titles if meeting.title in t or "DIEF meeting" in t] == []


@pytest.mark.parametrize(
    ("role", "name", "args"),
    [
        ("delegate-sp", "history", lambda d: ["case", d["case"].pk]),
        ("delegate-sp", "meetings:detail", lambda d: [d["meeting"].pk]),
        ("dief-chair", "documents:agenda", lambda d: [d["meeting"].pk]),
        ("delegate-sp", "dief:case_detail", lambda d: [d["case"].pk]),
    ],
)
def test_confidential_pages_ask_for_the_second_factor_first(role, name, args, demo, client_for):
    response = client_for(role, second_factor=False).get(reverse(name, args=args(demo)))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_search_without_second_factor_leaves_the_cases_out(demo, client_for):
    response = client_for("delegate-sp", second_factor=False).get(
        reverse("search"), {"q": "pistols"}
    )

    assert response.status_code == 200
    assert "cases" not in response.context["results"]
    assert AUSTRIAN_CASE not in response.content.decode()
    verified = client_for("delegate-sp").get(reverse("search"), {"q": "pistols"})
    assert [c.title for c in verified.context["results"]["cases"]] == [AUSTRIAN_CASE]


def test_dashboard_and_lists_show_dief_meeting_titles_without_second_factor(demo, client_for):
    client = client_for("delegate-sp", second_factor=False)

    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get(reverse("meetings:list")).status_code == 200


def test_a_third_state_never_learns_that_another_state_objected(demo, client_for):
    briefing = Briefing.objects.get(meeting__title=REVIEW_MEETING)
    BriefingPosition.objects.create(
        briefing=briefing,
        state=demo["delegate-sig"].state,
        revision=briefing.revision,
        position=Position.OBJECT,
        reason="Too specific.",
        recorded_by=demo["delegate-sig"],
    )
    url = reverse("dief:briefing_detail", args=[briefing.pk])

    assert client_for("dief-chair").get(url).context["state"] == BriefingState.OBJECTED
    austria = client_for("delegate-sp")
    assert austria.get(url).context["state"] == BriefingState.CIRCULATED
    rows = austria.get(reverse("dief:briefing_list")).context["rows"]
    assert [state for _briefing, state in rows] == [BriefingState.CIRCULATED]
    assert "Objected" not in austria.get(url).content.decode()


def test_expert_admission_to_a_withdrawn_presentation_shows_nothing(demo, client_for):
    withdrawn = CasePresentationFactory(
        case=Case.objects.get(title=NARROWED_CASE),
        meeting=demo["meeting"],
        withdrawn_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
    )
    admission = ExpertAdmissionFactory(presentation=withdrawn, expert=demo["expert"])
    expert = client_for("expert")

    home = expert.get(reverse("dief:home"))
    admitted = ExpertAdmission.objects.get(expert=demo["expert"], presentation=demo["presentation"])
    assert [i.admission_id for i in home.context["invitations"]] == [admitted.pk]
    assert expert.get(reverse("dief:undertaking", args=[admission.pk])).status_code == 404
