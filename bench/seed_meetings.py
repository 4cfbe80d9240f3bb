"""The bench's meetings: every body's calendar over a dozen years around today, each
meeting checked by the model's own rules (cycle spans, at most two DIEF meetings a year)
and saved as the Secretariat's services save it; then their timetables, calls,
invitations, nominations and recorded deadlines in bulk, as the services would write
them. The WGETI meeting ahead gets a 40-item agenda, built and issued through the
agenda services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from att_portal import demo_calendar as calendar
from att_portal.demo import in_languages
from att_portal.directory.enums import Affiliation, Role
from att_portal.directory.models import RoleAssignment, User
from att_portal.l10n.content import set_translations
from att_portal.meetings.enums import Body, CallKind, MeetingFormat, NominationStatus
from att_portal.meetings.models import (
    DIEF_MEETINGS_PER_YEAR,
    CspCycle,
    DeadlineCompletion,
    Invitation,
    Meeting,
    MeetingCall,
    MeetingSession,
    Participation,
)
from att_portal.meetings.services import (
    invitation_deadline,
    organisations_to_invite,
    states_to_invite,
)

GENEVA_TZ = ZoneInfo("Europe/Zurich")
D = datetime.date
DAY = datetime.timedelta(days=1)
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY = range(5)
YEARS_BACK, YEARS_AHEAD = 10, 2
# The WGETI meeting ahead whose 40-item agenda the PDF timing renders.
AGENDA_ITEMS = 40
KEY_WGETI_TITLE = "WGETI meeting ahead (bench)"
KEY_DIEF_TITLE = "DIEF meeting ahead (bench)"
VENUE = {"en": "Geneva", "fr": "Genève", "es": "Ginebra", "ru": "Женева", "ar": "جنيف"}
VENUE["zh-hans"] = "日内瓦"

# Each year's calendar: (body, [(month, day, weekday)], days long). 28 meetings a year.
CALENDAR = (
    (Body.DIEF, [(2, 10, WEDNESDAY), (9, 20, WEDNESDAY)], 1),
    (Body.WGETI, [(2, 1, MONDAY), (5, 10, MONDAY), (11, 5, MONDAY)], 3),
    (
        Body.WGETI_SWG,
        [(1, 20, TUESDAY), (3, 20, TUESDAY), (4, 20, TUESDAY), (6, 10, TUESDAY)]
        + [(10, 10, TUESDAY), (12, 1, TUESDAY)],
        1,
    ),
    (Body.WGTR, [(2, 15, THURSDAY), (4, 25, THURSDAY), (6, 20, THURSDAY), (11, 20, THURSDAY)], 1),
    (Body.WGTU, [(3, 5, THURSDAY), (5, 20, THURSDAY), (7, 10, THURSDAY), (12, 5, THURSDAY)], 1),
    (
        Body.MC,
        [(1, 25, FRIDAY), (3, 25, FRIDAY), (5, 25, FRIDAY), (7, 20, FRIDAY), (10, 20, FRIDAY)]
        + [(11, 25, FRIDAY)],
        1,
    ),
    (Body.PREP, [(4, 10, WEDNESDAY), (6, 1, WEDNESDAY)], 2),
)
SHORT = {
    Body.DIEF: ("DIEF meeting", "Réunion du DIEF", "Reunión del DIEF"),
    Body.WGETI: ("WGETI meeting", "Réunion du GTAET", "Reunión del GTAET"),
    Body.WGETI_SWG: (
        "WGETI sub-working group meeting",
        "Réunion d'un sous-groupe de travail du GTAET",
        "Reunión de un subgrupo de trabajo del GTAET",
    ),
    Body.WGTR: ("WGTR meeting", "Réunion du GTTR", "Reunión del GTTPI"),
    Body.WGTU: ("WGTU meeting", "Réunion du GTUT", "Reunión del GTUT"),
    Body.MC: ("Management Committee meeting", "Réunion du Comité de gestion", "Reunión del CG"),
    Body.PREP: (
        "Informal preparatory meeting",
        "Réunion préparatoire informelle",
        "Reunión preparatoria oficiosa",
    ),
}
OPEN_TO_OBSERVERS = {Body.CSP, Body.WGETI, Body.WGTR, Body.WGTU}


@dataclass(frozen=True)
class Slot:
    title: dict[str, str]
    body: str
    starts_on: datetime.date
    days: int
    key: bool = False

    @property
    def ends_on(self) -> datetime.date:
        return self.starts_on + (self.days - 1) * DAY


def _title(body: str, number: int, year: int) -> dict[str, str]:
    en, fr, es = SHORT[body]
    return {
        "en": f"{en} {number}, {year}",
        "fr": f"{fr} {number}, {year}",
        "es": f"{es} {number}, {year}",
    }


def _slots(today: datetime.date) -> list[Slot]:
    """Every meeting the bench may lay out: the two meetings ahead first, then the others
    by their distance from today (a small scale gets the recent and coming ones)."""
    wgeti = calendar.weekday_on_or_after(today + 60 * DAY, MONDAY)
    first, last = calendar.csp_week(wgeti.year)
    if wgeti <= last and wgeti + 2 * DAY >= first:
        wgeti += 14 * DAY
    keys = [
        Slot({"en": KEY_WGETI_TITLE}, Body.WGETI, wgeti, 3, key=True),
        *(
            Slot({"en": KEY_DIEF_TITLE}, Body.DIEF, day, 1, key=True)
            for day in (
                calendar.weekday_on_or_after(today + (100 + 7 * week) * DAY, WEDNESDAY)
                for week in range(60)
            )
        ),
    ]
    others = []
    for year in range(today.year - YEARS_BACK, today.year + YEARS_AHEAD + 1):
        number = year - calendar.FIRST_CSP_YEAR
        first, _last = calendar.csp_week(year)
        others.append(Slot(calendar.csp_title(number), Body.CSP, first, 5))
        for body, dates, days in CALENDAR:
            for index, (month, day, weekday) in enumerate(dates, start=1):
                start = calendar.weekday_on_or_after(D(year, month, day), weekday)
                others.append(Slot(_title(body, index, year), body, start, days))
    others.sort(key=lambda slot: (abs((slot.starts_on - today).days), slot.body))
    return keys + others


def _cycle(day: datetime.date, by: User) -> CspCycle:
    number = calendar.cycle_number_for(day)
    if number >= 13:  # the demo's cycles ahead, with their Conferences
        return calendar.cycle_for(day, by=by)
    cycle, _created = CspCycle.objects.get_or_create(
        number=number, defaults={"year": calendar.FIRST_CSP_YEAR + number}
    )
    return cycle


def _bench_dief_titles(year: int) -> list[str]:
    return [KEY_DIEF_TITLE, *(_title(Body.DIEF, n, year)["en"] for n in (1, 2))]


def _may_add(slot: Slot, today: datetime.date, taken_titles: set[str]) -> bool:
    if slot.title["en"] in taken_titles:
        return False
    if slot.body == Body.CSP:
        number = slot.starts_on.year - calendar.FIRST_CSP_YEAR
        return not Meeting.objects.filter(body=Body.CSP, cycle__number=number).exists()
    if slot.body == Body.DIEF:
        year = slot.starts_on.year
        same_year = Meeting.objects.filter(
            body=Body.DIEF, starts_on__year=year, cancelled_at__isnull=True
        )
        # ToR art. 3: two a year. From this year on the bench takes at most one, so that the
        # demo, seeded again, still finds room for its own meeting ahead.
        if year >= today.year and same_year.filter(title_en__in=_bench_dief_titles(year)):
            return False
        return same_year.count() < DIEF_MEETINGS_PER_YEAR
    return True


def _meeting(slot: Slot, by: User) -> Meeting | None:
    meeting = Meeting(
        cycle=_cycle(slot.starts_on, by),
        body=slot.body,
        starts_on=slot.starts_on,
        ends_on=slot.ends_on,
        format=MeetingFormat.IN_PERSON
        if slot.body in (Body.DIEF, Body.CSP)
        else (MeetingFormat.HYBRID if slot.starts_on.day % 2 else MeetingFormat.ONLINE),
        observers_admitted=slot.body in OPEN_TO_OBSERVERS,
        rolling_basis=slot.body == Body.WGETI,
        **in_languages("title", slot.title),
        **in_languages("venue", VENUE if slot.body != Body.MC else {}),
    )
    meeting._history_user = by
    meeting._change_reason = "Bench: a meeting of the calendar"
    try:
        meeting.full_clean()
    except ValidationError:
        return None  # the rules refuse this date (a cycle's span, the DIEF's two a year)
    meeting.save()
    return meeting


@transaction.atomic
def meetings_seed(target: int, *, secretariat: User) -> int:
    """Meetings up to `target` in all, with their parts; returns how many were made (the
    Conferences of the cycles ahead that the demo's calendar adds on the way included)."""
    today = timezone.localdate()
    if Meeting.objects.count() >= target:
        return 0
    before = Meeting.objects.aggregate(last=Max("pk"))["last"] or 0
    taken = set(Meeting.objects.values_list("title_en", flat=True))
    for slot in _slots(today):
        if Meeting.objects.count() >= target:
            break
        if _may_add(slot, today, taken) and _meeting(slot, secretariat) is not None:
            taken.add(slot.title["en"])
    made = list(Meeting.objects.filter(pk__gt=before).select_related("cycle").order_by("pk"))
    _parts_seed(made, secretariat=secretariat, today=today)
    return len(made)


# -- Timetables, calls, invitations, nominations ---------------------------------------------


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=GENEVA_TZ)


