"""Demo material of the DIEF: fictional cases and platform items of the demo States.
Called by `att_portal.demo.seed`; each area of the forum adds its own function here."""

from __future__ import annotations

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone

from att_portal.directory.models import User

from .enums import DetectionTimeliness, Distribution, Investigation
from .models import Case, PlatformItem
from .services.shared import attachment_add, shared_item_save
from .uploads import PDF

AUSTRIAN_CASE = "Pistols exported under licence found at a crime scene abroad"
NARROWED_CASE = "Broker network using falsified end-user certificates"
THAI_ITEM = "Rifle parts concealed in agricultural machinery"
NARROWED_ITEM = "Transit route through a free-trade zone"
RELEASED_ITEM = "Tracing diverted small arms after delivery: general lessons"


def seed(people: dict[str, User], states: dict, meetings: dict, ahead) -> None:
    """`meetings`: the historical ones by English title; `ahead`: the meetings the demo
    laid out relative to today (`att_portal.demo.MeetingsAhead`)."""
    _cases(people, states)
    _presentations(people, states, ahead.dief)
    _expert(people, ahead.dief)
    _bilateral(people, states)
    _briefings(people, meetings)
    _release(people, meetings)


def _cases(people, states) -> None:
    austria, thailand = people["delegate-sp"], people["delegate-sig"]
    for by, model, title, fields, categories, named in [
        (
            austria,
            Case,
            AUSTRIAN_CASE,
            {
                "summary": "Twelve pistols of an Austrian manufacturer, exported under licence "
                "in 2019, were recovered by police in a third country.",
                "diversion_details": "The pistols left the authorised end user's armoury "
                "between 2020 and 2022; serial numbers match the export licence.",
                "detection_details": "Tracing request received through INTERPOL iARMS.",
                "detection_timeliness": DetectionTimeliness.AFTER_DELIVERY,
                "methods_and_means": "Theft from storage, sold on through an informal market.",
                "actors": "Two employees of the end user; one intermediary.",
                "investigation": Investigation.ONGOING,
            },
            ["a", "d"],
            [],
        ),
        (
            austria,
            Case,
            NARROWED_CASE,
            {
                "summary": "End-user certificates bearing forged stamps were submitted with "
                "three licence applications.",
                "diversion_details": "Attempted diversion; no export took place.",
                "detection_details": "The licensing authority checked the certificates with "
                "the issuing ministry.",
                "detection_timeliness": DetectionTimeliness.BEFORE_EXPORT,
                "methods_and_means": "Falsified documents, shell companies in two States.",
                "investigation": Investigation.CLOSED,
                "distribution": Distribution.NAMED_STATES,
            },
            ["c"],
            [states["DE"]],
        ),
        (
            thailand,
            PlatformItem,
            THAI_ITEM,
            {
                "summary": "Customs found rifle receivers inside harvesters declared as spare "
                "parts.",
                "information": "X-ray images showed dense objects in the gearbox housings.",
            },
            ["e", "f"],
            [],
        ),
        (
            austria,
            PlatformItem,
            NARROWED_ITEM,
            {
                "summary": "A pattern of re-exports through a free-trade zone.",
                "information": "Shipments change paperwork in the zone before onward transit.",
                "distribution": Distribution.NAMED_STATES,
            },
            ["b"],
            [states["TH"]],
        ),
    ]:
        item = model.objects.filter(title=title).first() or model(title=title)
        for name, value in fields.items():
            setattr(item, name, value)
        shared_item_save(by=by, item=item, categories=categories, named=named)
    case = Case.objects.get(title=AUSTRIAN_CASE)
    if not case.attachments.exists():
        from att_portal.demo import _minimal_pdf

        evidence = ContentFile(_minimal_pdf("Tracing results, iARMS"), name="tracing.pdf")
        attachment_add(
            by=austria,
            item=case,
            uploaded=evidence,
            content_type=PDF,
            safe_name="tracing-results.pdf",
        )


