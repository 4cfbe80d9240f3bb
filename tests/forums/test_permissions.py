"""Who sees which case and platform item, rule by rule, in lists, counts and one-object
checks alike; and, on PostgreSQL, that the database answers them from indexes."""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from att_portal import access
from att_portal.directory.enums import AttStatus, Role
from att_portal.directory.services import delegation_group
from forums import selectors
from forums.enums import Distribution
from forums.models import (
    Attachment,
    Case,
    CaseGroupObjectPermission,
    ConfidentialityRelease,
    PlatformItem,
)
from forums.services.shared import shared_item_save
from tests.conftest import sign_in
from tests.factories import (
    DiefMeetingFactory,
    OrganisationUserFactory,
    RoleAssignmentFactory,
    SecretariatUserFactory,
    StateFactory,
    UserFactory,
)
from tests.factories.forums import (
    CaseFactory,
    CasePresentationFactory,
    ExpertAdmissionFactory,
    PlatformItemFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {Case: CaseFactory, PlatformItem: PlatformItemFactory}


@pytest.fixture
def people():
    wgeti_chair = OrganisationUserFactory()
    RoleAssignmentFactory(user=wgeti_chair, role=Role.WGETI_CHAIR)
    dief_chair = OrganisationUserFactory()
    RoleAssignmentFactory(user=dief_chair, role=Role.DIEF_CHAIR)
    return {
        "provider": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "reader": UserFactory(state=StateFactory(status=AttStatus.SIGNATORY)),
        "third": UserFactory(state=StateFactory(status=AttStatus.STATE_PARTY)),
        "dief_chair": dief_chair,
        # In the restricted area, not in the DIEF.
        "wgeti_chair": wgeti_chair,
        "secretariat": SecretariatUserFactory(),
        "observer": UserFactory(state=StateFactory(status=AttStatus.NON_SIGNATORY)),
        "ngo": OrganisationUserFactory(),
        "expert": OrganisationUserFactory(),
    }


def _narrowed(model, provider, named=(), title=""):
    item = FACTORIES[model].build(
        provider=provider, distribution=Distribution.NAMED_STATES, title=title
    )
    return shared_item_save(by=provider, item=item, categories=[], named=named)


@pytest.fixture(params=[Case, PlatformItem], ids=["case", "platform item"])
def world(request, people):
    """One item per rule, each seen by the reader (a signatory's delegate) for one reason
    only, and items nobody but their provider (and the Secretariat) may see."""
    model = request.param
    provider, reader, third = people["provider"], people["reader"], people["third"]
    items = {
        "shared with all": FACTORIES[model](provider=provider, title="shared with all"),
        "the reader's own": _narrowed(model, reader, [third.state], "the reader's own"),
        "named to the reader's State": _narrowed(
            model, provider, [reader.state], "named to the reader's State"
        ),
        "granted to the reader": _narrowed(model, provider, [third.state], "granted to the reader"),
        "released": _narrowed(model, provider, [third.state], "released"),
        "named to another State": _narrowed(
            model, provider, [third.state], "named to another State"
        ),
        "another permission": _narrowed(model, provider, [third.state], "another permission"),
    }
    name = model._meta.model_name
    assign_perm(f"forums.view_{name}", reader, items["granted to the reader"])
    # A grant of another permission opens nothing.
    assign_perm(
        f"forums.change_{name}", delegation_group(reader.state), items["another permission"]
    )
    meeting = DiefMeetingFactory()
    field = "case" if model is Case else "platform_item"
    ConfidentialityRelease.objects.create(
        **{field: items["released"]},
        meeting=meeting,
        decided_on=meeting.starts_on,
        recorded_by=people["secretariat"],
    )
    if model is Case:
        items["the expert's"] = _narrowed(model, provider, [third.state], "the expert's")
        soon = timezone.localdate() + datetime.timedelta(days=30)
        ExpertAdmissionFactory(
            expert=people["expert"],
            presentation=CasePresentationFactory(
                case=items["the expert's"],
                meeting=DiefMeetingFactory(starts_on=soon, ends_on=soon),
            ),
            undertaking_accepted_at=timezone.now(),
        )
    return model, items


def _expected(role: str, items: dict) -> set[str]:
    """The titles each role sees, by the rules of forums.permissions."""
    every = set(items)
    return {
        "secretariat": every,
        "provider": every - {"the reader's own"},
        "reader": {
            "shared with all",
            "the reader's own",
            "named to the reader's State",
            "granted to the reader",
            "released",
        },
        "third": every - {"named to the reader's State"},
        "dief_chair": {"shared with all", "released"},
        "wgeti_chair": {"released"},
        "observer": set(),
        "ngo": set(),
        "expert": every & {"the expert's"},
    }[role]


ROLES = [
    "secretariat",
    "provider",
    "reader",
    "third",
    "dief_chair",
    "wgeti_chair",
    "observer",
    "ngo",
    "expert",
]


@pytest.mark.parametrize("role", ROLES)
def test_each_rule_gives_exactly_its_items_in_the_list_the_count_and_the_check(role, people, world):
    model, items = world
    user = people[role]
    expected = _expected(role, items)

    listed = {item.title for item in access.visible(user, model)}
    checked = {name for name, item in items.items() if access.can(user, access.Action.VIEW, item)}

    assert listed == expected
    assert access.visible(user, model).count() == len(expected)
    assert checked == expected


@pytest.mark.parametrize("role", ROLES)
def test_attachments_follow_their_item_exactly(role, people, world):
    _model, items = world
    for name, item in items.items():
        _attach(item, name)
    user = people[role]

    seen = {a.original_name for a in access.visible(user, Attachment)}
    listed_per_item = {
        name for name, item in items.items() if selectors.attachments_of(user, item).exists()
    }

    expected = _expected(role, items)
    assert seen == {f"{name}.pdf" for name in expected}
    assert listed_per_item == expected


def test_a_grant_through_a_group_follows_the_membership_at_once(people):
    reader, provider = people["reader"], people["provider"]
    case = _narrowed(Case, provider, [reader.state], "named")
    group = delegation_group(reader.state)
    assert access.can(reader, access.Action.VIEW, case) is True

    reader.groups.remove(group)

    assert access.can(reader, access.Action.VIEW, case) is False
    assert list(access.visible(reader, Case)) == []


def test_the_superuser_flag_opens_no_narrowed_item(people):
    case = _narrowed(Case, people["provider"], [people["third"].state], "named elsewhere")
    reader = people["reader"]
    reader.is_superuser = True
    reader.save(update_fields=["is_superuser"])

    assert access.can(reader, access.Action.VIEW, case) is False
    assert list(access.visible(reader, Case)) == []


def _attach(item, name: str) -> Attachment:
    field = "case" if isinstance(item, Case) else "platform_item"
    return Attachment.objects.create(
        **{field: item},
        file=f"dief/{name}",
        original_name=f"{name}.pdf",
        content_type="application/pdf",
        size=1,
        uploaded_by=item.created_by,
    )


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_case_page_queries_do_not_grow_with_the_readers_grants_and_attachments(people):
    provider, reader = people["provider"], people["reader"]
    case = _narrowed(Case, provider, [reader.state], "the case")
    _attach(case, "first")
    client = sign_in(Client(), reader)
    url = reverse("dief:case_detail", args=[case.pk])
    client.get(url)  # warm the session and the caches of the process
    one = _count_queries(client, url)

    for n in range(40):
        _narrowed(Case, provider, [reader.state], f"case {n}")
        _attach(case, f"more {n}")
    many = _count_queries(client, url)

    assert len(client.get(url).context["attachments"]) == 41
    assert many == one


# -- PostgreSQL: the plans --------------------------------------------------------------

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="EXPLAIN plans and their index scans are PostgreSQL's; SQLite plans differently",
)


