"""The bench's directory: States up to the target (those the demo knows first), their
delegates, focal points, law-enforcement officials, a Secretariat team and Chairs, and
the two bench accounts that `make bench` signs in."""

from __future__ import annotations

import csv
import datetime
import os
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_countries import countries
from django_otp.plugins.otp_totp.models import TOTPDevice

from att_portal.directory.enums import (
    Affiliation,
    AttStatus,
    RegionalGroup,
    Role,
    StatusInstrument,
    TradeProfile,
)
from att_portal.directory.models import (
    DIEF_STATUSES,
    RoleAssignment,
    State,
    StateStatusChange,
    User,
)
from att_portal.directory.services import delegation_group

D = datetime.date

# The two accounts `make bench` signs in (their password: BENCH_PASSWORD, else this one).
BENCH_DELEGATE = "bench-delegate"
BENCH_SECRETARIAT = "bench-secretariat"
DEFAULT_BENCH_PASSWORD = "att-bench-password"  # noqa: S105  (documented, bench databases only)
BENCH_DEVICE = "bench authenticator"
# The State the bench delegate belongs to: a State Party of the demo, named in grants.
BENCH_DELEGATE_STATE = "AT"
# The people the bench makes are `bench.00001`, `bench.00002` …
PEOPLE_PREFIX = "bench."

FIRST_NAMES = (
    "Amina", "Carlos", "Mei", "Olga", "Youssef", "Claire", "Kwame", "Sofía", "Hiroshi",
    "Fatima", "Lars", "Priya", "Mateo", "Nadia", "Tomás", "Aiko", "Ibrahim", "Elena",
    "Samuel", "Leila", "Jonas", "Zanele", "Ana", "Dmitri", "Grace", "Omar", "Ingrid",
    "Rafael", "Chen", "Marta",
)  # fmt: skip
LAST_NAMES = (
    "Mensah", "García", "Wang", "Petrova", "Haddad", "Dubois", "Okafor", "Rossi", "Tanaka",
    "Khan", "Nilsson", "Sharma", "Silva", "Ivanov", "Moreau", "Kowalski", "Ndiaye", "Fischer",
    "Hassan", "Novak", "Costa", "Abebe", "Lindqvist", "Mwangi", "O'Brien", "Al-Sayed",
    "Kim", "Jensen", "Popescu", "Santos",
)  # fmt: skip
LANGUAGES = ("en", "en", "fr", "es", "en", "ru", "ar", "en", "zh-hans", "fr")
# One in this many delegates is a law-enforcement official; every other State has a
# focal point among the bench's people (the others' contacts are all their members).
LAW_ENFORCEMENT_EVERY = 7
FOCAL_POINT_EVERY_OTHER_STATE = 2
SECRETARIAT_SHARE = 0.004  # 20 of 5,000
SWG_FACILITATORS = 4


@dataclass(frozen=True)
class BenchAccounts:
    delegate: User
    secretariat: User


def bench_password() -> str:
    return os.environ.get("BENCH_PASSWORD") or DEFAULT_BENCH_PASSWORD


# -- States ----------------------------------------------------------------------------------


def _free_country_codes() -> list[str]:
    """Countries not yet in the directory: those with a UN name first (the portal's list of
    States), then the others django-countries knows."""
    taken = set(State.objects.values_list("country", flat=True))
    path = settings.BASE_DIR / "att_portal" / "directory" / "data" / "un_state_names.csv"
    with open(path, encoding="utf-8") as handle:
        un_codes = [row["alpha2"] for row in csv.DictReader(handle)]
    others = [code for code, _name in countries if code not in un_codes]
    return [code for code in [*un_codes, *others] if code not in taken]


def _status_changes(state: State, index: int) -> list[StateStatusChange]:
    """60 % States Parties, 15 % signatories, 25 % non-signatories (observers)."""
    kind = index % 20
    if kind >= 15:
        return []
    signed = D(2013, 6, 3) + datetime.timedelta(days=index * 11 % 900)
    changes = [
        StateStatusChange(
            state=state,
            status=AttStatus.SIGNATORY,
            instrument=StatusInstrument.SIGNATURE,
            instrument_date=signed,
            effective_on=signed,
        )
    ]
    if kind < 12:
        deposit = signed + datetime.timedelta(days=200 + index * 7 % 1500)
        changes.append(
            StateStatusChange(
                state=state,
                status=AttStatus.STATE_PARTY,
                instrument=StatusInstrument.RATIFICATION
                if index % 3
                else StatusInstrument.ACCESSION,
                instrument_date=deposit,
                effective_on=deposit + datetime.timedelta(days=90),
            )
        )
    return changes