def _bilateral(people, states) -> None:
    """Operational use (art. 16), a disclosure challenge (art. 15) and law-enforcement
    contacts (art. 20)."""
    from .enums import OperationalPurpose, ProviderPosition
    from .models import DisclosureChallenge, LawEnforcementContact, OperationalUseRequest
    from .services.challenges import challenge_answer, challenge_raise
    from .services.contacts import law_enforcement_contact_save
    from .services.use_requests import (
        use_request_create,
        use_request_message_post,
        use_request_position_state,
    )

    austria, thailand = people["delegate-sp"], people["delegate-sig"]
    secretariat = people["secretariat"]
    case = Case.objects.get(title=AUSTRIAN_CASE)
    if not OperationalUseRequest.objects.filter(case=case, requesting_state=states["TH"]).exists():
        request = use_request_create(
            by=thailand,
            item=case,
            purpose=OperationalPurpose.EXPORT_ASSESSMENT,
            description="We would like to take the diversion pattern into account when "
            "assessing a pending licence for the same end user.",
        )
        use_request_message_post(
            by=austria,
            request=request,
            body="Could you tell us which licence and which end user you have in mind?",
        )
        use_request_message_post(
            by=thailand,
            request=request,
            body="A licence for small arms ammunition to the same armoury; details by "
            "secure channel.",
        )
        # Art. 16: the provider states its position in the discussion.
        use_request_position_state(
            by=austria,
            request=request,
            position=ProviderPosition.AGREES_WITH_CONDITIONS,
            details="Use it in that assessment only, and do not name Austria as the source.",
        )
    if not DisclosureChallenge.objects.filter(
        challenger_state=states["AT"], challenged_state=states["TH"]
    ).exists():
        challenge = challenge_raise(
            by=austria,
            challenged_state=states["TH"],
            description="Details matching our case appeared in a press article.",
            case=case,
        )
        challenge_answer(
            by=thailand,
            challenge=challenge,
            explanation="A briefing note was forwarded beyond the authorised officials.",
            disclosure_acknowledged=True,
            remedial_measures="The note was withdrawn and the officials reminded of the "
            "confidentiality of the forum.",
        )
    for state, fields in [
        (
            states["AT"],
            {
                "name": "Katharina Berger",
                "position": "Head of unit, firearms trafficking",
                "agency": "Federal Criminal Police Office (Bundeskriminalamt)",
                "email": "firearms.unit@example.at",
                "phone": "+43 1 000 0000",
                "languages": "German, English",
            },
        ),
        (
            states["TH"],
            {
                "name": "Niran Chaiyaporn",
                "position": "Investigations officer",
                "agency": "Customs Department, Investigation and Suppression Bureau",
                "email": "investigations@example.th",
                "languages": "Thai, English",
            },
        ),
    ]:
        if not LawEnforcementContact.objects.filter(state=state, email=fields["email"]).exists():
            contact = LawEnforcementContact(state=state, **fields)
            law_enforcement_contact_save(by=secretariat, contact=contact)


def _presentations(people, states, meeting) -> None:
    """Austria presents its case at the DIEF meeting ahead and names Thailand, which has
    yet to reply (ToR arts. 11-12): the intention three weeks ago, the notice the day
    after."""
    import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from .models import CasePresentation, ConcernedState
    from .services.presentations import concerned_states_name, presentation_intend

    austria = people["delegate-sp"]
    case = Case.objects.get(title=AUSTRIAN_CASE)
    presentation = CasePresentation.objects.filter(case=case, meeting=meeting).first()
    if presentation is not None:
        _presentation_items_refresh(presentation, austria)
        return
    try:
        presentation = presentation_intend(by=austria, case=case, meeting=meeting)
        concerned_states_name(by=austria, presentation=presentation, states=[states["TH"]])
    except ValidationError:  # seeded after the meeting or its agenda's adoption
        return
    now = timezone.now()
    CasePresentation.objects.filter(pk=presentation.pk).update(
        intended_at=now - datetime.timedelta(days=21)
    )
    ConcernedState.objects.filter(presentation=presentation).update(
        notified_at=now - datetime.timedelta(days=20)
    )


def _presentation_items_refresh(presentation, by: User) -> None:
    """Seeded again: the presentation's items on the draft agenda get the wording of the
    portal's catalogues in each UN language (as when they were first put there)."""
    from django.utils.translation import gettext as _

    from att_portal.demo import refresh_translations
    from att_portal.l10n.content import in_each_language

    from .services.presentations import RIGHT_OF_REPLY_TITLE, presentation_titles_refresh

    presentation_titles_refresh(by=by, case=presentation.case)
    if presentation.reply_item is not None:
        refresh_translations(
            presentation.reply_item,
            {
                "title": in_each_language(lambda: RIGHT_OF_REPLY_TITLE),
                "annotation": in_each_language(lambda: _("ToR art. %(number)s") % {"number": 12}),
            },
        )