SESSION_TITLES = (
    {"en": "Morning session", "fr": "Séance du matin", "es": "Sesión de la mañana"},
    {"en": "Afternoon session", "fr": "Séance de l'après-midi", "es": "Sesión de la tarde"},
)


def _sessions(meeting: Meeting) -> list[MeetingSession]:
    sessions = []
    day = meeting.starts_on
    while day <= meeting.ends_on:
        for hour, title in zip((10, 15), SESSION_TITLES, strict=True):
            session = MeetingSession(
                meeting=meeting,
                body=meeting.body,
                starts_at=_at(day, hour),
                ends_at=_at(day, hour + 3),
                # A room of its own: the timetable's clash check never meets another meeting.
                room=f"Room B{meeting.pk}",
            )
            set_translations(session, "title", title)
            sessions.append(session)
        day += DAY
    return sessions


def _call(meeting, kind, title, issued_days, due_days, issued_by=""):
    call = MeetingCall(
        meeting=meeting,
        kind=kind,
        issued_on=meeting.starts_on - issued_days * DAY,
        due_on=meeting.starts_on - due_days * DAY,
        issued_by=issued_by,
    )
    set_translations(call, "title", title)
    return call


def _calls(meeting: Meeting) -> list[MeetingCall]:
    if meeting.body == Body.DIEF:
        president = f"CSP{meeting.cycle.number} President"
        return [
            _call(
                meeting,
                CallKind.CASES,
                {"en": "Call for cases and information", "fr": "Appel à cas et informations"},
                90,
                35,
                president,
            )
        ]
    if meeting.body in (Body.WGETI, Body.WGETI_SWG):
        return [
            _call(
                meeting,
                CallKind.AD_HOC_ISSUES,
                {"en": "Call for ad hoc issues", "fr": "Appel à questions ad hoc"},
                110,
                70,
                f"CSP{meeting.cycle.number} President",
            ),
            _call(
                meeting,
                CallKind.WRITTEN_COMMENTS,
                {"en": "Call for written comments", "fr": "Appel à commentaires écrits"},
                110,
                11,
                "WGETI Chair",
            ),
        ]
    calls = [
        _call(
            meeting,
            CallKind.REGISTRATION,
            {"en": "Registration of participants", "fr": "Inscription des participants"},
            60,
            14,
            "ATT Secretariat",
        )
    ]
    if meeting.body == Body.CSP:
        calls.append(
            _call(
                meeting,
                CallKind.OTHER,
                {"en": "Call for working papers", "fr": "Appel à documents de travail"},
                120,
                45,
                "ATT Secretariat",
            )
        )
    return calls


