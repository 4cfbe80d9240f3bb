"""The bench's DIEF material: cases and platform items shared by the States Parties and
signatories, three in ten narrowed to named States — with the per-object grants to the
named States' delegation groups that `forums.services.shared._narrow` makes through
django-guardian —, and, for the DIEF meetings ahead, presentations of cases with
proposals of non-state experts at every step of their silence procedure."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from guardian.utils import get_group_obj_perms_model

from att_portal.directory.enums import Affiliation
from att_portal.directory.models import State, User
from att_portal.meetings.enums import Body
from att_portal.meetings.models import Meeting
from forums.enums import Category, DetectionTimeliness, Distribution, Investigation
from forums.models import Case, CasePresentation, ExpertProposal, PlatformItem
from forums.services.presentations import presentation_intend
from forums.services.shared import categories_for

from .seed_directory import participating_states

DAY = datetime.timedelta(days=1)
# Three in ten items are narrowed, to one to four States (2.8 on average): 20,000 items
# make some 17,000 grants.
NARROWED = (0, 3, 7)
NAMED_COUNTS = (1, 2, 3, 4, 4)
# Every tenth narrowed item names the bench delegate's State.
BENCH_STATE_EVERY = 10
# Five proposals of experts a presentation.
PROPOSALS_PER_PRESENTATION = 5

PLACES = (
    "the port of Mombasa", "a free zone near Jebel Ali", "the Balkan route", "Lomé",
    "a transit hub in Central Asia", "the Gulf of Guinea", "the northern border crossing",
    "an air cargo terminal", "a bonded warehouse", "the Andean corridor",
)  # fmt: skip
ITEMS = (
    "small arms", "light weapons", "ammunition", "spare parts", "night-vision devices",
    "armoured vehicles", "man-portable air-defence systems", "rifle scopes",
)  # fmt: skip


def _providers() -> list[tuple[State, User]]:
    """The States Parties and signatories that have a delegate to share for them."""
    first = {}
    for person in User.objects.filter(affiliation=Affiliation.DELEGATION).order_by("pk"):
        first.setdefault(person.state_id, person)
    return [(state, first[state.pk]) for state in participating_states() if state.pk in first]


def _named(index: int, provider: State, states: list[State], bench_state_id) -> list[State]:
    count = NAMED_COUNTS[(index // 10) % len(NAMED_COUNTS)]
    step = 1 + index % 7
    start = (index * 13) % len(states)
    named = []
    for k in range(len(states)):
        state = states[(start + k * step) % len(states)]
        if state.pk != provider.pk and state not in named:
            named.append(state)
        if len(named) == count:
            break
    if index % BENCH_STATE_EVERY == 0 and bench_state_id and bench_state_id != provider.pk:
        named = [s for s in named if s.pk != bench_state_id][: count - 1]
        named.append(next(s for s in states if s.pk == bench_state_id))
    return named


def _case(index: int, provider: State, by: User, narrowed: bool) -> Case:
    place, item = PLACES[index % len(PLACES)], ITEMS[index % len(ITEMS)]
    return Case(
        provider_state=provider,
        created_by=by,
        title=f"Diversion of {item} through {place} ({index})",
        summary=f"A consignment of {item} declared for a State authority was diverted near "
        f"{place} before delivery.",
        distribution=Distribution.NAMED_STATES if narrowed else Distribution.ALL_PARTICIPANTS,
        diversion_details=f"The end-user certificate named an authority that never received "
        f"the {item}.",
        detection_details="Detected by customs on a routine check of the cargo manifest.",
        detection_timeliness=DetectionTimeliness.values[index % len(DetectionTimeliness.values)],
        methods_and_means="False end-user documentation and a change of carrier in transit.",
        actors="A broker registered abroad." if index % 2 else "",
        investigation=Investigation.values[index % len(Investigation.values)],
    )


def _item(index: int, provider: State, by: User, narrowed: bool) -> PlatformItem:
    place, item = PLACES[index % len(PLACES)], ITEMS[index % len(ITEMS)]
    return PlatformItem(
        provider_state=provider,
        created_by=by,
        title=f"Information on {item} seen at {place} ({index})",
        summary=f"Shipments of {item} routed through {place} with inconsistent documents.",
        information=f"Three consignments of {item} were re-exported from {place} within a "
        "month under different consignees.",
        distribution=Distribution.NAMED_STATES if narrowed else Distribution.ALL_PARTICIPANTS,
        other_subject="Transit controls" if index % 5 == 0 else "",
    )


def _grants(model, items: list, named: list[list[State]]) -> list:
    """The rows guardian's assign_perm writes for the view permission of each item to each
    named State's delegation group (forums.services.shared._narrow)."""
    grant_model = get_group_obj_perms_model(model)
    permission = Permission.objects.get(
        content_type=ContentType.objects.get_for_model(model),
        codename=f"view_{model._meta.model_name}",
    )
    return [
        grant_model(group_id=state.delegation_group_id, permission=permission, content_object=item)
        for item, states in zip(items, named, strict=True)
        for state in states
    ]