# Experts that Austria proposes for its presentation, one after the other, so that the
# demo has a proposal in its silence procedure whenever it is seeded again before the
# meeting (name, affiliation, expertise, purpose); fictional people. After these six, more
# names are made up (`_experts_to_propose`): a database seeded again every few days keeps
# a proposal in its silence all the months a meeting waits ahead.
EXPERTS_IN_SILENCE = [
    (
        "Dr. Marta Kowalska",
        "Small Arms Survey",
        "Research on the diversion of small arms after export.",
        "To set the case in the context of similar diversions in the region.",
    ),
    (
        "Mr. Daniel Mensah",
        "United Nations Institute for Disarmament Research",
        "Weapons and ammunition management and post-shipment verification.",
        "To explain how storage at the end user could have been checked after delivery.",
    ),
    (
        "Ms. Ingrid Solberg",
        "Stimson Center",
        "Analysis of transfer controls and of the risk of diversion in licensing.",
        "To discuss which signs of diversion a licensing authority can see in advance.",
    ),
    (
        "Dr. Tomás Herrera",
        "Geneva Academy of International Humanitarian Law and Human Rights",
        "International law on arms transfers and on cooperation in criminal matters.",
        "To explain the legal avenues for cooperation between the investigating States.",
    ),
    (
        "Ms. Aiko Tanaka",
        "Conflict Armament Research",
        "Tracing of recovered weapons through manufacturers' and exporters' records.",
        "To show how the serial numbers were matched with the export licence.",
    ),
    (
        "Mr. Samuel Adeyemi",
        "Economic Community of West African States",
        "Regional cooperation among law-enforcement agencies against arms trafficking.",
        "To present the regional channels through which such cases are followed up.",
    ),
]


MORE_FIRST_NAMES = ("Amira", "Lukas", "Sofía", "Kenji", "Nadia", "Pedro", "Olga", "Yusuf")
MORE_LAST_NAMES = ("Novak", "Okafor", "Lindqvist", "Moreau", "Castillo", "Haas", "Rahman")


def _experts_to_propose():
    """EXPERTS_IN_SILENCE, then made-up names with their expertise and purpose."""
    yield from EXPERTS_IN_SILENCE
    names = itertools.product(MORE_LAST_NAMES, MORE_FIRST_NAMES)
    for position, (last, first) in enumerate(names):
        _name, *about = EXPERTS_IN_SILENCE[position % len(EXPERTS_IN_SILENCE)]
        yield (f"Dr. {first} {last}", *about)


def _mailbox(name: str) -> str:
    """ "Dr. Tomás Herrera" -> "tomas.herrera"."""
    import unicodedata

    local = ".".join(name.split()[1:]).lower()
    return unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()


def _expert(people, meeting) -> None:
    """Austria proposed the demo expert (Conflict Armament Research) for its presentation
    at the DIEF meeting ahead; the proposal was circulated two weeks ago, no State objected
    and the expert, admitted, has accepted the confidentiality undertaking (ToR arts. 8, 15).
    Another proposal by Austria was circulated yesterday: its silence procedure runs and
    France has objected to the first of them. Seeded again while no proposal is in its
    silence and proposals are still on time, the next expert is proposed and circulated.
    Dates in the past, so written directly with the models."""
    import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from .enums import SILENCE_STATES
    from .models import CasePresentation, ExpertAdmission, ExpertObjection, ExpertProposal
    from .selectors.experts import procedure_state, proposals_due_on

    presentation = CasePresentation.objects.filter(
        case__title=AUSTRIAN_CASE, meeting=meeting
    ).first()
    if presentation is None:
        return
    austria, secretariat, expert = people["delegate-sp"], people["secretariat"], people["expert"]
    now = timezone.now()
    if not ExpertProposal.objects.filter(presentation=presentation, expert=expert).exists():
        approved = ExpertProposal.objects.create(
            presentation=presentation,
            expert_name=expert.get_full_name(),
            expert_email=expert.email,
            expert_affiliation="Conflict Armament Research",
            expertise="Field investigations tracing diverted small arms to their last legal "
            "transfer.",
            purpose="To explain how the pistols were traced from the crime scene to the "
            "licensed export.",
            proposing_state=austria.state,
            proposed_by=austria,
            circulated_at=now - datetime.timedelta(days=14),
            circulated_by=secretariat,
            silence_closed_at=now - datetime.timedelta(days=8),
            expert=expert,
        )
        ExpertProposal.objects.filter(pk=approved.pk).update(
            proposed_at=now - datetime.timedelta(days=16)
        )
        admission, _created = ExpertAdmission.objects.get_or_create(
            presentation=presentation,
            expert=expert,
            defaults={"admitted_by": secretariat, "undertaking_accepted_at": now},
        )
        admission.proposal = approved
        admission.save(update_fields=["proposal"])
    today = timezone.localdate()
    if today > proposals_due_on(meeting):
        return  # seeded after the deadline for proposals: no proposal in its silence period
    others = list(
        ExpertProposal.objects.filter(presentation=presentation, expert__isnull=True)
        .prefetch_related("objections")
        .select_related("presentation__meeting")
    )
    if any(procedure_state(p, today=today) in SILENCE_STATES for p in others):
        return
    proposed = {proposal.expert_name for proposal in others}
    waiting = (entry for entry in _experts_to_propose() if entry[0] not in proposed)
    name, affiliation, expertise, purpose = next(waiting, (None,) * 4)
    if name is None:
        return
    yesterday = today - datetime.timedelta(days=1)
    in_silence = ExpertProposal.objects.create(
        presentation=presentation,
        expert_name=name,
        expert_email=f"{_mailbox(name)}@demo.att-portal.invalid",
        expert_affiliation=affiliation,
        expertise=expertise,
        purpose=purpose,
        proposing_state=austria.state,
        proposed_by=austria,
        circulated_at=datetime.datetime.combine(
            yesterday, datetime.time(12), tzinfo=ZoneInfo("Europe/Zurich")
        ),
        circulated_by=secretariat,
    )
    ExpertProposal.objects.filter(pk=in_silence.pk).update(
        proposed_at=now - datetime.timedelta(days=3)
    )
    if not others:
        ExpertObjection.objects.create(
            proposal=in_silence,
            state=people["wgeti-chair"].state,
            reasons="The expert's institute has published material from a case still under "
            "investigation; we would like assurances on confidentiality first.",
            raised_by=people["wgeti-chair"],
        )


