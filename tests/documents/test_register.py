"""The register numbers documents uniquely and shows each person only what they may see."""

import datetime
import threading

import pytest
from django.db import connection

from att_portal import access
from att_portal.directory.enums import AttStatus
from documents.enums import Distribution
from documents.models import Document
from documents.services import document_register
from tests.factories import (
    CspCycleFactory,
    OrganisationUserFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)

D = datetime.date


def register(officer, cycle, **fields):
    defaults = {
        "title": "Report",
        "body": "",
        "doc_type": "Conf.Rep",
        "issued_on": D(2026, 8, 1),
        "distribution": Distribution.PUBLIC,
        "author_office": "SEC",
    }
    return document_register(by=officer, cycle=cycle, **(defaults | fields))


@pytest.mark.django_db
def test_register_gives_the_next_running_number_and_its_symbol():
    officer = SecretariatUserFactory()
    cycle = CspCycleFactory(number=12, year=2026)
    austria, ireland = StateFactory(country="AT"), StateFactory(country="IE")

    first = register(
        officer,
        cycle,
        body="DIEF",
        author_office="CHAIR",
        doc_type="DrWP",
        distribution=Distribution.CONFIDENTIAL,
        forum="DIEF",
    )
    joint = register(officer, cycle, author_states=[ireland, austria], doc_type="Conf.WP")

    assert (first.symbol, joint.symbol) == (
        "ATT/CSP12.DIEF/2026/CHAIR/1/DrWP",
        "ATT/CSP12/2026/AUT-IRL/2/Conf.WP",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("person", "sees_dief"),
    [
        ("secretariat", True),
        ("party", True),
        ("signatory", True),
        ("observer", False),
        ("ngo", False),
    ],
)
def test_confidential_dief_documents_never_reach_observers_not_even_as_a_count(person, sees_dief):
    officer = SecretariatUserFactory()
    cycle = CspCycleFactory()
    register(officer, cycle, title="Public report")
    register(officer, cycle, title="Restricted paper", distribution=Distribution.RESTRICTED)
    register(
        officer,
        cycle,
        title="DIEF paper",
        distribution=Distribution.CONFIDENTIAL,
        forum="DIEF",
        body="DIEF",
    )
    viewer = {
        "secretariat": lambda: officer,
        "party": lambda: UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "signatory": lambda: UserFactory(state=StateFactory(status=AttStatus.SIGNATORY)),
        "observer": lambda: UserFactory(state=StateFactory()),
        "ngo": OrganisationUserFactory,
    }[person]()

    visible = access.visible(viewer, Document)

    # Observers and organisations see neither restricted-area nor confidential documents.
    expected = {"Public report"} | ({"Restricted paper", "DIEF paper"} if sees_dief else set())
    assert set(visible.values_list("title", flat=True)) == expected
    assert visible.count() == len(expected)


@pytest.mark.django_db(transaction=True)
def test_documents_registered_at_the_same_instant_get_distinct_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrent writers need a server database; CI runs this on PostgreSQL.")
    officer = SecretariatUserFactory()
    cycle = CspCycleFactory()
    barrier = threading.Barrier(6)
    errors = []

    def issue():
        try:
            barrier.wait()
            register(officer, cycle)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(Document.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]


@pytest.mark.django_db
def test_secretariat_registers_a_joint_paper_from_the_form(client):
    from django.urls import reverse

    from tests.conftest import sign_in

    officer = SecretariatUserFactory()
    cycle = CspCycleFactory(number=9, year=2023)
    austria, ireland, mexico = (StateFactory(country=c) for c in ("AT", "IE", "MX"))
    sign_in(client, officer)

    response = client.post(
        reverse("documents:register"),
        {
            "title": "Joint working paper",
            "cycle": cycle.pk,
            "body": "",
            "doc_type": "Conf.WP",
            "issued_on": "2023-08-01",
            "author_states": [mexico.pk, austria.pk, ireland.pk],
            "original_language": "en",
            "distribution": "public",
        },
    )

    assert response.status_code == 302
    assert Document.objects.get().symbol == "ATT/CSP9/2023/AUT-IRL-MEX/1/Conf.WP"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"author_office": ""}, "Name the author: an office or one or more States."),
        ({"distribution": "confidential"}, "A confidential document names its forum."),
        ({"doc_type": "Conf WP!"}, "Select a valid choice. Conf WP! is not one of the available"),
    ],
)
def test_register_form_refuses_bad_input_and_registers_nothing(client, data, message):
    from django.urls import reverse

    from tests.conftest import sign_in

    sign_in(client, SecretariatUserFactory())
    cycle = CspCycleFactory()
    base = {
        "title": "Paper",
        "cycle": cycle.pk,
        "doc_type": "Conf.WP",
        "issued_on": "2026-01-01",
        "author_office": "SEC",
        "original_language": "en",
        "distribution": "public",
    }

    response = client.post(reverse("documents:register"), base | data)

    assert message in response.content.decode()
    assert Document.objects.count() == 0
