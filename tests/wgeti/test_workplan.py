"""The WGETI structure and the multi-year workplan: sub-working groups per cycle, the
topics a meeting takes up; officers change them, everybody reads them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from att_portal.directory.enums import Role
from att_portal.meetings.enums import Body
from tests.conftest import sign_in
from tests.factories import (
    CspCycleFactory,
    MeetingFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    UserFactory,
)
from working_groups.models import (
    ImplementationQuestion,
    MeetingTopic,
    Phase,
    PresentationOffer,
    SubWorkingGroup,
    Topic,
)
from working_groups.services.workplan import (
    meeting_topic_add,
    meeting_topic_remove,
    sub_working_group_create,
    sub_working_group_update,
)

pytestmark = pytest.mark.django_db


def wgeti_chair():
    return RoleAssignmentFactory(role=Role.WGETI_CHAIR).user


def make_topic(title="Risk assessment", number=4, phase_title="Application and authorisation"):
    phase, _created = Phase.objects.get_or_create(number=number, defaults={"title": phase_title})
    return Topic.objects.create(phase=phase, title=title)


# -- Sub-working groups ------------------------------------------------------------------


def test_chair_sets_up_a_sub_working_group_with_its_facilitators():
    cycle = CspCycleFactory(number=12, year=2026)

    group = sub_working_group_create(
        by=wgeti_chair(),
        cycle=cycle,
        name="Exchange of National Implementation Practices",
        facilitators="Ms Essate Weldemichael and Mr Edward Kawa (Sierra Leone)",
    )

    assert list(SubWorkingGroup.objects.values_list("cycle__number", "name", "facilitators")) == [
        (
            12,
            "Exchange of National Implementation Practices",
            "Ms Essate Weldemichael and Mr Edward Kawa (Sierra Leone)",
        )
    ]
    assert group.history.get().history_change_reason == "Sub-working group set up"


@pytest.mark.parametrize("make_user", [UserFactory, OrganisationUserFactory])
def test_participant_who_is_no_officer_cannot_set_up_a_sub_working_group(make_user):
    with pytest.raises(PermissionDenied):
        sub_working_group_create(
            by=make_user(), cycle=CspCycleFactory(), name="Group", facilitators="Someone"
        )

    assert SubWorkingGroup.objects.count() == 0


def test_same_group_name_twice_in_a_cycle_is_refused():
    cycle, chair = CspCycleFactory(), wgeti_chair()
    sub_working_group_create(by=chair, cycle=cycle, name="Group", facilitators="A")

    with pytest.raises(ValidationError) as refusal:
        sub_working_group_create(by=chair, cycle=cycle, name="Group", facilitators="B")

    assert "__all__" in refusal.value.message_dict
    assert SubWorkingGroup.objects.count() == 1


def test_secretariat_renames_the_facilitators():
    group = SubWorkingGroup.objects.create(cycle=CspCycleFactory(), name="G", facilitators="A")

    sub_working_group_update(
        by=SecretariatUserFactory(), group=group, name="G", facilitators="B", mandate="M"
    )

    group.refresh_from_db()
    assert (group.facilitators, group.mandate) == ("B", "M")


def test_sub_working_groups_page_shows_the_chosen_cycle_only(client):
    SubWorkingGroup.objects.create(
        cycle=CspCycleFactory(number=12, year=2026), name="Twelve", facilitators="F12"
    )
    SubWorkingGroup.objects.create(
        cycle=CspCycleFactory(number=11, year=2025), name="Eleven", facilitators="F11"
    )
    sign_in(client, OrganisationUserFactory())

    response = client.get(reverse("wgeti:sub_working_groups"), {"cycle": 11})

    assert [g.name for g in response.context["groups"]] == ["Eleven"]
    assert "F11" in response.content.decode()
    assert response.context["form"] is None  # no officer: no form


def test_sub_working_groups_page_defaults_to_the_latest_cycle_with_groups(client):
    SubWorkingGroup.objects.create(
        cycle=CspCycleFactory(number=12, year=2026), name="Twelve", facilitators="F"
    )
    CspCycleFactory(number=13, year=2027)
    sign_in(client, UserFactory())

    response = client.get(reverse("wgeti:sub_working_groups"))

    assert response.context["cycle"].number == 12


def test_unknown_cycle_is_explained_not_a_500(client):
    CspCycleFactory(number=12, year=2026)
    sign_in(client, UserFactory())

    response = client.get(reverse("wgeti:sub_working_groups"), {"cycle": "banana"})

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()


def test_officer_sets_up_a_group_from_the_page_and_a_delegate_gets_403(client):
    CspCycleFactory(number=12, year=2026)
    url = reverse("wgeti:sub_working_groups") + "?cycle=12"
    data = {"name": "New", "facilitators": "Someone", "mandate": "", "position": 0}

    sign_in(client, UserFactory())
    assert client.post(url, data).status_code == 403
    sign_in(client, wgeti_chair())
    response = client.post(url, data)

    assert response.status_code == 302
    assert list(SubWorkingGroup.objects.values_list("name", flat=True)) == ["New"]


# -- The sub-working groups in the six languages -------------------------------------------

SWG_EN = "Exchange of National Implementation Practices"
SWG_FR = "Échange de pratiques nationales de mise en œuvre"


def marked_english(text: str, language: str) -> str:
    """How a page in `language` shows a text that was written in English only."""
    with translation.override(language):
        mark = gettext("(in English)")
    return f'<span lang="en" dir="ltr">{text}</span> <small class="fallback-mark">{mark}</small>'


def set_up_through_the_page(client) -> SubWorkingGroup:
    sign_in(client, wgeti_chair())
    response = client.post(
        reverse("wgeti:sub_working_groups") + "?cycle=12",
        {
            "name": SWG_EN,
            "name__fr": SWG_FR,
            "facilitators": "Ms Essate Weldemichael (Sierra Leone)",
            "mandate": "Sharing of national practices.",
            "position": 1,
        },
    )
    assert response.status_code == 302
    return SubWorkingGroup.objects.get()


def test_names_entered_in_the_form_are_stored_per_language(client):
    CspCycleFactory(number=12, year=2026)

    group = set_up_through_the_page(client)

    assert (group.name_en, group.name_fr, group.name_es) == (SWG_EN, SWG_FR, None)
    assert (group.mandate_en, group.mandate_fr) == ("Sharing of national practices.", None)
    assert SubWorkingGroup.objects.values_list("name", flat=True).get() == SWG_EN


def test_a_french_name_entered_in_the_form_is_shown_to_a_french_reader(client):
    CspCycleFactory(number=12, year=2026)
    set_up_through_the_page(client)
    reader = sign_in(Client(), UserFactory(preferred_language="fr"))

    content = reader.get(reverse("wgeti:sub_working_groups"), {"cycle": 12}).content.decode()

    assert f'<h2 class="h6 mb-1">{SWG_FR}</h2>' in content
    # The mandate was written in English only: shown in English, marked as such.
    assert marked_english("Sharing of national practices.", "fr") in content


def test_a_language_left_empty_shows_the_english_name_marked_in_english(client):
    CspCycleFactory(number=12, year=2026)
    set_up_through_the_page(client)
    reader = sign_in(Client(), UserFactory(preferred_language="es"))

    content = reader.get(reverse("wgeti:sub_working_groups"), {"cycle": 12}).content.decode()

    assert f'<h2 class="h6 mb-1">{marked_english(SWG_EN, "es")}</h2>' in content
    assert SWG_FR not in content


def test_same_english_name_twice_in_a_cycle_is_refused_to_a_french_officer(client):
    cycle = CspCycleFactory(number=12, year=2026)
    sub_working_group_create(by=wgeti_chair(), cycle=cycle, name=SWG_EN, facilitators="A")
    officer = RoleAssignmentFactory(
        role=Role.WGETI_CHAIR, user=UserFactory(preferred_language="fr")
    ).user
    sign_in(client, officer)

    response = client.post(
        reverse("wgeti:sub_working_groups") + "?cycle=12",
        {"name": SWG_EN, "facilitators": "B", "mandate": "", "position": 0},
    )

    with translation.override("fr"):
        refusal = gettext("The %(cycle)s cycle already has a sub-working group “%(name)s”.")
        cycle_name = str(cycle)  # "CEP12" for a French reader
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        refusal % {"cycle": cycle_name, "name": SWG_EN}
    ]
    assert SubWorkingGroup.objects.count() == 1


def test_edit_form_shows_each_language_and_keeps_those_sent_again(client):
    CspCycleFactory(number=12, year=2026)
    group = set_up_through_the_page(client)
    url = reverse("wgeti:sub_working_group_edit", args=[group.pk])

    form = client.get(url).context["form"]
    assert (form["name"].value(), form["name__fr"].value(), form["name__es"].value()) == (
        SWG_EN,
        SWG_FR,
        None,
    )
    response = client.post(
        url,
        {
            "name": SWG_EN,
            "name__fr": SWG_FR,
            "name__es": "Intercambio de prácticas nacionales de aplicación",
            "facilitators": "Ms Essate Weldemichael (Sierra Leone)",
            "mandate": "Sharing of national practices.",
            "mandate__fr": "Partage des pratiques nationales.",
            "position": 1,
        },
    )

    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name_en, group.name_fr, group.name_es, group.mandate_fr) == (
        SWG_EN,
        SWG_FR,
        "Intercambio de prácticas nacionales de aplicación",
        "Partage des pratiques nationales.",
    )


def test_delegate_gets_403_on_the_edit_page_of_a_group(client):
    group = SubWorkingGroup.objects.create(cycle=CspCycleFactory(), name="G", facilitators="A")
    sign_in(client, UserFactory())

    assert client.get(reverse("wgeti:sub_working_group_edit", args=[group.pk])).status_code == 403


# -- The workplan ---------------------------------------------------------------------------


def queries_for(client, url: str) -> tuple[int, object]:
    client.get(url)  # warm the session, the user and the role cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_workplan_page_keeps_the_same_number_of_queries_with_1_and_200_topics(client):
    phases = [Phase.objects.create(number=n, title=f"Phase {n}") for n in (1, 2, 3)]

    def add_topics(first: int, last: int) -> None:
        for index in range(first, last):
            topic = Topic.objects.create(phase=phases[index % 3], title=f"Topic {index}")
            ImplementationQuestion.objects.create(topic=topic, text=f"Question {index}?")

    sign_in(client, OrganisationUserFactory())
    url = reverse("wgeti:workplan")
    add_topics(0, 1)
    with_one, _response = queries_for(client, url)
    add_topics(1, 200)
    with_200, response = queries_for(client, url)

    assert with_one == with_200
    assert "Question 199?" in response.content.decode()


def test_workplan_lists_phases_topics_and_questions_in_order(client):
    cross = Phase.objects.create(number=9, title="International cooperation and assistance")
    cross.is_cross_cutting = True
    cross.save()
    topic = make_topic("National control list", 2, "National control system")
    ImplementationQuestion.objects.create(topic=topic, text="How is the list updated?")
    sign_in(client, UserFactory())

    response = client.get(reverse("wgeti:workplan"))

    assert [(p.title, [t.title for t in p.topics.all()]) for p in response.context["phases"]] == [
        ("National control system", ["National control list"]),
        ("International cooperation and assistance", []),
    ]
    content = response.content.decode()
    assert "How is the list updated?" in content
    assert "Cross-cutting function" in content


# -- Topics of a meeting ------------------------------------------------------------------


def test_chair_has_the_meeting_take_up_a_topic_in_a_sub_working_group():
    meeting = MeetingFactory()
    group = SubWorkingGroup.objects.create(cycle=meeting.cycle, name="G", facilitators="F")
    topic = make_topic()

    meeting_topic_add(by=wgeti_chair(), meeting=meeting, topic=topic, sub_working_group=group)

    assert list(MeetingTopic.objects.values_list("topic__title", "sub_working_group__name")) == [
        ("Risk assessment", "G")
    ]


def test_topic_taken_up_twice_is_refused_with_a_clear_message():
    meeting, topic, chair = MeetingFactory(), make_topic(), wgeti_chair()
    meeting_topic_add(by=chair, meeting=meeting, topic=topic)

    with pytest.raises(ValidationError) as refusal:
        meeting_topic_add(by=chair, meeting=meeting, topic=topic)

    assert refusal.value.message_dict == {
        "topic": ["The meeting already takes up “Risk assessment”."]
    }


def test_group_of_another_cycle_is_refused():
    meeting = MeetingFactory()
    other = SubWorkingGroup.objects.create(cycle=CspCycleFactory(), name="Old", facilitators="F")

    with pytest.raises(ValidationError) as refusal:
        meeting_topic_add(
            by=wgeti_chair(), meeting=meeting, topic=make_topic(), sub_working_group=other
        )

    assert refusal.value.message_dict == {
        "sub_working_group": ["“Old” is a sub-working group of another cycle than the meeting's."]
    }


def test_a_dief_meeting_takes_up_no_workplan_topic():
    with pytest.raises(ValidationError) as refusal:
        meeting_topic_add(
            by=wgeti_chair(), meeting=MeetingFactory(body=Body.DIEF), topic=make_topic()
        )

    assert refusal.value.messages == ["This is not a WGETI meeting."]


def test_delegate_cannot_add_a_topic():
    with pytest.raises(PermissionDenied):
        meeting_topic_add(by=UserFactory(), meeting=MeetingFactory(), topic=make_topic())


def test_topic_with_offers_is_not_removed():
    meeting, topic = MeetingFactory(), make_topic()
    taken_up = MeetingTopic.objects.create(meeting=meeting, topic=topic)
    delegate = UserFactory()
    PresentationOffer.objects.create(
        meeting=meeting, topic=topic, state=delegate.state, submitted_by=delegate, summary="S"
    )

    with pytest.raises(ValidationError) as refusal:
        meeting_topic_remove(by=wgeti_chair(), meeting_topic=taken_up)

    assert refusal.value.messages == [
        "Delegations have offered to present on “Risk assessment” at this meeting; the topic stays."
    ]
    assert MeetingTopic.objects.count() == 1


def test_chair_adds_and_removes_a_topic_through_the_page(client):
    meeting, topic = MeetingFactory(), make_topic()
    sign_in(client, wgeti_chair())

    added = client.post(reverse("wgeti:meeting_topic_add", args=[meeting.pk]), {"topic": topic.pk})
    taken_up = MeetingTopic.objects.get()
    removed = client.post(reverse("wgeti:meeting_topic_remove", args=[meeting.pk, taken_up.pk]))

    assert (added.status_code, removed.status_code) == (302, 302)
    assert MeetingTopic.objects.count() == 0


def test_delegate_posting_a_topic_gets_403_and_nothing_changes(client):
    meeting, topic = MeetingFactory(), make_topic()
    sign_in(client, UserFactory())

    response = client.post(
        reverse("wgeti:meeting_topic_add", args=[meeting.pk]), {"topic": topic.pk}
    )

    assert response.status_code == 403
    assert MeetingTopic.objects.count() == 0


def test_duplicate_topic_through_the_page_comes_back_with_the_message(client):
    meeting, topic = MeetingFactory(), make_topic()
    MeetingTopic.objects.create(meeting=meeting, topic=topic)
    sign_in(client, wgeti_chair())

    response = client.post(
        reverse("wgeti:meeting_topic_add", args=[meeting.pk]), {"topic": topic.pk}
    )

    assert response.status_code == 200
    assert "The meeting already takes up “Risk assessment”." in response.content.decode()


def test_topics_page_of_a_dief_meeting_is_404_even_for_the_secretariat(client):
    meeting = MeetingFactory(body=Body.DIEF)
    sign_in(client, SecretariatUserFactory())

    assert client.get(reverse("wgeti:meeting_topics", args=[meeting.pk])).status_code == 404


def test_meeting_topics_page_keeps_the_same_number_of_queries_with_1_and_200_topics(client):
    meeting = MeetingFactory()
    group = SubWorkingGroup.objects.create(cycle=meeting.cycle, name="G", facilitators="F")
    phase = Phase.objects.create(number=1, title="Phase")

    def add_topics(first: int, last: int) -> None:
        for index in range(first, last):
            topic = Topic.objects.create(phase=phase, title=f"Topic {index}")
            MeetingTopic.objects.create(meeting=meeting, topic=topic, sub_working_group=group)

    url = reverse("wgeti:meeting_topics", args=[meeting.pk])
    for person in (UserFactory(), wgeti_chair()):  # a reader; an officer, with the form
        sign_in(client, person)
        MeetingTopic.objects.all().delete()
        Topic.objects.all().delete()
        add_topics(0, 1)
        with_one, _response = queries_for(client, url)
        add_topics(1, 200)
        with_200, response = queries_for(client, url)

        assert with_one == with_200
        assert len(response.context["meeting_topics"]) == 200


def test_seed_004_annex_b1_para_9_enforcement_arrangements_is_the_seventh_topic(demo_users, client):
    # Annex B-1 ¶9: "enforcement arrangements", the seventh topic of the multi-year
    # workplan; ¶6 and Annex A: March 2026 takes up "national control system – brokering"
    # (the demo had replaced it with the national control list) and risk assessment.
    numbered = dict(Phase.objects.values_list("number", "title"))
    march = MeetingTopic.objects.filter(meeting__title="WGETI meeting, March 2026")
    client.force_login(demo_users["ngo"])

    page = client.get(reverse("wgeti:workplan")).content.decode()

    assert numbered[7] == "Enforcement arrangements"
    assert (numbered[3], numbered[6]) == (
        "National control system – brokering",
        "Risk assessment (covering Articles 6 and 7)",
    )
    assert sorted({row.topic.phase.title for row in march.select_related("topic__phase")}) == [
        "National control system – brokering",
        "Risk assessment (covering Articles 6 and 7)",
    ]
    assert "Topic 7: Enforcement arrangements" in page