REVIEW_MEETING = "DIEF meeting on the review of the forum"
REVIEW_BRIEFING_TEXT = (
    "Participants discussed how diverted small arms are traced after delivery. A case "
    "presented by Austria showed the value of tracing requests through INTERPOL iARMS and "
    "of checking storage at the end user. Participants saw a need for post-shipment "
    "cooperation between exporting and importing States."
)


BRIEFING_OBJECTION_DAYS = 14


def _briefings(people, meetings) -> None:
    """Art. 22: who took part in the 2024 review meeting, the Austrian case presented
    there (history, created directly) and the Chair's briefing of the CSP, circulated with
    a date for objections; Austria, which the text names, has consented; Thailand and
    Mexico are silent."""
    from att_portal.meetings.models import Participation

    from .enums import BriefingAudience, Position
    from .models import Briefing, CasePresentation
    from .services.briefings import briefing_draft, briefing_position_record

    meeting = meetings[REVIEW_MEETING]
    for role in ("delegate-sp", "markus.huber", "delegate-sig", "dief-chair"):
        person = people[role]
        # Accepted and recorded as having attended: "took part" is attendance (art. 22).
        took_part = {"status": "accepted", "attended": True}
        Participation.objects.update_or_create(
            meeting=meeting,
            person=person,
            defaults=took_part,
            create_defaults={**took_part, "nominated_by": person},
        )
    case = Case.objects.get(title=AUSTRIAN_CASE)
    presentation, _created = CasePresentation.objects.get_or_create(
        case=case, meeting=meeting, defaults={"intended_by": people["delegate-sp"]}
    )
    if Briefing.objects.filter(meeting=meeting).exists():
        return
    briefing = briefing_draft(
        by=people["dief-chair"],
        meeting=meeting,
        audience=BriefingAudience.CSP,
        text=REVIEW_BRIEFING_TEXT,
        # Art. 22: circulated for two weeks; silence is agreement.
        objections_due_on=timezone.localdate() + datetime.timedelta(days=BRIEFING_OBJECTION_DAYS),
        based_on=[presentation],
    )
    briefing_position_record(
        by=people["delegate-sp"], briefing=briefing, position=Position.AGREE, reason=""
    )


def _release(people, meetings) -> None:
    """Art. 14: an item Austria shared before the 2024 review meeting, whose participants
    released it from confidentiality at the meeting (recorded by the Secretariat). Every
    other item of the demo stays confidential."""
    import datetime

    from django.utils import timezone

    from .models import ConfidentialityRelease
    from .services.releases import confidentiality_release_record

    meeting = meetings[REVIEW_MEETING]
    item = PlatformItem.objects.filter(title=RELEASED_ITEM).first()
    if item is None:
        item = PlatformItem(
            title=RELEASED_ITEM,
            summary="Lessons on tracing diverted small arms after delivery, without details "
            "of any case.",
            information="Tracing requests through INTERPOL iARMS and checks of storage at the "
            "end user helped find where small arms left the authorised chain.",
            other_subject="Post-shipment cooperation",
        )
        shared_item_save(by=people["delegate-sp"], item=item, categories=[])
        shared_on = timezone.make_aware(datetime.datetime(2024, 2, 1, 10, 0))
        PlatformItem.objects.filter(pk=item.pk).update(created_at=shared_on)
    if not ConfidentialityRelease.objects.filter(platform_item=item).exists():
        confidentiality_release_record(
            by=people["secretariat"],
            meeting=meeting,
            decided_on=meeting.starts_on,
            platform_item=item,
            terms="The participants agreed that these general lessons may be shared in the "
            "restricted area.",
        )
