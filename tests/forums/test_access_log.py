"""The access log of a case or platform item: who outside the providing State's delegation
opened it, by default; the delegation's own openings on request; counts of both."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from att_portal.directory.enums import AttStatus
from forums.enums import AccessKind
from forums.models import AccessRecord
from forums.services.shared import access_record
from tests.conftest import sign_in
from tests.factories import SecretariatUserFactory, StateFactory, UserFactory
from tests.factories.forums import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    austria = StateFactory(status=AttStatus.STATE_PARTY)
    return {
        "provider": UserFactory(state=austria, first_name="Lena", last_name="Gruber"),
        "colleague": UserFactory(state=austria, first_name="Markus", last_name="Huber"),
        "reader": UserFactory(
            state=StateFactory(status=AttStatus.STATE_PARTY), first_name="Ines", last_name="Moreau"
        ),
        "secretariat": SecretariatUserFactory(first_name="Amal", last_name="Haddad"),
    }


def client(user) -> Client:
    return sign_in(Client(), user)


def opened(case, *people, kind=AccessKind.VIEW) -> None:
    for person in people:
        access_record(person=person, item=case, kind=kind)


def test_by_default_the_log_leaves_out_the_providers_own_openings_and_counts_them(people):
    case = CaseFactory(provider=people["provider"])
    opened(case, people["provider"], people["colleague"], people["provider"])
    opened(case, people["reader"], people["secretariat"])

    response = client(people["colleague"]).get(case.get_absolute_url())

    log = response.context["access_log"]
    assert [r.person for r in log.records] == [people["secretariat"], people["reader"]]
    # The colleague's opening of this very page counts among the delegation's own.
    assert (log.by_others, log.by_provider, log.matching) == (2, 4, 2)
    page = response.content.decode()
    state = people["provider"].state
    assert f"Opened 2 times by people outside the delegation of {state}." in page
    assert f"The delegation of {state} opened it 4 times." in page
    assert "Markus Huber" not in page.split('id="access-log"', 1)[1]


def test_the_filter_includes_the_providers_own_openings_with_the_same_counts(people):
    case = CaseFactory(provider=people["provider"])
    opened(case, people["provider"], people["reader"])

    response = client(people["provider"]).get(case.get_absolute_url(), {"openings": "all"})

    log = response.context["access_log"]
    assert [r.person for r in log.records] == [
        people["provider"],
        people["reader"],
        people["provider"],
    ]
    assert (log.by_others, log.by_provider, log.matching) == (1, 2, 3)
    page = response.content.decode()
    assert (
        '<input class="form-check-input" type="checkbox" name="openings" value="all" '
        'id="id_openings" checked>'
    ) in page
    assert (
        f'<label class="form-check-label" for="id_openings">Include the openings by the '
        f"delegation of {people['provider'].state}</label>"
    ) in page


def test_a_log_with_no_opening_by_others_says_so(people):
    case = CaseFactory(provider=people["provider"])

    page = client(people["provider"]).get(case.get_absolute_url()).content.decode()

    state = people["provider"].state
    assert f"Nobody outside the delegation of {state} yet." in page
    assert f"Opened 0 times by people outside the delegation of {state}." in page


def test_the_secretariat_sees_the_log_filtered_by_the_providing_state(people):
    case = CaseFactory(provider=people["provider"])
    opened(case, people["colleague"], people["reader"])

    log = client(people["secretariat"]).get(case.get_absolute_url()).context["access_log"]

    # The Secretariat's own opening is one by others than the providing delegation.
    assert [r.person for r in log.records] == [people["secretariat"], people["reader"]]
    assert (log.by_others, log.by_provider) == (2, 1)


def test_beyond_the_latest_hundred_the_page_says_how_many_the_log_holds(people):
    case = CaseFactory(provider=people["provider"])
    AccessRecord.objects.bulk_create(
        AccessRecord(
            case=case,
            person=people["reader"],
            state=people["reader"].state,
            affiliation_label="Reader",
            kind=AccessKind.VIEW,
        )
        for _ in range(105)
    )
    opened(case, people["colleague"])

    response = client(people["provider"]).get(case.get_absolute_url())

    log = response.context["access_log"]
    assert (len(log.records), log.by_others, log.by_provider) == (100, 105, 2)
    assert "The latest 100 of 105 openings." in response.content.decode()


def test_the_logs_query_count_does_not_grow_with_its_openings(people):
    case = CaseFactory(provider=people["provider"])
    viewer = client(people["provider"])
    opened(case, people["reader"], people["colleague"])
    viewer.get(case.get_absolute_url())  # warm per-process caches

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert viewer.get(case.get_absolute_url(), {"openings": "all"}).status_code == 200
        return len(captured)

    with_few = queries()
    for _ in range(20):
        opened(case, UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)))
        opened(case, people["colleague"])
    assert queries() == with_few