class Delegations:
    """Who a State nominates (its delegates) and who nominates them (its focal point, else
    the Secretariat)."""

    def __init__(self, secretariat: User):
        self.members: dict[int, list[int]] = {}
        for pk, state_id in (
            User.objects.filter(affiliation=Affiliation.DELEGATION, is_active=True)
            .order_by("pk")
            .values_list("pk", "state_id")
        ):
            self.members.setdefault(state_id, []).append(pk)
        self.focal_point = dict(
            RoleAssignment.objects.active()
            .filter(role=Role.FOCAL_POINT)
            .values_list("user__state_id", "user_id")
        )
        self.secretariat = secretariat


def _invitations(meeting: Meeting, by: User, now: datetime.datetime) -> list[Invitation]:
    """As meeting_invitations_issue writes them, some sixty days before the meeting."""
    sent_at = min(now, _at(meeting.starts_on - 60 * DAY, 9))
    due = invitation_deadline(meeting)
    late = due is not None and timezone.localdate(sent_at) > due
    states = states_to_invite(meeting).values_list("pk", flat=True)
    organisations = organisations_to_invite(meeting).values_list("pk", flat=True)
    return [
        Invitation(meeting=meeting, state_id=pk, sent_at=sent_at, sent_by=by, late=late)
        for pk in states
    ] + [
        Invitation(meeting=meeting, organisation_id=pk, sent_at=sent_at, sent_by=by, late=late)
        for pk in organisations
    ]


