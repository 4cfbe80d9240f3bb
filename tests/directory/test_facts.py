"""The facts every page asks about a person, kept in the shared cache until they change
(att_portal/directory/facts.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from att_portal.directory.enums import AttStatus, Role, StatusInstrument
from att_portal.directory.models import RoleAssignment, StateStatusChange, User
from att_portal.directory.permissions import active_roles, is_dief_participant, state_status
from tests.factories import RoleAssignmentFactory, StateFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings, tmp_path):
    """A cache that every process would share, as Redis is in a deployment."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }  # Django's setting_changed handler drops the cache connections made before


@pytest.fixture
def delegate():
    person = UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY))
    RoleAssignmentFactory(user=person, role=Role.FOCAL_POINT)
    return person


def read(user_id):
    """The facts as a new request reads them: a fresh user object, and its queries."""
    user = User.objects.get(pk=user_id)
    with CaptureQueriesContext(connection) as queries:
        facts = (active_roles(user), state_status(user), is_dief_participant(user))
    return facts, len(queries)


def test_with_a_shared_cache_a_second_request_reads_the_facts_without_a_query(
    shared_cache, delegate
):
    first, first_queries = read(delegate.pk)
    second, second_queries = read(delegate.pk)

    assert first == second == (frozenset({Role.FOCAL_POINT}), AttStatus.STATE_PARTY, True)
    assert (first_queries, second_queries) == (2, 0)


def test_a_revoked_role_stops_counting_as_soon_as_the_revocation_commits(
    shared_cache, delegate, django_capture_on_commit_callbacks
):
    read(delegate.pk)
    with django_capture_on_commit_callbacks(execute=True):
        RoleAssignment.objects.filter(user=delegate).delete()

    (roles, _status, _participant), queries = read(delegate.pk)

    assert roles == frozenset()
    assert queries == 2


def test_a_new_status_counts_as_soon_as_it_commits(
    shared_cache, delegate, django_capture_on_commit_callbacks
):
    read(delegate.pk)
    with django_capture_on_commit_callbacks(execute=True):
        StateStatusChange.objects.create(
            state=delegate.state,
            status=AttStatus.NON_SIGNATORY,
            instrument=StatusInstrument.SIGNATURE_WITHDRAWN,
            instrument_date=timezone.localdate(),
            effective_on=timezone.localdate(),
        )

    (_roles, status, participant), _queries = read(delegate.pk)

    assert (status, participant) == (AttStatus.NON_SIGNATORY, False)


def test_a_term_that_ends_today_is_over_tomorrow_without_any_change(
    shared_cache, delegate, monkeypatch
):
    today = timezone.localdate()
    RoleAssignment.objects.filter(user=delegate).update(ends_on=today)  # no signal sent
    assert read(delegate.pk)[0][0] == frozenset({Role.FOCAL_POINT})

    monkeypatch.setattr(timezone, "localdate", lambda *a: today + datetime.timedelta(days=1))

    assert read(delegate.pk)[0][0] == frozenset()


def test_without_a_shared_cache_every_request_reads_the_facts_from_the_database(delegate):
    assert read(delegate.pk)[1] == 2
    assert read(delegate.pk)[1] == 2
