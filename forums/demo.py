"""Demo material of the DIEF: fictional cases and platform items of the demo States.
Called by `att_portal.demo.seed`; each area of the forum adds its own function here."""

from __future__ import annotations

from django.core.files.base import ContentFile

from att_portal.directory.models import User

from .enums import DetectionTimeliness, Distribution, Investigation
from .models import Case, PlatformItem
from .services.shared import attachment_add, shared_item_save
from .uploads import PDF

AUSTRIAN_CASE = "Pistols exported under licence found at a crime scene abroad"
NARROWED_CASE = "Broker network using falsified end-user certificates"
THAI_ITEM = "Rifle parts concealed in agricultural machinery"
NARROWED_ITEM = "Transit route through a free-trade zone"


def seed(people: dict[str, User], states: dict, meetings: dict) -> None:
    _cases(people, states)
    _presentations(people, states, meetings)
    _expert(people, meetings)
    _bilateral(people, states)
    _briefings(people, meetings)


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
    from .enums import OperationalPurpose
    from .models import DisclosureChallenge, LawEnforcementContact, OperationalUseRequest
    from .services.challenges import challenge_answer, challenge_raise
    from .services.contacts import law_enforcement_contact_save
    from .services.use_requests import use_request_create, use_request_message_post

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


def _presentations(people, states, meetings) -> None:
    """Austria presents its case in February 2027 and names Thailand, which has yet to
    reply (ToR arts. 11-12)."""
    from django.core.exceptions import ValidationError

    from .models import CasePresentation
    from .services.presentations import concerned_states_name, presentation_intend

    austria = people["delegate-sp"]
    meeting = meetings["DIEF meeting, February 2027"]
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


def _expert(people, meetings) -> None:
    """Austria proposed the demo expert (Conflict Armament Research) for its presentation
    in February 2027; the proposal was circulated some 40 days ago, no State objected and
    the expert, admitted, has accepted the confidentiality undertaking (ToR arts. 8, 15).
    A second proposal by Austria was circulated yesterday: its silence period runs and
    France has objected. Dates in the past, so written directly with the models."""
    import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from .models import CasePresentation, ExpertAdmission, ExpertObjection, ExpertProposal
    from .selectors.experts import proposals_due_on

    meeting = meetings["DIEF meeting, February 2027"]
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
            proposed_by=austria,
            circulated_at=now - datetime.timedelta(days=40),
            circulated_by=secretariat,
            silence_closed_at=now - datetime.timedelta(days=34),
            expert=expert,
        )
        ExpertProposal.objects.filter(pk=approved.pk).update(
            proposed_at=now - datetime.timedelta(days=42)
        )
        admission, _created = ExpertAdmission.objects.get_or_create(
            presentation=presentation,
            expert=expert,
            defaults={"admitted_by": secretariat, "undertaking_accepted_at": now},
        )
        admission.proposal = approved
        admission.save(update_fields=["proposal"])
    if timezone.localdate() > proposals_due_on(meeting):
        return  # seeded after the deadline for proposals: no proposal in its silence period
    if ExpertProposal.objects.filter(presentation=presentation, expert__isnull=True).exists():
        return
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    in_silence = ExpertProposal.objects.create(
        presentation=presentation,
        expert_name="Dr. Marta Kowalska",
        expert_email="marta.kowalska@demo.att-portal.invalid",
        expert_affiliation="Small Arms Survey",
        expertise="Research on the diversion of small arms after export.",
        purpose="To set the case in the context of similar diversions in the region.",
        proposed_by=austria,
        circulated_at=datetime.datetime.combine(
            yesterday, datetime.time(12), tzinfo=ZoneInfo("Europe/Zurich")
        ),
        circulated_by=secretariat,
    )
    ExpertProposal.objects.filter(pk=in_silence.pk).update(
        proposed_at=now - datetime.timedelta(days=3)
    )
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


def _briefings(people, meetings) -> None:
    """Art. 22: who took part in the 2024 review meeting, the Austrian case presented
    there (history, created directly) and the Chair's draft briefing of the CSP, which
    Austria has agreed to and Thailand and Mexico not yet."""
    from att_portal.meetings.models import Participation

    from .enums import BriefingAudience, Position
    from .models import Briefing, CasePresentation
    from .services.briefings import briefing_draft, briefing_position_record

    meeting = meetings[REVIEW_MEETING]
    for role in ("delegate-sp", "markus.huber", "delegate-sig", "dief-chair"):
        person = people[role]
        Participation.objects.get_or_create(
            meeting=meeting, person=person, defaults={"nominated_by": person}
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
        based_on=[presentation],
    )
    briefing_position_record(
        by=people["delegate-sp"], briefing=briefing, position=Position.AGREE, reason=""
    )