def _scans_of(plan: dict, relation: str) -> list[tuple[str, str | None]]:
    """How each node of a JSON plan that reads `relation` reads it (subplans included):
    its node type and index (a bitmap scan's index is its child's)."""
    found = []
    if plan.get("Relation Name") == relation:
        index = plan.get("Index Name") or next(
            (child.get("Index Name") for child in plan.get("Plans", [])), None
        )
        found.append((plan["Node Type"], index))
    for child in plan.get("Plans", []):
        found += _scans_of(child, relation)
    return found


def _plan(run) -> dict:
    """The plan of the last statement `run()` sends, with sequential scans disabled so that
    it reveals whether an index path exists."""
    with CaptureQueriesContext(connection) as queries:
        run()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + queries.captured_queries[-1]["sql"])
        (plan,) = cursor.fetchone()
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


@pytest.fixture
def many_cases(people):
    """A thousand cases of other States: half shared with all, half narrowed, a tenth of
    those to the reader's State."""
    provider, reader = people["provider"], people["reader"]
    cases = Case.objects.bulk_create(
        CaseFactory.build(
            provider=provider,
            distribution=Distribution.ALL_PARTICIPANTS if n % 2 else Distribution.NAMED_STATES,
        )
        for n in range(1000)
    )
    reader_group = delegation_group(reader.state)
    view_case = Permission.objects.get(content_type__app_label="forums", codename="view_case")
    CaseGroupObjectPermission.objects.bulk_create(
        CaseGroupObjectPermission(content_object=case, group=reader_group, permission=view_case)
        for case in cases[::20]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE forums_case")
        cursor.execute("ANALYZE forums_casegroupobjectpermission")
    return cases


@postgresql_only
def test_postgresql_reads_a_delegates_case_list_in_the_order_of_its_index(people, many_cases):
    reader = people["reader"]

    scans = _scans_of(_plan(lambda: list(selectors.cases_visible_to(reader)[:50])), "forums_case")

    # Once, through the index of the list's order: never the whole table, not even in a
    # subplan computing the granted cases.
    assert scans == [("Index Scan", "forums_case_listed")]


@postgresql_only
@pytest.mark.parametrize("model", [Case, PlatformItem])
def test_postgresql_finds_words_of_cases_and_items_from_their_trigram_index(
    people, many_cases, model
):
    # The filter of the top bar's DIEF sections (forums/hooks.py), as Django writes it.
    words = Q(title__icontains="rifles") | Q(summary__icontains="rifles")

    plan = _plan(lambda: model.objects.filter(words).count())

    def indexes(node: dict) -> set[str]:
        found = {node["Index Name"]} if "Index Name" in node else set()
        return found.union(*(indexes(child) for child in node.get("Plans", [])))

    # Both words' conditions from the one index (forums migration 0014), OR-ed as bitmaps.
    assert indexes(plan) == {f"{model._meta.db_table}_words_trgm"}


@postgresql_only
def test_postgresql_counts_a_delegates_cases_from_one_index(people, many_cases):
    reader = people["reader"]

    scans = _scans_of(_plan(lambda: selectors.cases_visible_to(reader).count()), "forums_case")

    # Read once, from the index of the columns the rule tests (index-only once the table's
    # visibility map is current, as autovacuum keeps it; a bitmap over it before that).
    assert len(scans) == 1
    assert scans[0] in {
        ("Index Only Scan", "forums_case_visibility"),
        ("Bitmap Heap Scan", "forums_case_visibility"),
    }


@postgresql_only
def test_postgresql_checks_one_case_by_its_key_and_lists_its_attachments_alike(people, many_cases):
    reader, case = people["reader"], many_cases[0]

    one = _scans_of(_plan(lambda: access.can(reader, access.Action.VIEW, case)), "forums_case")
    attachments = _scans_of(
        _plan(lambda: list(selectors.attachments_of(reader, case))), "forums_case"
    )

    assert one == [("Index Scan", "forums_case_pkey")]
    assert attachments == [("Index Scan", "forums_case_pkey")]