def _participations(
    meeting: Meeting,
    invited_states: list[int],
    delegations: Delegations,
    today: datetime.date,
    always: set[int],
) -> list[Participation]:
    """A third of the invited delegations nominate one to three people; the Secretariat
    accepted them, and recorded who attended a meeting that is over."""
    over = meeting.ends_on < today
    secretariat = delegations.secretariat
    rows = []
    for position, state_id in enumerate(invited_states):
        members = delegations.members.get(state_id, [])
        chosen = [pk for pk in members if pk in always]
        if (position + meeting.pk) % 3 == 0:
            count = 1 + (position + meeting.pk) % 3
            start = meeting.pk % max(1, len(members))
            rotated = members[start:] + members[:start]
            chosen += [pk for pk in rotated if pk not in chosen][: count - len(chosen)]
        for n, person_id in enumerate(chosen[: meeting.seats_per_delegation]):
            accepted = over or (person_id + n) % 3 != 0
            attended = over and (person_id % 10) != 0
            rows.append(
                Participation(
                    meeting=meeting,
                    person_id=person_id,
                    nominated_by_id=delegations.focal_point.get(state_id, secretariat.pk),
                    status=NominationStatus.ACCEPTED if accepted else NominationStatus.NOMINATED,
                    decided_at=_at(meeting.starts_on - 20 * DAY, 11) if accepted else None,
                    decided_by=secretariat if accepted else None,
                    attended=attended,
                    attendance_recorded_at=_at(meeting.ends_on, 18) if over else None,
                    attendance_recorded_by=secretariat if over else None,
                )
            )
    return rows


def _completions(meeting: Meeting, sent_at, by: User, today) -> list[DeadlineCompletion]:
    if meeting.body != Body.DIEF:
        return []
    done = [
        DeadlineCompletion(
            meeting=meeting, key="invitations", completed_at=sent_at, completed_by=by
        )
    ]
    if meeting.starts_on - 31 * DAY < today:
        done.append(
            DeadlineCompletion(
                meeting=meeting,
                key="draft_agenda",
                completed_at=_at(meeting.starts_on - 31 * DAY, 10),
                completed_by=by,
            )
        )
    return done