@transaction.atomic
def states_seed(target: int) -> int:
    """States up to `target`; returns how many were made."""
    missing = target - State.objects.count()
    if missing <= 0:
        return 0
    groups = list(RegionalGroup.values)
    profiles = list(TradeProfile.values)
    start = State.objects.count()
    states = [
        State(
            country=code,
            regional_group=groups[(start + i) % len(groups)],
            trade_profile=profiles[(start + i) % len(profiles)],
        )
        for i, code in enumerate(_free_country_codes()[:missing])
    ]
    State.objects.bulk_create(states)
    StateStatusChange.objects.bulk_create(
        [change for i, state in enumerate(states) for change in _status_changes(state, start + i)]
    )
    return len(states)


def participating_states() -> list[State]:
    """States Parties and signatories today, in a stable order."""
    return list(State.objects.with_status(*DIEF_STATUSES).order_by("pk"))


# -- People ----------------------------------------------------------------------------------


def _person(number: int, **fields) -> User:
    username = f"{PEOPLE_PREFIX}{number:05d}"
    return User(
        username=username,
        email=f"{username}@bench.att-portal.invalid",
        first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
        last_name=LAST_NAMES[(number // len(FIRST_NAMES)) % len(LAST_NAMES)],
        preferred_language=LANGUAGES[number % len(LANGUAGES)],
        # As delegate_invite leaves it until the person sets a password.
        password=make_password(None),
        **fields,
    )


@transaction.atomic
def people_seed(target: int) -> int:
    """Bench people up to `target`: a Secretariat team, and delegates spread over every
    State; returns how many were made."""
    existing = User.objects.filter(username__startswith=PEOPLE_PREFIX).count()
    missing = target - existing
    if missing <= 0:
        return 0
    states = list(State.objects.order_by("pk"))
    secretariat_target = max(2, round(target * SECRETARIAT_SHARE))
    secretariat_existing = User.objects.filter(
        username__startswith=PEOPLE_PREFIX, affiliation=Affiliation.SECRETARIAT
    ).count()
    people = []
    for offset in range(missing):
        number = existing + offset + 1
        if secretariat_existing + len(people) < secretariat_target:
            people.append(
                _person(
                    number,
                    affiliation=Affiliation.SECRETARIAT,
                    is_staff=True,
                    job_title="Programme Officer, ATT Secretariat",
                )
            )
            continue
        state = states[number % len(states)]
        people.append(
            _person(
                number,
                affiliation=Affiliation.DELEGATION,
                state=state,
                is_law_enforcement=number % LAW_ENFORCEMENT_EVERY == 0,
                job_title="Law-enforcement officer"
                if number % LAW_ENFORCEMENT_EVERY == 0
                else "Delegate",
            )
        )
    User.objects.bulk_create(people, batch_size=2000)
    _roles_seed()
    return len(people)


def _roles_seed() -> None:
    """Secretariat roles for the team, a focal point in every other State that has none,
    facilitators of sub-working groups for the current term."""
    today = timezone.localdate()
    bench = User.objects.filter(username__startswith=PEOPLE_PREFIX)
    with_role = set(RoleAssignment.objects.filter(user__in=bench).values_list("user_id", "role"))
    roles = [
        RoleAssignment(user=person, role=Role.SECRETARIAT, starts_on=D(2020, 1, 1))
        for person in bench.filter(affiliation=Affiliation.SECRETARIAT)
        if (person.pk, Role.SECRETARIAT) not in with_role
    ]
    with_focal_point = set(
        RoleAssignment.objects.active()
        .filter(role=Role.FOCAL_POINT)
        .values_list("user__state_id", flat=True)
    )
    delegates = bench.filter(affiliation=Affiliation.DELEGATION).order_by("pk")
    first_delegate: dict[int, User] = {}
    for person in delegates:
        first_delegate.setdefault(person.state_id, person)
    for position, state_id in enumerate(sorted(first_delegate)):
        if position % FOCAL_POINT_EVERY_OTHER_STATE or state_id in with_focal_point:
            continue
        roles.append(
            RoleAssignment(
                user=first_delegate[state_id], role=Role.FOCAL_POINT, starts_on=D(2023, 1, 1)
            )
        )
    facilitators = RoleAssignment.objects.active().filter(role=Role.SWG_FACILITATOR, user__in=bench)
    if not facilitators.exists():
        chairs = list(delegates[1 : 1 + SWG_FACILITATORS * 7 : 7])
        roles += [
            RoleAssignment(
                user=person,
                role=Role.SWG_FACILITATOR,
                starts_on=today - datetime.timedelta(days=90),
                ends_on=today + datetime.timedelta(days=270),
                scope=f"Sub-working group {number}",
            )
            for number, person in enumerate(chairs, start=1)
        ]
    RoleAssignment.objects.bulk_create(roles, batch_size=2000)


@transaction.atomic
def delegation_groups_sync() -> int:
    """Every delegate in their State's delegation group, as the directory's signal keeps
    them (bulk_create sends no signal). Every State Party and signatory has its group: each
    is named in some narrowed item. Returns how many memberships were added."""
    for state in participating_states():
        delegation_group(state)  # created with its current members on first use
    through = User.groups.through
    groups = dict(
        State.objects.filter(delegation_group__isnull=False).values_list("pk", "delegation_group")
    )
    delegates = User.objects.filter(
        affiliation=Affiliation.DELEGATION, state_id__in=list(groups)
    ).values_list("pk", "state_id")
    members = set(
        through.objects.filter(group_id__in=list(groups.values())).values_list(
            "user_id", "group_id"
        )
    )
    wanted = [
        through(user_id=user_id, group_id=groups[state_id])
        for user_id, state_id in delegates
        if (user_id, groups[state_id]) not in members
    ]
    through.objects.bulk_create(wanted, batch_size=5000, ignore_conflicts=True)
    return len(wanted)


# -- The two bench accounts ------------------------------------------------------------------


def _account(username: str, **fields) -> User:
    """The account with these fields and the bench password, saved only if it differs."""
    user = User.objects.filter(username=username).first() or User(username=username)
    fields["email"] = f"{username}@bench.att-portal.invalid"
    changed = user.pk is None or not user.check_password(bench_password())
    for name, value in fields.items():
        changed |= getattr(user, name) != value
        setattr(user, name, value)
    if changed:
        user.set_password(bench_password())
        user.full_clean()
        user._change_reason = "Bench account"
        user.save()  # the directory's signal puts a delegate in their delegation group
    TOTPDevice.objects.get_or_create(user=user, name=BENCH_DEVICE, defaults={"confirmed": True})
    return user


@transaction.atomic
def bench_accounts_seed() -> BenchAccounts:
    """A State Party's delegate (in the DIEF, in a delegation group with grants) and a
    Secretariat officer, each with a known password and a confirmed TOTP device."""
    state = State.objects.filter(country=BENCH_DELEGATE_STATE).first() or (
        State.objects.with_status(AttStatus.STATE_PARTY).order_by("pk").first()
    )
    delegate = _account(
        BENCH_DELEGATE,
        first_name="Bench",
        last_name="Delegate",
        affiliation=Affiliation.DELEGATION,
        state=state,
        job_title="Delegate",
    )
    secretariat = _account(
        BENCH_SECRETARIAT,
        first_name="Bench",
        last_name="Officer",
        affiliation=Affiliation.SECRETARIAT,
        is_staff=True,
        job_title="Programme Officer, ATT Secretariat",
    )
    RoleAssignment.objects.get_or_create(
        user=secretariat, role=Role.SECRETARIAT, defaults={"starts_on": D(2020, 1, 1)}
    )
    delegation_group(state)
    return BenchAccounts(delegate=delegate, secretariat=secretariat)


def bench_accounts() -> BenchAccounts | None:
    found = {
        u.username: u for u in User.objects.filter(username__in=[BENCH_DELEGATE, BENCH_SECRETARIAT])
    }
    if len(found) < 2:
        return None
    return BenchAccounts(delegate=found[BENCH_DELEGATE], secretariat=found[BENCH_SECRETARIAT])
