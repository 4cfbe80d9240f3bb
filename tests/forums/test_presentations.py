"""Case presentations (ToR art. 11), concerned States (art. 12) and their reminders."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings.reminders import reminders_queue
from att_portal.notifications.models import Notice, OutboxMail
from documents.enums import AgendaState
from documents.models import Agenda, AgendaItem
from forums.demo import AUSTRIAN_CASE
from forums.enums import Distribution
from forums.models import CasePresentation, ConcernedState
from forums.selectors.presentations import (
    is_late_notice,
    is_late_reply,
    notice_due,
    reply_due,
)
from forums.services.presentations import (
    RIGHT_OF_REPLY_TITLE,
    concerned_state_reply,
    concerned_states_name,
    presentation_intend,
    presentation_withdraw,
)
from tests.conftest import sign_in
from tests.demo_objects import dief_meeting_ahead
from tests.factories import (
    DiefMeetingFactory,
    MeetingFactory,
    RoleAssignmentFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory

pytestmark = pytest.mark.django_db
ZURICH = ZoneInfo("Europe/Zurich")
D = datetime.date
START = D(2027, 2, 17)  # notices due 2027-01-18, replies due 2027-02-02


def at(year, month, day, hour=12):
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=ZURICH), tick=False)


@pytest.fixture
def world():
    """A presenting State Party, a concerned signatory, a third State Party, an observer
    (non-signatory) and a DIEF meeting on 17 February 2027 with a draft agenda."""
    presenter_state = StateFactory(status=AttStatus.STATE_PARTY)
    concerned_state = StateFactory(status=AttStatus.SIGNATORY)
    third_state = StateFactory(status=AttStatus.STATE_PARTY)
    observer_state = StateFactory(status=AttStatus.NON_SIGNATORY)
    meeting = DiefMeetingFactory(starts_on=START, ends_on=START)
    agenda = Agenda.objects.create(meeting=meeting)
    AgendaItem.objects.create(agenda=agenda, position=1, title="Opening of the meeting")
    AgendaItem.objects.create(agenda=agenda, position=2, title="Presentation of cases")
    AgendaItem.objects.create(agenda=agenda, position=3, title="Closing of the meeting")
    presenter = UserFactory(state=presenter_state)
    w = {
        "meeting": meeting,
        "agenda": agenda,
        "presenter": presenter,
        "colleague": UserFactory(state=presenter_state),
        "concerned": UserFactory(state=concerned_state),
        "concerned_colleague": UserFactory(state=concerned_state),
        "third": UserFactory(state=third_state),
        "observer": UserFactory(state=observer_state),
        "case": CaseFactory(provider=presenter, title="Pistols found abroad"),
        "presenter_state": presenter_state,
        "concerned_state": concerned_state,
        "third_state": third_state,
        "observer_state": observer_state,
    }
    return w


def agenda_titles(agenda) -> list[tuple[str | None, str]]:
    return [
        (item.parent.title if item.parent else None, item.title)
        for item in AgendaItem.objects.filter(agenda=agenda).order_by(
            F("parent__position").asc(nulls_first=True), "parent_id", "position"
        )
    ]


def presented(w) -> CasePresentation:
    with at(2026, 12, 1):
        return presentation_intend(by=w["presenter"], case=w["case"], meeting=w["meeting"])


def named(w, when=(2027, 1, 10)) -> ConcernedState:
    presentation = presented(w)
    with at(*when):
        (concerned,) = concerned_states_name(
            by=w["presenter"], presentation=presentation, states=[w["concerned_state"]]
        )
    return concerned


# -- Intentions (art. 11) -------------------------------------------------------------------


def test_intention_puts_the_presentation_under_presentation_of_cases_on_the_agenda(world):
    presentation = presented(world)

    item = presentation.agenda_item
    assert (item.parent.title, item.title, item.presenters) == (
        "Presentation of cases",
        f"Presentation by {world['presenter_state']}: Pistols found abroad",
        str(world["presenter_state"]),
    )
    assert presentation.intended_by == world["presenter"]
    assert presentation.reply_item is None


def test_agenda_item_of_a_narrowed_case_does_not_reveal_its_title(world):
    world["case"].distribution = Distribution.NAMED_STATES
    world["case"].save()

    presentation = presented(world)

    assert presentation.agenda_item.title == f"Presentation by {world['presenter_state']}"


def test_the_agenda_item_is_written_in_each_language_whatever_the_presenter_reads(world):
    world["case"].distribution = Distribution.NAMED_STATES
    world["case"].save()
    state = world["presenter_state"]

    with translation.override("fr"):
        item = presented(world).agenda_item
    item.refresh_from_db()

    names = {}
    for language in ("en", "fr", "zh-hans"):
        with translation.override(language):
            names[language] = str(state)
    assert (item.title_en, item.title_fr, item.title_zh_hans, item.presenters) == (
        f"Presentation by {names['en']}",
        f"Présentation de {names['fr']}",
        f"{names['zh-hans']}的介绍",
        names["en"],
    )


def test_intention_opens_a_draft_agenda_when_the_meeting_has_none(world):
    meeting = DiefMeetingFactory(starts_on=D(2027, 8, 20), ends_on=D(2027, 8, 20))

    with at(2026, 12, 1):
        presentation = presentation_intend(
            by=world["presenter"], case=world["case"], meeting=meeting
        )

    agenda = Agenda.objects.get(meeting=meeting)
    assert agenda.state == AgendaState.DRAFT
    assert agenda_titles(agenda) == [(None, presentation.agenda_item.title)]


def test_intention_on_an_issued_agenda_adds_the_item_and_returns_it_to_draft(world):
    Agenda.objects.filter(pk=world["agenda"].pk).update(state=AgendaState.ISSUED)

    presented(world)

    world["agenda"].refresh_from_db()
    assert world["agenda"].state == AgendaState.DRAFT


def test_intention_after_the_agenda_is_adopted_is_refused_naming_the_date_and_article(world):
    # Adopted by the meeting at its opening (ToR art. 11).
    Agenda.objects.filter(pk=world["agenda"].pk).update(
        state=AgendaState.ADOPTED,
        adopted_at=datetime.datetime(2027, 2, 17, 10, tzinfo=ZURICH),
    )

    with at(2027, 2, 17, 14), pytest.raises(ValidationError) as error:
        presentation_intend(by=world["presenter"], case=world["case"], meeting=world["meeting"])

    assert error.value.messages == [
        "Intentions to present a case at this meeting closed when its draft agenda was "
        "adopted on 17 February 2027 (ToR art. 11)."
    ]
    assert CasePresentation.objects.count() == 0


def test_intention_is_unique_per_case_and_meeting(world):
    presented(world)

    with at(2026, 12, 2), pytest.raises(ValidationError) as error:
        presentation_intend(by=world["presenter"], case=world["case"], meeting=world["meeting"])

    assert error.value.message_dict == {
        "meeting": ["This case is already put forward for presentation at this meeting."]
    }


def test_only_the_case_provider_may_put_it_forward(world):
    with at(2026, 12, 1), pytest.raises(PermissionDenied):
        presentation_intend(by=world["third"], case=world["case"], meeting=world["meeting"])


@pytest.mark.parametrize("which", ["wgeti", "over"])
def test_intention_needs_a_dief_meeting_not_over(world, which):
    meeting = (
        MeetingFactory()
        if which == "wgeti"
        else DiefMeetingFactory(starts_on=D(2026, 5, 1), ends_on=D(2026, 5, 1))
    )

    with at(2026, 12, 1), pytest.raises(ValidationError) as error:
        presentation_intend(by=world["presenter"], case=world["case"], meeting=meeting)

    assert error.value.message_dict == {
        "meeting": ["Choose a DIEF meeting." if which == "wgeti" else "This meeting is over."]
    }


def test_withdrawal_takes_the_items_off_the_agenda_and_a_renewed_intention_restores_them(world):
    named(world)
    presentation = CasePresentation.objects.get()

    with at(2027, 1, 12):
        presentation_withdraw(by=world["presenter"], presentation=presentation)
    assert agenda_titles(world["agenda"]) == [
        (None, "Opening of the meeting"),
        (None, "Presentation of cases"),
        (None, "Closing of the meeting"),
    ]
    with at(2027, 1, 13):
        renewed = presentation_intend(
            by=world["presenter"], case=world["case"], meeting=world["meeting"]
        )

    assert renewed.pk == presentation.pk
    assert renewed.withdrawn_at is None
    assert renewed.agenda_item.parent.title == "Presentation of cases"
    assert renewed.reply_item.title == RIGHT_OF_REPLY_TITLE


# -- Concerned States (art. 12) -------------------------------------------------------------


def test_naming_a_concerned_state_adds_the_right_of_reply_right_after_the_presentation(world):
    other = CaseFactory(provider=world["colleague"])
    with at(2026, 12, 1):
        presentation_intend(by=world["colleague"], case=other, meeting=world["meeting"])

    concerned = named(world)

    presentation = concerned.presentation
    first = f"Presentation by {world['presenter_state']}: Pistols found abroad"
    second = f"Presentation by {world['presenter_state']}: {other.title}"
    assert agenda_titles(world["agenda"]) == [
        (None, "Opening of the meeting"),
        (None, "Presentation of cases"),
        (None, "Closing of the meeting"),
        ("Presentation of cases", second),
        ("Presentation of cases", first),
        ("Presentation of cases", RIGHT_OF_REPLY_TITLE),
    ]
    children = list(presentation.agenda_item.parent.children.order_by("position"))
    assert [c.pk for c in children][-2:] == [
        presentation.agenda_item_id,
        presentation.reply_item_id,
    ]


def test_concerned_state_delegates_get_a_neutral_notice_with_a_link_only(world):
    concerned = named(world)

    recipients = set(OutboxMail.objects.values_list("recipient", flat=True))
    assert recipients == {world["concerned"].pk, world["concerned_colleague"].pk}
    url = reverse("dief:concerned_reply", args=[concerned.presentation_id])
    for mail in OutboxMail.objects.all():
        text = mail.subject + mail.body_text + mail.body_html
        assert url in mail.body_text
        for secret in ("Pistols", str(world["presenter_state"]), world["meeting"].title):
            assert secret not in text
    assert set(Notice.objects.values_list("title", "url")) == {
        ("A notice for your delegation in the confidential area", url)
    }


def test_presenting_state_cannot_name_itself(world):
    presentation = presented(world)

    with at(2027, 1, 10), pytest.raises(ValidationError) as error:
        concerned_states_name(
            by=world["presenter"], presentation=presentation, states=[world["presenter_state"]]
        )

    assert error.value.message_dict == {"states": ["The presenting State cannot concern itself."]}


def test_only_states_parties_and_signatories_can_be_named(world):
    presentation = presented(world)

    with at(2027, 1, 10), pytest.raises(ValidationError) as error:
        concerned_states_name(
            by=world["presenter"], presentation=presentation, states=[world["observer_state"]]
        )

    assert error.value.message_dict == {
        "states": [
            f"Only States Parties and signatories take part in the DIEF: {world['observer_state']}."
        ]
    }
    assert ConcernedState.objects.count() == 0


def test_only_the_presenting_state_names_concerned_states(world):
    presentation = presented(world)

    with at(2027, 1, 10), pytest.raises(PermissionDenied):
        concerned_states_name(
            by=world["third"], presentation=presentation, states=[world["concerned_state"]]
        )


@pytest.mark.parametrize(("day", "late"), [((2027, 1, 18, 23), False), ((2027, 1, 19, 0), True)])
def test_a_notice_after_day_minus_30_is_flagged_late(world, day, late):
    concerned = named(world, when=day)

    assert notice_due(world["meeting"]) == D(2027, 1, 18)
    assert is_late_notice(concerned) is late


def test_concerned_state_replies_and_the_presenter_is_notified_neutrally(world):
    concerned = named(world)
    OutboxMail.objects.all().delete()

    with at(2027, 2, 1):
        concerned_state_reply(by=world["concerned"], concerned=concerned, reply="We agree.")

    concerned.refresh_from_db()
    assert (concerned.reply, concerned.replied_by) == ("We agree.", world["concerned"])
    assert is_late_reply(concerned) is False
    assert set(OutboxMail.objects.values_list("recipient", flat=True)) == {
        world["presenter"].pk,
        world["colleague"].pk,
    }
    for mail in OutboxMail.objects.all():
        assert "We agree" not in mail.body_text + mail.body_html + mail.subject


@pytest.mark.parametrize(("day", "late"), [((2027, 2, 2, 23), False), ((2027, 2, 3, 9), True)])
def test_a_reply_after_day_minus_15_is_accepted_and_flagged_late(world, day, late):
    concerned = named(world)

    with at(*day):
        concerned_state_reply(by=world["concerned"], concerned=concerned, reply="Noted.")

    concerned.refresh_from_db()
    assert reply_due(world["meeting"]) == D(2027, 2, 2)
    assert concerned.reply == "Noted."
    assert is_late_reply(concerned) is late


@pytest.mark.parametrize("who", ["third", "presenter", "observer"])
def test_a_reply_by_a_state_that_is_not_concerned_is_refused(world, who):
    concerned = named(world)

    with at(2027, 2, 1), pytest.raises(PermissionDenied):
        concerned_state_reply(by=world[who], concerned=concerned, reply="Not ours to say.")

    concerned.refresh_from_db()
    assert concerned.reply == ""


# -- Pages ----------------------------------------------------------------------------------


def client_of(user) -> Client:
    return sign_in(Client(), user)


def test_presenter_sees_the_replies_on_the_presentation_page(world):
    concerned = named(world)
    with at(2027, 2, 5):
        concerned_state_reply(by=world["concerned"], concerned=concerned, reply="Our reply.")

    with at(2027, 2, 6):
        response = client_of(world["presenter"]).get(
            reverse("dief:presentation_detail", args=[concerned.presentation_id])
        )

    content = response.content.decode()
    assert response.status_code == 200
    assert [row.state for row in response.context["concerned"]] == [world["concerned_state"]]
    assert "Our reply." in content
    assert "Late reply" in content


def test_a_third_state_sees_the_presentation_but_no_notice_or_reply(world):
    concerned = named(world)
    with at(2027, 2, 1):
        concerned_state_reply(by=world["concerned"], concerned=concerned, reply="Our reply.")
    url = reverse("dief:presentation_detail", args=[concerned.presentation_id])

    with at(2027, 2, 6):
        response = client_of(world["third"]).get(url)
        observer = client_of(world["observer"]).get(url)
        notices = client_of(world["third"]).get(reverse("dief:my_concerned_notices"))

    assert response.status_code == 200
    assert response.context["concerned"] == []
    assert "Our reply." not in response.content.decode()
    assert str(world["concerned_state"]) not in response.content.decode()
    assert observer.status_code == 403
    assert notices.context["notices"] == []


def test_presentation_new_records_the_intention_and_shows_the_adoption_refusal(world):
    url = reverse("dief:presentation_new", args=[world["case"].pk])

    with at(2026, 12, 1):
        response = client_of(world["presenter"]).post(url, {"meeting": world["meeting"].pk})
    presentation = CasePresentation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dief:presentation_detail", args=[presentation.pk])

    other = CaseFactory(provider=world["presenter"])
    with at(2026, 12, 2):
        page = client_of(world["presenter"]).get(reverse("dief:presentation_new", args=[other.pk]))
    Agenda.objects.filter(pk=world["agenda"].pk).update(
        state=AgendaState.ADOPTED, adopted_at=datetime.datetime(2027, 2, 17, 10, tzinfo=ZURICH)
    )
    with at(2027, 2, 17, 14):
        late = client_of(world["presenter"]).post(
            reverse("dief:presentation_new", args=[other.pk]), {"meeting": world["meeting"].pk}
        )
    assert list(page.context["form"].fields["meeting"].queryset) == [world["meeting"]]
    assert late.status_code == 200
    assert late.context["form"].errors == {
        "meeting": [
            "Intentions to present a case at this meeting closed when its draft agenda was "
            "adopted on 17 February 2027 (ToR art. 11)."
        ]
    }
    assert CasePresentation.objects.count() == 1


def test_naming_and_replying_through_the_pages(world):
    presentation = presented(world)
    reply_url = reverse("dief:concerned_reply", args=[presentation.pk])

    with at(2027, 1, 10):
        presenter, concerned = client_of(world["presenter"]), client_of(world["concerned"])
        empty = presenter.post(reverse("dief:concerned_states_name", args=[presentation.pk]))
        named_response = presenter.post(
            reverse("dief:concerned_states_name", args=[presentation.pk]),
            {"states": [world["concerned_state"].pk]},
        )
        before = concerned.get(reply_url)
        blank = concerned.post(reply_url, {"reply": "  "})
        sent = concerned.post(reply_url, {"reply": "We will attend."})
        third = client_of(world["third"]).get(reply_url)

    assert empty.status_code == 200
    assert empty.context["name_form"].errors == {"states": ["This field is required."]}
    assert named_response.status_code == 302
    assert before.status_code == 200
    assert blank.status_code == 200
    assert blank.context["form"].errors == {"reply": ["This field is required."]}
    assert sent.status_code == 302
    assert ConcernedState.objects.get().reply == "We will attend."
    assert third.status_code == 403


def test_withdrawal_needs_a_confirmation(world):
    presentation = presented(world)
    url = reverse("dief:presentation_withdraw", args=[presentation.pk])

    with at(2027, 1, 10):
        client = client_of(world["presenter"])
        unconfirmed = client.post(url)
        confirmed = client.post(url, {"confirm": "on"})

    assert unconfirmed.status_code == 200
    assert confirmed.status_code == 302
    presentation.refresh_from_db()
    assert presentation.withdrawn_at is not None
    assert presentation.agenda_item is None


def test_my_concerned_notices_takes_the_same_queries_for_1_and_200_notices(
    world, django_assert_num_queries
):
    presentation = presented(world)
    url = reverse("dief:my_concerned_notices")

    def add(count):
        for _ in range(count):
            case = CaseFactory(provider=world["presenter"])
            other = CasePresentation.objects.create(
                case=case, meeting=world["meeting"], intended_by=world["presenter"]
            )
            ConcernedState.objects.create(
                presentation=other, state=world["concerned_state"], notified_by=world["presenter"]
            )

    ConcernedState.objects.create(
        presentation=presentation, state=world["concerned_state"], notified_by=world["presenter"]
    )
    with at(2027, 1, 10):
        client = client_of(world["concerned"])
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as one:
            response = client.get(url)
        assert len(response.context["notices"]) == 1
        add(199)
        with django_assert_num_queries(len(one.captured_queries)):
            response = client.get(url)
    assert len(response.context["notices"]) == 200


def test_demo_thailand_has_a_notice_from_austria_to_answer(client_for):
    response = client_for("delegate-sig").get(reverse("dief:my_concerned_notices"))

    (notice,) = response.context["notices"]
    assert notice.presentation.meeting == dief_meeting_ahead()
    assert notice.presentation.case.title == AUSTRIAN_CASE
    assert str(notice.presentation.case.provider_state) == "Austria"
    assert notice.replied_at is None


# -- Reminders ------------------------------------------------------------------------------


def reminder_keys() -> list[str]:
    return sorted(
        OutboxMail.objects.filter(key__startswith="reminder:").values_list("key", flat=True)
    )


def test_presenting_state_is_reminded_of_its_notices_once(world):
    presentation = presented(world)
    focal = RoleAssignmentFactory(user=world["presenter"], role=Role.FOCAL_POINT).user
    meeting = presentation.meeting

    reminders_queue(today=D(2027, 1, 11))
    reminders_queue(today=D(2027, 1, 11))

    # Both acts of the presenting State due on the same day (ToR arts. 8 and 12).
    assert reminder_keys() == [
        f"reminder:{meeting.pk}:concerned_state_notice:7d:{focal.pk}",
        f"reminder:{meeting.pk}:expert_proposals:7d:{focal.pk}",
    ]
    for mail in OutboxMail.objects.filter(key__startswith="reminder:"):
        assert "Pistols" not in mail.body_text
        assert meeting.title not in mail.body_text


def test_concerned_state_is_reminded_while_its_reply_is_missing(world):
    concerned = named(world)
    meeting = concerned.presentation.meeting

    reminders_queue(today=D(2027, 1, 26))
    assert reminder_keys() == sorted(
        f"reminder:{meeting.pk}:concerned_state_reply:7d:{person.pk}"
        for person in (world["concerned"], world["concerned_colleague"])
    )
    with at(2027, 1, 30):
        concerned_state_reply(by=world["concerned"], concerned=concerned, reply="Noted.")
    OutboxMail.objects.all().delete()

    reminders_queue(today=D(2027, 2, 1))

    assert reminder_keys() == []


def test_withdrawn_presentations_are_not_reminded(world):
    concerned = named(world)
    with at(2027, 1, 10):
        presentation_withdraw(by=world["presenter"], presentation=concerned.presentation)
    OutboxMail.objects.all().delete()

    reminders_queue(today=D(2027, 1, 17))
    reminders_queue(today=D(2027, 2, 1))

    assert reminder_keys() == []


# -- Issue 14: arts. 11 and 12 read again -----------------------------------------------------


def test_art11_an_intention_before_any_meeting_goes_to_the_next_dief_meeting_once_created(
    world,
):
    from forums.models import PresentationIntention
    from forums.services.presentations import (
        presentation_intend_next,
        presentation_intention_withdraw,
    )

    withdrawn_case = CaseFactory(provider=world["presenter"], title="Withdrawn case")
    with at(2026, 12, 1):
        intention = presentation_intend_next(by=world["presenter"], case=world["case"])
        dropped = presentation_intend_next(by=world["presenter"], case=withdrawn_case)
        presentation_intention_withdraw(by=world["presenter"], intention=dropped)
        with pytest.raises(ValidationError):  # one waiting intention per case
            presentation_intend_next(by=world["presenter"], case=world["case"])
    with at(2026, 12, 3):
        past = DiefMeetingFactory(starts_on=D(2026, 5, 6), ends_on=D(2026, 5, 6))  # the record
    assert not past.case_presentations.exists()

    with at(2026, 12, 5):
        announced = DiefMeetingFactory(starts_on=D(2027, 8, 25), ends_on=D(2027, 8, 25))

    presentation = CasePresentation.objects.get(meeting=announced)
    intention.refresh_from_db()
    assert (presentation.case, presentation.intended_by, intention.presentation) == (
        world["case"],
        world["presenter"],
        presentation,
    )
    # Notified on 1 December, before the meeting was announced.
    assert presentation.intended_at == datetime.datetime(2026, 12, 1, 12, tzinfo=ZURICH)
    assert agenda_titles(announced.agenda) == [
        (None, f"Presentation by {world['presenter_state']}: Pistols found abroad")
    ]
    assert PresentationIntention.objects.get(pk=dropped.pk).presentation is None
    assert CasePresentation.objects.filter(case=withdrawn_case).count() == 0
    with at(2026, 12, 6):  # attached once: the next meeting created takes nothing more
        later = DiefMeetingFactory(starts_on=D(2027, 11, 3), ends_on=D(2027, 11, 3))
    assert not later.case_presentations.exists()


def test_art11_the_secretariat_is_notified_of_every_intention(
    world, django_capture_on_commit_callbacks
):
    from forums.services.presentations import presentation_intend_next
    from tests.factories import SecretariatUserFactory

    officer = SecretariatUserFactory()
    other = CaseFactory(provider=world["presenter"], title="Rifles in transit")
    with at(2026, 12, 1), django_capture_on_commit_callbacks(execute=True):
        presentation = presentation_intend(
            by=world["presenter"], case=world["case"], meeting=world["meeting"]
        )
        intention = presentation_intend_next(by=world["presenter"], case=other)

    mails = OutboxMail.objects.filter(key__startswith="dief-intention:").order_by("key")
    assert [(m.recipient_id, m.subject) for m in mails] == [
        (officer.pk, "ATT Portal: a State intends to present a case (DIEF)")
    ] * 2
    urls = set(Notice.objects.filter(recipient=officer).values_list("url", flat=True))
    assert urls == {
        reverse("dief:presentation_detail", args=[presentation.pk]),
        other.get_absolute_url(),
    }
    for mail in mails:
        for secret in ("Pistols", "Rifles", str(world["presenter_state"])):
            assert secret not in mail.subject + mail.body_text + mail.body_html
    assert intention.pending


def test_art11_a_state_records_and_withdraws_an_intention_for_the_next_meeting_on_its_page(
    world,
):
    from forums.models import PresentationIntention

    url = reverse("dief:presentation_new", args=[world["case"].pk])
    with at(2026, 12, 1):
        recorded = client_of(world["presenter"]).post(url, {"meeting": ""})
        page = client_of(world["presenter"]).get(url)
    intention = PresentationIntention.objects.get()
    assert recorded.status_code == 302
    assert page.context["intention"] == intention
    assert "not yet announced, was notified to the Secretariat on" in page.content.decode()
    assert CasePresentation.objects.count() == 0

    withdraw = reverse("dief:presentation_intention_withdraw", args=[intention.pk])
    with at(2026, 12, 2):
        third = client_of(world["third"]).post(withdraw, {"confirm": "on"})
        mine = client_of(world["presenter"]).post(withdraw, {"confirm": "on"})
    intention.refresh_from_db()
    assert (third.status_code, mine.status_code) == (404, 302)
    assert intention.withdrawn_at == datetime.datetime(2026, 12, 2, 12, tzinfo=ZURICH)


def test_art11_the_agenda_adopted_at_the_opening_closes_intentions(world):
    from documents import agenda as agenda_services
    from tests.factories import SecretariatUserFactory

    officer = SecretariatUserFactory()
    presented(world)
    with at(2027, 1, 10):
        agenda_services.agenda_issue(by=officer, agenda=world["agenda"])
    with at(2027, 2, 16, 18), pytest.raises(ValidationError):  # the eve: not yet
        agenda_services.agenda_adopt(by=officer, agenda=world["agenda"])
    other = CaseFactory(provider=world["presenter"])
    with at(2027, 2, 16, 19):  # still open on the eve of the meeting
        presentation_intend(by=world["presenter"], case=other, meeting=world["meeting"])
    with at(2027, 2, 17, 9):
        agenda_services.agenda_issue(by=officer, agenda=world["agenda"])
        agenda_services.agenda_adopt(by=officer, agenda=world["agenda"])
    late = CaseFactory(provider=world["presenter"])
    with at(2027, 2, 17, 11), pytest.raises(ValidationError) as refusal:
        presentation_intend(by=world["presenter"], case=late, meeting=world["meeting"])

    assert refusal.value.messages == [
        "Intentions to present a case at this meeting closed when its draft agenda was "
        "adopted on 17 February 2027 (ToR art. 11)."
    ]


def test_art12_a_concerned_state_named_after_the_adoption_gets_its_right_of_reply(world):
    presentation = presented(world)
    Agenda.objects.filter(pk=world["agenda"].pk).update(
        state=AgendaState.ADOPTED, adopted_at=datetime.datetime(2027, 2, 17, 9, tzinfo=ZURICH)
    )

    with at(2027, 2, 17, 11):
        concerned_states_name(
            by=world["presenter"], presentation=presentation, states=[world["concerned_state"]]
        )

    presentation.refresh_from_db()
    assert presentation.reply_item is not None
    assert agenda_titles(world["agenda"]) == [
        (None, "Opening of the meeting"),
        (None, "Presentation of cases"),
        (None, "Closing of the meeting"),
        (
            "Presentation of cases",
            "Presentation by " + str(world["presenter_state"]) + ": Pistols found abroad",
        ),
        ("Presentation of cases", RIGHT_OF_REPLY_TITLE),
    ]
    world["agenda"].refresh_from_db()
    assert world["agenda"].state == AgendaState.ADOPTED


@pytest.mark.parametrize("count", [1, 12])
def test_art11_the_secretariats_dief_page_lists_waiting_intentions_in_fixed_queries(
    world, count, django_assert_num_queries
):
    from forums.models import PresentationIntention
    from tests.factories import SecretariatUserFactory

    for _ in range(count):
        other = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
        PresentationIntention.objects.create(case=CaseFactory(provider=other), intended_by=other)
    client = client_of(SecretariatUserFactory())
    client.get(reverse("dief:home"))  # warm the session

    with django_assert_num_queries(10):
        page = client.get(reverse("dief:home"))

    assert len(page.context["intentions"]) == count
