"""Written submissions (seed 004: due by 5 March 2026): until the end of the due day,
Geneva time; seen by their authors and the officers until the Chair publishes them."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from att_portal.meetings.enums import Body, CallKind
from att_portal.meetings.models import MeetingCall
from tests.conftest import sign_in
from tests.factories import (
    MeetingFactory,
    OrganisationUserFactory,
    SecretariatUserFactory,
    UserFactory,
)
from tests.wgeti.test_workplan import queries_for, wgeti_chair
from working_groups.enums import SubmissionKind
from working_groups.models import WrittenSubmission
from working_groups.services.submissions import (
    written_submission_publish,
    written_submission_submit,
)

pytestmark = pytest.mark.django_db

ZURICH = ZoneInfo("Europe/Zurich")
LAST_MINUTE = datetime.datetime(2026, 3, 5, 23, 59, 59, tzinfo=ZURICH)
TOO_LATE = datetime.datetime(2026, 3, 6, 0, 0, 1, tzinfo=ZURICH)


def written_comments_call(body=Body.WGETI, kind=CallKind.WRITTEN_COMMENTS):
    meeting = MeetingFactory(
        body=body, starts_on=datetime.date(2026, 3, 16), ends_on=datetime.date(2026, 3, 18)
    )
    return MeetingCall.objects.create(
        meeting=meeting,
        kind=kind,
        title="Written comments on the draft agenda notes",
        issued_on=datetime.date(2026, 2, 18),
        due_on=datetime.date(2026, 3, 5),
    )


@pytest.fixture
def call():
    return written_comments_call()


def submit(by, call, text="Comments"):
    return written_submission_submit(by=by, call=call, kind=SubmissionKind.COMMENTS, text=text)


def test_delegation_submits_comments_in_the_last_second_of_the_due_day(call):
    delegate = UserFactory()

    with time_machine.travel(LAST_MINUTE, tick=False):
        submission = submit(delegate, call)

    assert (submission.state, submission.organisation, submission.published_at) == (
        delegate.state,
        None,
        None,
    )


def test_organisation_submits_a_text_proposal_for_itself(call):
    member = OrganisationUserFactory()

    with time_machine.travel(LAST_MINUTE, tick=False):
        submission = written_submission_submit(
            by=member, call=call, kind=SubmissionKind.TEXT_PROPOSAL, text="New para 104"
        )

    assert submission.organisation == member.organisation


def test_seed_004_appendix_1_a_submission_after_the_due_date_is_kept_as_after_the_meeting(call):
    # Appendix 1: "comments before and after the meeting" (it used to be refused).
    on_time = submit(UserFactory(), call, text="Before")
    with time_machine.travel(LAST_MINUTE, tick=False):
        WrittenSubmission.objects.filter(pk=on_time.pk).update(submitted_at=timezone.now())
    with time_machine.travel(TOO_LATE, tick=False):
        late = submit(UserFactory(), call, text="After")

    on_time.refresh_from_db()
    assert [(s.text, s.after_the_meeting) for s in WrittenSubmission.objects.order_by("pk")] == [
        ("Before", False),
        ("After", True),
    ]
    assert late.history.first().history_change_reason == "Sent after the meeting"


def test_seed_004_appendix_1_the_form_stays_open_after_the_due_date(call, client):
    sign_in(client, UserFactory())
    url = reverse("wgeti:submissions", args=[call.pk])

    with time_machine.travel(TOO_LATE, tick=False):
        page = client.get(url)
        response = client.post(url, {"kind": "comments", "text": "After the meeting"})
        after = client.get(url).content.decode()

    assert page.context["form"] is not None
    assert response.status_code == 302
    assert WrittenSubmission.objects.get().text == "After the meeting"
    assert "Open for comments after the meeting" in after
    assert '<span class="badge text-bg-info">After the meeting</span>' in after


def test_submission_through_the_page_is_recorded(call, client):
    sign_in(client, UserFactory())

    with time_machine.travel(LAST_MINUTE, tick=False):
        response = client.post(
            reverse("wgeti:submissions", args=[call.pk]), {"kind": "comments", "text": "On time"}
        )

    assert response.status_code == 302
    assert WrittenSubmission.objects.get().text == "On time"


def test_secretariat_has_no_delegation_to_submit_for(call, client):
    sign_in(client, SecretariatUserFactory())

    with time_machine.travel(LAST_MINUTE, tick=False):
        response = client.post(
            reverse("wgeti:submissions", args=[call.pk]), {"kind": "comments", "text": "X"}
        )

    assert response.status_code == 403


def test_call_for_ad_hoc_issues_takes_no_written_submissions(client):
    call = written_comments_call(kind=CallKind.AD_HOC_ISSUES)
    sign_in(client, UserFactory())

    assert client.get(reverse("wgeti:submissions", args=[call.pk])).status_code == 404
    with time_machine.travel(LAST_MINUTE, tick=False), pytest.raises(ValidationError):
        submit(UserFactory(), call)


def test_written_comments_call_of_a_dief_meeting_is_404(client):
    call = written_comments_call(body=Body.DIEF)
    sign_in(client, SecretariatUserFactory())

    assert client.get(reverse("wgeti:submissions", args=[call.pk])).status_code == 404


def test_unpublished_submission_is_seen_by_its_author_and_the_officers_only(call, client):
    author = UserFactory()
    with time_machine.travel(LAST_MINUTE, tick=False):
        submission = submit(author, call, "Austria's comments")
    url = reverse("wgeti:submissions", args=[call.pk])

    def seen_by(user):
        sign_in(client, user)
        return [s.text for s in client.get(url).context["submissions"]]

    assert seen_by(author) == ["Austria's comments"]
    assert seen_by(wgeti_chair()) == ["Austria's comments"]
    assert seen_by(SecretariatUserFactory()) == ["Austria's comments"]
    assert seen_by(UserFactory()) == []
    assert seen_by(OrganisationUserFactory()) == []

    written_submission_publish(by=wgeti_chair(), submission=submission)

    assert seen_by(OrganisationUserFactory()) == ["Austria's comments"]


def test_delegate_cannot_publish_a_submission(call, client):
    author = UserFactory()
    with time_machine.travel(LAST_MINUTE, tick=False):
        submission = submit(author, call)

    with pytest.raises(PermissionDenied):
        written_submission_publish(by=author, submission=submission)
    sign_in(client, author)
    as_author = client.post(reverse("wgeti:submission_publish", args=[submission.pk]))
    sign_in(client, UserFactory())
    as_other = client.post(reverse("wgeti:submission_publish", args=[submission.pk]))

    assert (as_author.status_code, as_other.status_code) == (403, 404)
    submission.refresh_from_db()
    assert submission.published_at is None


def test_chair_publishes_once_and_a_second_time_is_refused(call, client):
    with time_machine.travel(LAST_MINUTE, tick=False):
        submission = submit(UserFactory(), call)
    chair = wgeti_chair()
    sign_in(client, chair)
    url = reverse("wgeti:submission_publish", args=[submission.pk])

    with time_machine.travel(datetime.datetime(2026, 3, 9, 10, tzinfo=ZURICH), tick=False):
        first = client.post(url)
        second = client.post(url)

    assert first.status_code == 302
    assert second.status_code == 200
    assert "This submission was already published on 9 March 2026." in second.content.decode()
    submission.refresh_from_db()
    assert submission.published_by == chair


def test_submissions_page_keeps_the_same_number_of_queries_with_1_and_200(call, client):
    sign_in(client, wgeti_chair())
    url = reverse("wgeti:submissions", args=[call.pk])

    def add(count: int) -> None:
        with time_machine.travel(LAST_MINUTE, tick=False):
            for _index in range(count):
                submit(OrganisationUserFactory(), call)

    add(1)
    with_one, _response = queries_for(client, url)
    add(199)
    with_200, response = queries_for(client, url)

    assert with_one == with_200
    assert len(response.context["submissions"]) == 200


def test_history_of_a_published_submission_is_for_its_author_and_the_officers(call, client):
    author = UserFactory()
    with time_machine.travel(LAST_MINUTE, tick=False):
        submission = submit(author, call)
    written_submission_publish(by=wgeti_chair(), submission=submission)
    url = reverse("history", args=["wgeti-submission", submission.pk])

    def status_for(user):
        sign_in(client, user)
        return client.get(url).status_code

    assert status_for(author) == 200
    assert status_for(SecretariatUserFactory()) == 200
    assert status_for(OrganisationUserFactory()) == 403  # published: seen, not its history
