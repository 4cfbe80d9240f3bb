"""Disclosure challenges (ToR art. 15): any participant, the Chair or the Secretariat may
challenge any other participant bilaterally over a suspected unauthorised disclosure: a
State, or a non-state expert invited under art. 8, who is bound by the confidentiality
too. The challenged participant explains; remedial measures under national law are
asked only when it acknowledges that a disclosure occurred. Only the two parties see
the challenge (see `forums.permissions`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from att_portal import access
from att_portal.access import Action
from att_portal.directory.enums import Role
from att_portal.directory.models import DIEF_STATUSES, RoleAssignment, State, User
from att_portal.directory.permissions import is_secretariat
from att_portal.directory.un_names import by_name
from att_portal.meetings.services import delegation_contacts
from att_portal.notifications.services import Message, messages_queue

from ..enums import Challenger
from ..models import Case, DisclosureChallenge, ExpertAdmission, PlatformItem
from ..permissions import DiefAction, is_dief_chair, is_participating_delegate


def challenger_capacities(user) -> list[str]:
    """In which capacities `user` may raise a challenge, the first being the default: a
    participating delegate raises for their State; the Chair and the Secretariat in their
    own name (a Chair who is also a delegate may choose)."""
    capacities = []
    if is_participating_delegate(user):
        capacities.append(Challenger.STATE)
    if is_dief_chair(user):
        capacities.append(Challenger.CHAIR)
    if is_secretariat(user):
        capacities.append(Challenger.SECRETARIAT)
    return capacities


def challengeable_states():
    """States Parties and signatories, as of today: the forum's participants (art. 6)."""
    return State.objects.with_status(*DIEF_STATUSES).order_by(by_name())


def challengeable_experts():
    """The non-state experts admitted to a presentation (art. 8): participants bound by
    the confidentiality of the forum (art. 15), before and after their meeting."""
    admitted = ExpertAdmission.objects.values("expert_id")
    return User.objects.filter(pk__in=admitted).order_by("last_name", "first_name", "pk")


def _challenged_people(challenge: DisclosureChallenge) -> list[User]:
    if challenge.challenged_expert_id:
        expert = challenge.challenged_expert
        return [expert] if expert.is_active else []
    state_id = challenge.challenged_state_id
    return delegation_contacts([state_id]).get(state_id, [])


def _queue(challenge: DisclosureChallenge, recipients, step: str, template: str, title) -> None:
    url = reverse("dief:challenge_detail", args=[challenge.pk])
    transaction.on_commit(
        lambda: messages_queue(
            [
                Message(
                    key=f"dief-challenge:{challenge.pk}:{step}:{person.pk}",
                    recipient=person,
                    template=template,
                    url=url,
                    notice_title=title,
                )
                for person in recipients
            ]
        )
    )


def _challenger_people(challenge: DisclosureChallenge) -> list[User]:
    if challenge.challenger == Challenger.STATE:
        state_id = challenge.challenger_state_id
        return delegation_contacts([state_id]).get(state_id, [])
    if challenge.challenger == Challenger.CHAIR:
        chairs = RoleAssignment.objects.active().filter(role=Role.DIEF_CHAIR)
        return list(User.objects.filter(pk__in=chairs.values("user_id"), is_active=True))
    return [challenge.raised_by] if challenge.raised_by.is_active else []


@transaction.atomic
def challenge_raise(
    *,
    by,
    challenged_state: State | None = None,
    challenged_expert: User | None = None,
    description: str,
    case: Case | None = None,
    platform_item: PlatformItem | None = None,
    capacity: str | None = None,
) -> DisclosureChallenge:
    capacities = challenger_capacities(by)
    if not capacities or (capacity is not None and capacity not in capacities):
        raise PermissionDenied
    capacity = capacity or capacities[0]
    if (challenged_state is None) == (challenged_expert is None):
        raise ValidationError(_("Challenge one State or one non-state expert."))
    if challenged_state is not None:
        if not challengeable_states().filter(pk=challenged_state.pk).exists():
            raise ValidationError(
                {"challenged_state": _("Only a State Party or a signatory can be challenged.")}
            )
        if capacity == Challenger.STATE and challenged_state.pk == by.state_id:
            raise ValidationError({"challenged_state": _("A State cannot challenge itself.")})
    elif not challengeable_experts().filter(pk=challenged_expert.pk).exists():
        raise ValidationError(
            {
                "challenged_expert": _(
                    "Only a non-state expert invited to the forum can be challenged."
                )
            }
        )
    if case is not None and platform_item is not None:
        raise ValidationError(_("Refer to one case or one platform item, not both."))
    for field, item in (("case", case), ("platform_item", platform_item)):
        if item is not None and not access.can(by, Action.VIEW, item):
            raise ValidationError({field: _("Choose an item you can see.")})
    challenge = DisclosureChallenge(
        challenger=capacity,
        challenger_state_id=by.state_id if capacity == Challenger.STATE else None,
        raised_by=by,
        challenged_state=challenged_state,
        challenged_expert=challenged_expert,
        description=description,
        case=case,
        platform_item=platform_item,
    )
    challenge.full_clean()
    challenge._history_user = by
    challenge._change_reason = "Raised"
    challenge.save()
    _queue(
        challenge,
        _challenged_people(challenge),
        "raised",
        "dief-challenge-raised",
        lambda: _("DIEF: you are asked for an explanation"),
    )
    return challenge


@transaction.atomic
def challenge_answer(
    *,
    by,
    challenge: DisclosureChallenge,
    explanation: str,
    disclosure_acknowledged: bool,
    remedial_measures: str = "",
) -> DisclosureChallenge:
    """The challenged participant explains, once. Remedial measures are stated only when
    it acknowledges that an unauthorised disclosure occurred (art. 15)."""
    access.require(by, DiefAction.REPLY, challenge)
    challenge = DisclosureChallenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.answered_at is not None:
        raise ValidationError(_("This challenge has already been answered."))
    errors = {}
    if not explanation.strip():
        errors["explanation"] = _("Give your explanation.")
    if disclosure_acknowledged and not remedial_measures.strip():
        errors["remedial_measures"] = _("State the remedial measures taken.")
    if not disclosure_acknowledged and remedial_measures.strip():
        errors["remedial_measures"] = _(
            "Remedial measures go with an acknowledged disclosure only."
        )
    if errors:
        raise ValidationError(errors)
    challenge.explanation = explanation.strip()
    challenge.disclosure_acknowledged = bool(disclosure_acknowledged)
    challenge.remedial_measures = remedial_measures.strip()
    challenge.answered_by = by
    challenge.answered_at = timezone.now()
    challenge.full_clean()
    challenge._history_user = by
    challenge._change_reason = "Answered"
    challenge.save()
    _queue(
        challenge,
        _challenger_people(challenge),
        "answered",
        "dief-challenge-answered",
        lambda: _("DIEF: a challenge you raised has been answered"),
    )
    return challenge