def _parts_seed(meetings: list[Meeting], *, secretariat: User, today: datetime.date) -> None:
    from .seed_directory import BENCH_DELEGATE

    now = timezone.now()
    delegations = Delegations(secretariat)
    bench_delegate = User.objects.filter(username=BENCH_DELEGATE).values_list("pk", flat=True)
    always = set(bench_delegate)
    sessions, calls, invitations, participations, completions = [], [], [], [], []
    for meeting in meetings:
        if meeting.sessions.exists() or meeting.invitations.exists():
            continue  # laid out by the demo with its own parts
        sessions += _sessions(meeting)
        calls += _calls(meeting)
        invited = _invitations(meeting, secretariat, now)
        invitations += invited
        state_ids = [i.state_id for i in invited if i.state_id]
        participations += _participations(meeting, state_ids, delegations, today, always)
        sent_at = invited[0].sent_at if invited else now
        completions += _completions(meeting, sent_at, secretariat, today)
    MeetingSession.objects.bulk_create(sessions, batch_size=2000)
    MeetingCall.objects.bulk_create(calls, batch_size=2000)
    Invitation.objects.bulk_create(invitations, batch_size=5000)
    Participation.objects.bulk_create(participations, batch_size=5000)
    DeadlineCompletion.objects.bulk_create(completions, batch_size=2000)


# -- The WGETI meeting ahead and its agenda --------------------------------------------------


def key_wgeti_meeting() -> Meeting | None:
    return Meeting.objects.filter(title_en=KEY_WGETI_TITLE).order_by("-starts_on").first()


def key_dief_meeting() -> Meeting | None:
    return Meeting.objects.filter(title_en=KEY_DIEF_TITLE).order_by("-starts_on").first()


AGENDA_TOPICS = (
    ("Opening of the meeting", "Ouverture de la réunion", "Apertura de la reunión"),
    ("Adoption of the agenda", "Adoption de l'ordre du jour", "Aprobación del programa"),
    (
        "Report on national practice",
        "Rapport sur la pratique nationale",
        "Informe sobre la práctica nacional",
    ),
    ("Risk assessment", "Évaluation des risques", "Evaluación de riesgos"),
    ("Brokering controls", "Contrôle du courtage", "Control del corretaje"),
    ("Post-shipment cooperation", "Coopération après expédition", "Cooperación posterior al envío"),
    ("Ad hoc issue", "Question ad hoc", "Cuestión ad hoc"),
    ("Voluntary guide", "Guide volontaire", "Guía voluntaria"),
)


@transaction.atomic
def agenda_seed(*, secretariat: User) -> int:
    """The WGETI meeting ahead gets a 40-item agenda, added and issued through the agenda
    services (the Secretariat edits any agenda); returns the number of items made."""
    from documents.agenda import agenda_issue, agenda_item_add, agenda_open
    from documents.enums import AgendaState

    meeting = key_wgeti_meeting()
    if meeting is None:
        return 0
    agenda = agenda_open(by=secretariat, meeting=meeting)
    made = 0
    for number in range(agenda.items.count() + 1, AGENDA_ITEMS + 1):
        en, fr, es = AGENDA_TOPICS[number % len(AGENDA_TOPICS)]
        agenda_item_add(
            by=secretariat,
            agenda=agenda,
            title={"en": f"{en} ({number})", "fr": f"{fr} ({number})", "es": f"{es} ({number})"},
            annotation={
                "en": f"The Chair introduces item {number}; delegations take the floor.",
                "fr": f"La présidence présente le point {number} ; "
                "les délégations prennent la parole.",
            },
            presenters="WGETI Chair",
        )
        made += 1
    agenda.refresh_from_db()
    if made or agenda.state == AgendaState.DRAFT:
        agenda_issue(by=secretariat, agenda=agenda)
    return made