@transaction.atomic
def shared_items_seed(target: int, *, bench_state_id: int | None) -> tuple[int, int]:
    """Cases and platform items up to `target` in all (half each); returns (items, grants)
    made."""
    have = Case.objects.count() + PlatformItem.objects.count()
    missing = target - have
    providers = _providers()
    if missing <= 0 or not providers:
        return 0, 0
    states = [s for s in participating_states() if s.delegation_group_id]
    categories = categories_for(Category.values)
    made = grants = 0
    for model, build, count in (
        (Case, _case, missing // 2 + missing % 2),
        (PlatformItem, _item, missing // 2),
    ):
        start = model.objects.count()
        rows, named = [], []
        for index in range(start, start + count):
            provider, by = providers[index % len(providers)]
            narrowed = index % 10 in NARROWED and len(states) > 1
            rows.append(build(index, provider, by, narrowed))
            named.append(_named(index, provider, states, bench_state_id) if narrowed else [])
        model.objects.bulk_create(rows, batch_size=2000)
        through = model.categories.through
        field = f"{model._meta.model_name}_id"
        through.objects.bulk_create(
            [
                through(**{field: row.pk, "informationcategory_id": code.code})
                for i, row in enumerate(rows)
                for code in categories[i % 7 : i % 7 + 1 + i % 2]
            ],
            batch_size=5000,
        )
        grant_rows = _grants(model, rows, named)
        get_group_obj_perms_model(model).objects.bulk_create(grant_rows, batch_size=5000)
        made += len(rows)
        grants += len(grant_rows)
    return made, grants


# -- Presentations and experts at the DIEF meetings ahead -------------------------------------


def _dief_meetings_ahead(today: datetime.date) -> list[Meeting]:
    # Experts are proposed at the latest 30 days before (ToR art. 8).
    return list(
        Meeting.objects.filter(
            body=Body.DIEF, starts_on__gt=today + 31 * DAY, cancelled_at__isnull=True
        ).order_by("starts_on")
    )


@transaction.atomic
def expert_proposals_seed(target: int, *, secretariat: User) -> int:
    """Proposals of experts up to `target`, five a presentation, on the DIEF meetings
    ahead: a fifth awaiting circulation, two fifths in their silence, two fifths whose
    silence is over, for the hourly scan to close. Returns how many were made."""
    today = timezone.localdate()
    missing = target - ExpertProposal.objects.count()
    meetings = _dief_meetings_ahead(today)
    providers = _providers()
    if missing <= 0 or not meetings or not providers:
        return 0
    presenters = {state.pk: person for state, person in providers}
    presented = set(CasePresentation.objects.values_list("case_id", "meeting_id"))
    cases = (
        Case.objects.filter(
            distribution=Distribution.ALL_PARTICIPANTS, provider_state_id__in=list(presenters)
        )
        .select_related("provider_state")
        .order_by("pk")
    )
    wanted = -(-missing // PROPOSALS_PER_PRESENTATION)
    presentations = []
    for index, case in enumerate(cases.iterator()):
        if len(presentations) == wanted:
            break
        meeting = meetings[index % len(meetings)]
        if (case.pk, meeting.pk) in presented:
            continue
        # Through the service: each presentation goes on the meeting's agenda.
        presentations.append(
            presentation_intend(by=presenters[case.provider_state_id], case=case, meeting=meeting)
        )
    start = ExpertProposal.objects.count()
    proposals = []
    for presentation in presentations:
        for n in range(PROPOSALS_PER_PRESENTATION):
            if len(proposals) == missing:
                break
            number = start + len(proposals)
            state, person = providers[(number * 7 + n) % len(providers)]
            proposals.append(
                ExpertProposal(
                    presentation=presentation,
                    expert_name=f"Expert {number}",
                    expert_email=f"expert.{number}@bench-experts.invalid",
                    expert_affiliation="Independent research centre",
                    expertise="Tracing of small arms and light weapons.",
                    purpose="To explain the tracing of the diverted items.",
                    proposing_state=state,
                    proposed_by=person,
                )
            )
    ExpertProposal.objects.bulk_create(proposals, batch_size=2000)
    _procedure_steps(proposals, secretariat)
    return len(proposals)


def _procedure_steps(proposals: list[ExpertProposal], secretariat: User) -> None:
    """The dates the services record (proposed_at is set on creation, so it is moved
    back afterwards, as the days would have moved it)."""
    now = timezone.now()
    steps: dict[str, list[int]] = {"waiting": [], "silence": [], "over": []}
    for index, proposal in enumerate(proposals):
        kind = ("waiting", "silence", "silence", "over", "over")[index % 5]
        steps[kind].append(proposal.pk)
    ExpertProposal.objects.filter(pk__in=steps["waiting"]).update(proposed_at=now - DAY)
    ExpertProposal.objects.filter(pk__in=steps["silence"]).update(
        proposed_at=now - 3 * DAY, circulated_at=now - 2 * DAY, circulated_by=secretariat
    )
    ExpertProposal.objects.filter(pk__in=steps["over"]).update(
        proposed_at=now - 10 * DAY, circulated_at=now - 9 * DAY, circulated_by=secretariat
    )
