"""The documents of a WGETI meeting reach everyone invited to it, organisations included
(issue 14; DOMAIN §7: "a WGETI cover letter must reach the NGOs invited to that
meeting"); DIEF confidentiality is untouched."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from att_portal import access
from att_portal.directory.enums import AttStatus
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Invitation
from documents.models import Document
from documents.services import document_attach, document_register
from tests.conftest import sign_in
from tests.documents.test_letters import add_annex, chair, compose
from tests.factories import (
    CspCycleFactory,
    MeetingFactory,
    OrganisationUserFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def march():
    return MeetingFactory(
        body=Body.WGETI,
        cycle=CspCycleFactory(number=12, year=2026),
        title="WGETI meeting, March 2026",
        starts_on=datetime.date(2026, 3, 16),
        ends_on=datetime.date(2026, 3, 18),
    )


def invite(meeting, *, organisation=None, state=None):
    return Invitation.objects.create(
        meeting=meeting,
        organisation=organisation,
        state=state,
        sent_at=timezone.now(),
        sent_by=SecretariatUserFactory(),
    )


def visible(user) -> set[str]:
    return {d.title for d in access.visible(user, Document)}


def test_an_ngo_invited_to_the_wgeti_meeting_reads_its_cover_letter_and_annexes(march, client):
    # It used to get 404: the restricted area admitted States Parties and signatories only.
    wgeti_chair = chair()
    letter = compose(wgeti_chair, distribution="restricted")
    add_annex(wgeti_chair, letter, "Annex A")
    ngo = OrganisationUserFactory(organisation__name="Control Arms")
    invite(march, organisation=ngo.organisation)

    response = sign_in(client, ngo).get(reverse("documents:detail", args=[letter.document.pk]))

    assert response.status_code == 200
    assert visible(ngo) == {
        "Cover letter for the WGETI meeting, 16-18 March 2026",
        "Title of Annex A",
    }


def test_an_invited_observer_states_delegate_reads_the_cover_letter_too(march):
    letter = compose(chair(), distribution="restricted")
    observer = UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY))
    invite(march, state=observer.state)

    assert visible(observer) == {letter.document.title}


def test_an_organisation_not_invited_does_not_read_the_cover_letter(march, client):
    letter = compose(chair(), distribution="restricted")
    invite(march, organisation=OrganisationUserFactory().organisation)
    stranger = OrganisationUserFactory()

    response = sign_in(client, stranger).get(reverse("documents:detail", args=[letter.document.pk]))

    assert response.status_code == 404
    assert visible(stranger) == set()


def test_a_document_of_another_meeting_or_another_cycle_is_not_the_invited_meetings(march):
    officer = SecretariatUserFactory()
    other_meeting = MeetingFactory(body=Body.WGETI, cycle=march.cycle, title="Intersessional")
    of_other_meeting = document_register(
        by=officer,
        title="Notes for the intersessional consultation",
        cycle=march.cycle,
        body="WGETI",
        doc_type="Conf.WP",
        issued_on=datetime.date(2026, 4, 1),
        distribution="restricted",
        author_office="CHAIR",
    )
    Document.objects.filter(pk=of_other_meeting.pk).update(meeting=other_meeting)
    compose(chair(), cycle=CspCycleFactory(number=11, year=2025), distribution="restricted")
    ngo = OrganisationUserFactory()
    invite(march, organisation=ngo.organisation)

    assert visible(ngo) == set()


def test_the_agenda_registered_for_the_meeting_reaches_the_invited_ngo(march):
    officer = SecretariatUserFactory()
    agenda = document_register(
        by=officer,
        title="Draft agenda of the WGETI meeting",
        cycle=march.cycle,
        body="WGETI",
        doc_type="Agenda",
        issued_on=datetime.date(2026, 2, 18),
        distribution="restricted",
        author_office="CHAIR",
    )
    Document.objects.filter(pk=agenda.pk).update(meeting=march)
    ngo = OrganisationUserFactory()
    invite(march, organisation=ngo.organisation)

    assert visible(ngo) == {"Draft agenda of the WGETI meeting"}


def test_a_dief_annex_of_the_letter_stays_confidential_to_the_dief(march):
    officer = SecretariatUserFactory()
    letter = compose(officer, distribution="restricted")
    dief_annex = document_register(
        by=officer,
        title="Confidential DIEF annex",
        cycle=letter.document.cycle,
        body="DIEF",
        doc_type="DrWP",
        issued_on=datetime.date(2026, 2, 18),
        distribution="confidential",
        forum="DIEF",
        author_office="CHAIR",
    )
    document_attach(by=officer, parent=letter.document, annex=dief_annex, label="Annex B")
    Document.objects.filter(pk=letter.document.pk).update(meeting=march)
    ngo = OrganisationUserFactory()
    invite(march, organisation=ngo.organisation)

    assert visible(ngo) == {letter.document.title}
