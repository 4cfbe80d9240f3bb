"""Oral briefings (ToR art. 22): consensus of the States that took part, standing
objections, a presenting State's objection, revisions and the naming warning."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from att_portal.directory.enums import AttStatus, Role
from att_portal.meetings.models import Meeting, Participation
from att_portal.notifications.models import OutboxMail
from forums.demo import REVIEW_MEETING
from forums.enums import BriefingAudience, BriefingState, Position
from forums.models import Briefing, BriefingPosition
from forums.selectors.briefings import (
    briefing_state,
    states_named_without_consent,
    taking_part_states,
)
from forums.services.briefings import (
    briefing_draft,
    briefing_position_record,
    briefing_revise,
)
from tests.conftest import sign_in
from tests.demo_objects import dief_meeting_ahead
from tests.factories import (
    DiefMeetingFactory,
    MeetingFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import CaseFactory, CasePresentationFactory

GENEVA = ZoneInfo("Europe/Zurich")
AFTER_THE_MEETING = datetime.datetime(2027, 3, 1, 12, tzinfo=GENEVA)
ON_THE_MEETING_DAY = datetime.datetime(2027, 2, 17, 18, tzinfo=GENEVA)
# The date the Chair circulates the text with: the States may object until its end.
OBJECTIONS_BY = datetime.date(2027, 3, 15)
LAST_EVENING = datetime.datetime(2027, 3, 15, 23, 30, tzinfo=GENEVA)
DATE_PASSED = datetime.datetime(2027, 3, 16, 0, 5, tzinfo=GENEVA)


@pytest.fixture
def after_the_meeting():
    with time_machine.travel(AFTER_THE_MEETING, tick=False):
        yield


@pytest.fixture
def forum(db):
    """A DIEF meeting (17 Feb 2027) at which Austria and Thailand took part and Germany
    presented a case without taking a seat; Ireland was nominated but did not attend, so
    it did not take part."""

    class Forum:
        meeting = DiefMeetingFactory()
        mexico = StateFactory(country="MX", status=AttStatus.STATE_PARTY)
        chair = UserFactory(state=mexico)
        austria = StateFactory(country="AT", status=AttStatus.STATE_PARTY)
        thailand = StateFactory(country="TH", status=AttStatus.SIGNATORY)
        germany = StateFactory(country="DE", status=AttStatus.STATE_PARTY)
        ireland = StateFactory(country="IE", status=AttStatus.STATE_PARTY)
        austrian = UserFactory(state=austria)
        thai = UserFactory(state=thailand)
        german = UserFactory(state=germany)
        irish = UserFactory(state=ireland)

    f = Forum
    RoleAssignmentFactory(user=f.chair, role=Role.DIEF_CHAIR)
    for person in (f.austrian, f.thai):
        Participation.objects.create(
            meeting=f.meeting, person=person, nominated_by=person, attended=True
        )
    Participation.objects.create(meeting=f.meeting, person=f.irish, nominated_by=f.irish)
    f.presentation = CasePresentationFactory(meeting=f.meeting, case=CaseFactory(provider=f.german))
    return f


def _draft(f, text="Concealment in machinery is a recurring method.", based_on=(), **kwargs):
    return briefing_draft(
        by=f.chair,
        meeting=f.meeting,
        audience=BriefingAudience.WGETI,
        text=text,
        objections_due_on=OBJECTIONS_BY,
        based_on=based_on,
        **kwargs,
    )


def _state_on(briefing, moment, user=None):
    with time_machine.travel(moment, tick=False):
        return briefing_state(briefing, user)


def _agree(user, briefing):
    return briefing_position_record(by=user, briefing=briefing, position=Position.AGREE)


def _object(user, briefing, reason="Too close to our case."):
    return briefing_position_record(
        by=user, briefing=briefing, position=Position.OBJECT, reason=reason
    )


def test_states_that_took_part_are_those_whose_participants_attended(forum, after_the_meeting):
    assert set(taking_part_states(forum.meeting)) == {forum.austria, forum.thailand}


def test_art22_briefing_is_cleared_when_the_date_passes_with_no_objection(forum, after_the_meeting):
    # Consensus, not unanimity: neither Austria nor Thailand replied; silence agrees.
    briefing = _draft(forum)
    assert _state_on(briefing, LAST_EVENING) == BriefingState.CIRCULATED
    assert _state_on(briefing, DATE_PASSED) == BriefingState.CLEARED


def test_art22_every_agreement_does_not_clear_before_the_date(forum, after_the_meeting):
    briefing = _draft(forum)
    _agree(forum.austrian, briefing)
    _agree(forum.thai, briefing)
    assert briefing_state(briefing) == BriefingState.CIRCULATED


def test_art22_standing_objection_of_a_state_that_took_part_blocks_the_briefing(
    forum, after_the_meeting
):
    briefing = _draft(forum)
    _object(forum.thai, briefing)
    _agree(forum.austrian, briefing)
    assert briefing_state(briefing) == BriefingState.OBJECTED
    assert _state_on(briefing, DATE_PASSED) == BriefingState.OBJECTED


def test_art22_withdrawing_the_objection_clears_the_briefing_after_the_date(
    forum, after_the_meeting
):
    briefing = _draft(forum)
    _object(forum.thai, briefing)
    _agree(forum.thai, briefing)
    assert BriefingPosition.objects.filter(briefing=briefing).count() == 1
    assert _state_on(briefing, DATE_PASSED) == BriefingState.CLEARED


def test_art22_objection_after_the_date_is_refused(forum, after_the_meeting):
    briefing = _draft(forum)
    with time_machine.travel(DATE_PASSED, tick=False), pytest.raises(ValidationError) as refusal:
        _object(forum.thai, briefing)
    assert refusal.value.message_dict == {
        "position": ["Objections to this text were due by 15 March 2027."]
    }
    assert BriefingPosition.objects.count() == 0


def test_art22_objection_on_the_last_evening_is_taken(forum, after_the_meeting):
    briefing = _draft(forum)
    with time_machine.travel(LAST_EVENING, tick=False):
        _object(forum.thai, briefing)
    assert _state_on(briefing, DATE_PASSED) == BriefingState.OBJECTED


def test_art22_passage_attributable_to_a_state_needs_its_explicit_consent(forum, after_the_meeting):
    briefing = _draft(forum, text="Austria traced the pistols through INTERPOL.")
    assert list(briefing.attributable_to.all()) == [forum.austria]
    # Austria's silence agrees to the briefing, not to being named in it.
    assert _state_on(briefing, DATE_PASSED) == BriefingState.AWAITING_CONSENT
    with time_machine.travel(DATE_PASSED, tick=False):
        _agree(forum.austrian, briefing)
    assert _state_on(briefing, DATE_PASSED) == BriefingState.CLEARED


def test_art22_chair_declares_a_passage_attributable_to_a_state_the_text_does_not_name(
    forum, after_the_meeting
):
    briefing = _draft(
        forum, text="A State in Europe traced the pistols.", attributable_to=[forum.thailand]
    )
    assert states_named_without_consent(briefing) == [forum.thailand]
    assert _state_on(briefing, DATE_PASSED) == BriefingState.AWAITING_CONSENT
    _agree(forum.thai, briefing)
    assert _state_on(briefing, DATE_PASSED) == BriefingState.CLEARED


def test_art22_presenting_state_may_object_to_a_briefing_based_on_its_case(
    forum, after_the_meeting
):
    # Germany presented without taking part; the text does not name it.
    briefing = _draft(forum, based_on=[forum.presentation])
    _agree(forum.austrian, briefing)
    _agree(forum.thai, briefing)
    _object(forum.german, briefing)
    assert _state_on(briefing, DATE_PASSED) == BriefingState.OBJECTED


def test_art22_states_see_open_then_not_cleared_never_the_objection(forum, after_the_meeting):
    briefing = _draft(forum)
    _object(forum.thai, briefing)
    assert briefing_state(briefing, forum.austrian) == BriefingState.CIRCULATED
    assert _state_on(briefing, DATE_PASSED, forum.austrian) == BriefingState.NOT_CLEARED
    assert _state_on(briefing, DATE_PASSED, forum.chair) == BriefingState.OBJECTED


def test_art22_without_recorded_attendance_a_briefing_is_not_cleared(forum, after_the_meeting):
    Participation.objects.filter(meeting=forum.meeting).update(attended=False)
    briefing = _draft(forum)
    assert _state_on(briefing, DATE_PASSED) == BriefingState.NOT_CLEARED


def test_art22_chair_circulates_with_a_date_not_past(forum, after_the_meeting):
    with pytest.raises(ValidationError) as refusal:
        _draft_due(forum, datetime.date(2027, 2, 28))
    assert refusal.value.message_dict == {
        "objections_due_on": ["The date by which the States may object cannot be past."]
    }
    with pytest.raises(ValidationError) as missing:
        _draft_due(forum, None)
    assert missing.value.message_dict == {
        "objections_due_on": ["Give the date by which the States may object."]
    }
    assert Briefing.objects.count() == 0


def _draft_due(f, due):
    return briefing_draft(
        by=f.chair,
        meeting=f.meeting,
        audience=BriefingAudience.CSP,
        text="Trends.",
        objections_due_on=due,
    )


def test_presenting_state_cannot_take_a_position_on_a_briefing_not_based_on_its_case(
    forum, after_the_meeting
):
    briefing = _draft(forum)
    with pytest.raises(PermissionDenied):
        _object(forum.german, briefing)
    assert BriefingPosition.objects.count() == 0


def test_art22_state_that_did_not_take_part_can_neither_read_nor_block(
    forum, after_the_meeting, client
):
    # Ireland was nominated but did not attend.
    briefing = _draft(forum)
    with pytest.raises(PermissionDenied):
        _object(forum.irish, briefing)
    client = sign_in(client, forum.irish)
    assert client.get(reverse("dief:briefing_detail", args=[briefing.pk])).status_code == 404
    response = client.post(
        reverse("dief:briefing_position", args=[briefing.pk]),
        {"position": "object", "reason": "No."},
    )
    assert response.status_code == 404
    assert BriefingPosition.objects.count() == 0
    assert _state_on(briefing, DATE_PASSED) == BriefingState.CLEARED


def test_art22_objection_of_a_state_whose_attendance_was_struck_out_does_not_block(
    forum, after_the_meeting
):
    briefing = _draft(forum)
    _object(forum.thai, briefing)
    Participation.objects.filter(meeting=forum.meeting, person=forum.thai).update(attended=False)
    assert _state_on(briefing, DATE_PASSED) == BriefingState.CLEARED


def test_art22_state_that_presented_another_case_does_not_read_the_briefing(
    forum, after_the_meeting, client
):
    # Germany presented a case but did not take part; this briefing is not based on it.
    briefing = _draft(forum)
    response = sign_in(client, forum.german).get(
        reverse("dief:briefing_detail", args=[briefing.pk])
    )
    assert response.status_code == 404


def test_art22_nominations_close_when_the_meeting_ends(forum, time_machine):
    from att_portal.meetings import services as meeting_services

    time_machine.move_to(datetime.datetime(2027, 2, 1, 10, tzinfo=GENEVA))
    meeting_services.meeting_invitations_issue(by=SecretariatUserFactory(), meeting=forum.meeting)
    focal = UserFactory(state=forum.ireland)
    RoleAssignmentFactory(user=focal, role=Role.FOCAL_POINT)
    time_machine.move_to(datetime.datetime(2027, 2, 18, 9, tzinfo=GENEVA))
    with pytest.raises(ValidationError):
        meeting_services.participant_nominate(by=focal, meeting=forum.meeting, person=focal)
    assert set(taking_part_states(forum.meeting)) == {forum.austria, forum.thailand}


def test_objection_needs_a_reason(forum, after_the_meeting):
    briefing = _draft(forum)
    with pytest.raises(ValidationError) as refusal:
        _object(forum.thai, briefing, reason="  ")
    assert refusal.value.message_dict == {"reason": ["Give the reason for the objection."]}
    assert BriefingPosition.objects.count() == 0


def test_drafting_on_the_meeting_day_is_refused(forum):
    with (
        time_machine.travel(ON_THE_MEETING_DAY, tick=False),
        pytest.raises(ValidationError) as refusal,
    ):
        _draft(forum)
    assert refusal.value.messages == ["A briefing is drafted only after the meeting has ended."]
    assert Briefing.objects.count() == 0


def test_only_the_chair_drafts(forum, after_the_meeting):
    with pytest.raises(PermissionDenied):
        briefing_draft(
            by=forum.austrian,
            meeting=forum.meeting,
            audience=BriefingAudience.CSP,
            text="Trends.",
            objections_due_on=OBJECTIONS_BY,
            based_on=[],
        )
    assert Briefing.objects.count() == 0


def test_briefing_is_based_only_on_presentations_of_its_meeting(forum, after_the_meeting):
    other = CasePresentationFactory(
        meeting=DiefMeetingFactory(
            starts_on=datetime.date(2027, 1, 20), ends_on=datetime.date(2027, 1, 20)
        ),
        case=CaseFactory(provider=forum.austrian),
    )
    with pytest.raises(ValidationError) as refusal:
        _draft(forum, based_on=[other])
    assert refusal.value.message_dict == {
        "based_on": ["A briefing is based only on cases presented at its meeting."]
    }


def test_only_a_dief_meeting_is_briefed_on(forum, after_the_meeting):
    wgeti = MeetingFactory(starts_on=datetime.date(2027, 2, 1), ends_on=datetime.date(2027, 2, 2))
    with pytest.raises(ValidationError):
        briefing_draft(
            by=forum.chair,
            meeting=wgeti,
            audience=BriefingAudience.CSP,
            text="x",
            objections_due_on=OBJECTIONS_BY,
            based_on=[],
        )


def test_new_revision_voids_agreements_but_an_objection_stands(forum, after_the_meeting):
    briefing = _draft(forum, text="Austria traced the pistols.")
    _agree(forum.austrian, briefing)
    _object(forum.thai, briefing)
    briefing = briefing_revise(
        by=forum.chair,
        briefing=briefing,
        text="Austria traced the pistols quickly.",
        objections_due_on=datetime.date(2027, 3, 20),
    )
    assert (briefing.revision, briefing.objections_due_on) == (2, datetime.date(2027, 3, 20))
    after = datetime.datetime(2027, 3, 21, 9, tzinfo=GENEVA)
    assert _state_on(briefing, after) == BriefingState.OBJECTED
    _agree(forum.thai, briefing)
    # Austria consented to revision 1 only: the passage about it waits for its consent.
    assert _state_on(briefing, after) == BriefingState.AWAITING_CONSENT
    _agree(forum.austrian, briefing)
    assert _state_on(briefing, after) == BriefingState.CLEARED


def test_art22_a_new_revision_needs_a_date_not_past(forum, after_the_meeting):
    briefing = _draft(forum)
    with time_machine.travel(DATE_PASSED, tick=False), pytest.raises(ValidationError) as refusal:
        briefing_revise(by=forum.chair, briefing=briefing, text="Another text.")
    assert refusal.value.message_dict == {
        "objections_due_on": ["The date by which the States may object cannot be past."]
    }
    briefing.refresh_from_db()
    assert briefing.revision == 1


def test_saving_the_same_text_keeps_the_revision(forum, after_the_meeting):
    briefing = _draft(forum, text="Same.")
    briefing = briefing_revise(by=forum.chair, briefing=briefing, text="Same.")
    assert briefing.revision == 1


def test_position_is_one_per_state_and_updated_in_place(forum, after_the_meeting):
    briefing = _draft(forum)
    first = _object(forum.austrian, briefing)
    briefing = briefing_revise(by=forum.chair, briefing=briefing, text="New text.")
    second = _agree(forum.austrian, briefing)
    assert second.pk == first.pk
    assert list(BriefingPosition.objects.values_list("state_id", "revision", "position")) == [
        (forum.austria.pk, 2, Position.AGREE)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "As Autriche explained, tracing works.",
        "奥地利介绍了案例。",
        "عرضت النمسا قضية.",
        "Austria presented a case.",
        "A case of AUT was presented.",
        "One case (AT) was presented.",
    ],
)
def test_naming_warning_finds_austria_until_it_agrees(forum, after_the_meeting, text):
    briefing = _draft(forum, text=text)
    assert states_named_without_consent(briefing) == [forum.austria]
    _agree(forum.austrian, briefing)
    assert states_named_without_consent(briefing) == []


@pytest.mark.parametrize(
    "text",
    [
        "Austrian-made pistols were traced.",
        "Tracing at the end user; AUTOMATIC rifles.",
        "General trends only.",
    ],
)
def test_naming_warning_needs_whole_words_and_exact_codes(forum, after_the_meeting, text):
    briefing = _draft(forum, text=text)
    assert states_named_without_consent(briefing) == []


def test_agreement_to_an_earlier_revision_is_not_consent_to_be_named(forum, after_the_meeting):
    briefing = _draft(forum, text="Austria presented.")
    _agree(forum.austrian, briefing)
    briefing = briefing_revise(by=forum.chair, briefing=briefing, text="Austria and Thailand.")
    assert briefing.objections_due_on == OBJECTIONS_BY
    assert states_named_without_consent(briefing) == [forum.austria, forum.thailand]


def test_drafting_tells_the_states_neutrally(
    forum, after_the_meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        briefing = _draft(forum, text="Thailand's concealment case.", based_on=[forum.presentation])
    mails = OutboxMail.objects.order_by("to_address")
    assert {m.recipient for m in mails} == {forum.austrian, forum.thai, forum.german}
    for mail in mails:
        assert "Thailand" not in mail.subject + mail.body_text
        assert reverse("dief:briefing_detail", args=[briefing.pk]) in mail.body_text


# -- Pages, on the demo data ----------------------------------------------------------------


def _demo_briefing():
    return Briefing.objects.get(meeting__title=REVIEW_MEETING)


@pytest.mark.django_db
def test_demo_briefing_is_open_for_objections_and_austria_consented(demo_users):
    briefing = _demo_briefing()
    assert briefing_state(briefing) == BriefingState.CIRCULATED
    assert list(briefing.attributable_to.values_list("country", flat=True)) == ["AT"]
    assert list(briefing.positions.values_list("state__country", "position")) == [
        ("AT", Position.AGREE)
    ]
    with time_machine.travel(briefing.objections_due_on + datetime.timedelta(days=1), tick=False):
        # Thailand and Mexico stayed silent: consensus.
        assert briefing_state(briefing) == BriefingState.CLEARED


@pytest.mark.django_db
def test_chair_sees_positions_and_the_naming_warning(client_for, demo_users):
    briefing = _demo_briefing()
    briefing_revise(
        by=demo_users["dief-chair"], briefing=briefing, text="Thailand and Austria shared."
    )
    response = client_for("dief-chair").get(reverse("dief:briefing_detail", args=[briefing.pk]))
    assert response.status_code == 200
    assert [str(s) for s in response.context["named"]] == ["Austria", "Thailand"]
    assert [p.state.alpha3 for p in response.context["positions"]] == ["AUT"]


@pytest.mark.django_db
def test_briefing_page_says_in_sentences_for_whom_it_is_and_what_was_recorded(
    client_for, demo_users
):
    briefing = _demo_briefing()

    own = client_for("delegate-sp").get(reverse("dief:briefing_detail", args=[briefing.pk]))
    chair = client_for("dief-chair").get(reverse("dief:briefing_detail", args=[briefing.pk]))

    page = own.content.decode()
    assert '<h1 class="h3">Oral briefing to the Conference of States Parties <span' in page
    assert "Your State has recorded its agreement to revision 1 of the text." in page
    assert "<p>States that took part: Austria, Mexico, Thailand</p>" in chair.content.decode()


@pytest.mark.django_db
def test_state_sees_only_its_own_position_and_no_warning(client_for, demo_users):
    response = client_for("delegate-sig").get(
        reverse("dief:briefing_detail", args=[_demo_briefing().pk])
    )
    assert response.status_code == 200
    assert response.context["positions"] == []
    assert response.context["named"] == []
    assert response.context["form"] is not None


@pytest.mark.django_db
def test_state_records_its_objection_through_the_form(client_for, demo_users):
    briefing = _demo_briefing()
    response = client_for("delegate-sig").post(
        reverse("dief:briefing_position", args=[briefing.pk]),
        {"position": "object", "reason": "Our item is recognisable."},
    )
    assert response.status_code == 302
    assert briefing_state(briefing) == BriefingState.OBJECTED


@pytest.mark.django_db
def test_objection_without_reason_shows_the_form_again_and_saves_nothing(client_for, demo_users):
    briefing = _demo_briefing()
    response = client_for("delegate-sig").post(
        reverse("dief:briefing_position", args=[briefing.pk]), {"position": "object"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Give the reason for the objection."]}
    assert briefing.positions.count() == 1


@pytest.mark.django_db
def test_chair_drafting_before_the_meeting_ends_sees_the_refusal(client_for, demo_users):
    meeting = dief_meeting_ahead()
    response = client_for("dief-chair").post(
        reverse("dief:briefing_new", args=[meeting.pk]),
        {"audience": "CSP", "text": "Trends.", "objections_due_on": "2099-01-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "A briefing is drafted only after the meeting has ended."
    ]
    assert Briefing.objects.filter(meeting=meeting).count() == 0


@pytest.mark.django_db
def test_chair_drafts_a_briefing_through_the_form(client_for, demo_users):
    meeting = Meeting.objects.get(title=REVIEW_MEETING)
    due = datetime.date.today() + datetime.timedelta(days=10)
    response = client_for("dief-chair").post(
        reverse("dief:briefing_new", args=[meeting.pk]),
        {"audience": "WGETI", "text": "Lessons on tracing.", "objections_due_on": due.isoformat()},
    )
    briefing = Briefing.objects.get(meeting=meeting, audience="WGETI")
    assert response.status_code == 302
    assert response["Location"] == reverse("dief:briefing_detail", args=[briefing.pk])
    assert (briefing.text, briefing.objections_due_on) == ("Lessons on tracing.", due)


@pytest.mark.django_db
def test_chair_edits_the_text_into_a_new_revision(client_for, demo_users):
    briefing = _demo_briefing()
    response = client_for("dief-chair").post(
        reverse("dief:briefing_edit", args=[briefing.pk]),
        {
            "audience": "CSP",
            "text": "A new text.",
            "objections_due_on": briefing.objections_due_on.isoformat(),
        },
    )
    briefing.refresh_from_db()
    assert response.status_code == 302
    assert (briefing.revision, briefing.text) == (2, "A new text.")


@pytest.mark.django_db
def test_briefing_list_makes_the_same_queries_for_1_and_200_briefings(
    django_assert_num_queries, demo_users
):
    from django.test import Client

    secretariat = SecretariatUserFactory()
    client = sign_in(Client(), secretariat)
    url = reverse("dief:briefing_list")
    client.get(url)  # warm up the session and caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    meeting = Meeting.objects.get(title=REVIEW_MEETING)
    chair = demo_users["dief-chair"]
    Briefing.objects.bulk_create(
        [
            Briefing(meeting=meeting, audience="CSP", text=f"Text {n}", drafted_by=chair)
            for n in range(199)
        ]
    )
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert len(response.context["rows"]) == 200


def test_art22_migration_keeps_unanimous_briefings_cleared_and_leaves_others_to_circulate(
    forum, after_the_meeting
):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("forums.migrations.0007_briefings_cleared_by_consensus")
    unanimous = _draft(forum, text="Austria traced the pistols.")
    partial = _draft(forum)
    for briefing in (unanimous, partial):
        _agree(forum.austrian, briefing)
    _agree(forum.thai, unanimous)
    Briefing.objects.update(objections_due_on=None)
    Briefing.attributable_to.through.objects.all().delete()

    migration.circulate_existing_briefings(apps, None)

    unanimous.refresh_from_db()
    partial.refresh_from_db()
    assert unanimous.objections_due_on == datetime.date(2027, 3, 1)
    assert list(unanimous.attributable_to.all()) == [forum.austria]
    assert partial.objections_due_on is None
    assert _state_on(unanimous, DATE_PASSED) == BriefingState.CLEARED
    assert _state_on(partial, DATE_PASSED) == BriefingState.DRAFT
