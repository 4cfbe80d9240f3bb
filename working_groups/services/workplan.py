"""The structure of WGETI and its multi-year workplan (seeds 002 and 004): sub-working
groups per CSP cycle with their facilitators, and the workplan topics a meeting takes up.
Only the WGETI officers (the Chair, the facilitators, the CSP President, the Secretariat)
change them. A sub-working group's name and mandate are written in English and,
optionally, in the other UN languages (`att_portal.l10n.content`)."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from att_portal.directory.models import User
from att_portal.l10n.content import LANGUAGE_CODES, Translations, field_name, set_translations
from att_portal.meetings.enums import Body
from att_portal.meetings.models import CspCycle, Meeting

from ..models import MeetingTopic, PresentationOffer, SubWorkingGroup, Topic
from ..permissions import is_wgeti_officer

WGETI_BODIES = (Body.WGETI, Body.WGETI_SWG)


def _officer_only(by: User) -> None:
    if not is_wgeti_officer(by):
        raise PermissionDenied(_("Only the WGETI Chair, the facilitators and the Secretariat."))


def _wgeti_meeting(meeting: Meeting) -> None:
    if meeting.body not in WGETI_BODIES:
        raise ValidationError(_("This is not a WGETI meeting."))


def _write(
    group: SubWorkingGroup, *, name: str | Translations, mandate: str | Translations
) -> None:
    set_translations(group, "name", name)
    set_translations(group, "mandate", mandate)
    # One name per cycle in each language (the unique constraints, one per language
    # column), checked whatever language the officer reads.
    others = SubWorkingGroup.objects.filter(cycle_id=group.cycle_id).exclude(pk=group.pk)
    for language in LANGUAGE_CODES:
        name_in_language = getattr(group, field_name("name", language))
        if (
            name_in_language
            and others.filter(**{field_name("name", language): name_in_language}).exists()
        ):
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "The %(cycle)s cycle already has a sub-working group “%(name)s”."
                    )
                    % {"cycle": group.cycle, "name": name_in_language}
                }
            )
    group.full_clean(validate_constraints=False)


@transaction.atomic
def sub_working_group_create(
    *,
    by: User,
    cycle: CspCycle,
    name: str | Translations,
    facilitators: str,
    mandate: str | Translations = "",
    position: int = 0,
) -> SubWorkingGroup:
    """`name` and `mandate`: the English text, or a text per UN language."""
    _officer_only(by)
    group = SubWorkingGroup(cycle=cycle, facilitators=facilitators, position=position)
    _write(group, name=name, mandate=mandate)
    group._history_user = by
    group._change_reason = "Sub-working group set up"
    group.save()
    return group


@transaction.atomic
def sub_working_group_update(
    *,
    by: User,
    group: SubWorkingGroup,
    name: str | Translations,
    facilitators: str,
    mandate: str | Translations = "",
    position: int = 0,
) -> SubWorkingGroup:
    """A text given as one string is the English one; the other languages are emptied."""
    _officer_only(by)
    group.facilitators, group.position = facilitators, position
    _write(group, name=name, mandate=mandate)
    group._history_user = by
    group._change_reason = "Sub-working group updated"
    group.save()
    return group


@transaction.atomic
def meeting_topic_add(
    *,
    by: User,
    meeting: Meeting,
    topic: Topic,
    sub_working_group: SubWorkingGroup | None = None,
) -> MeetingTopic:
    """The meeting takes up a workplan topic, in one of its cycle's sub-working groups."""
    _officer_only(by)
    _wgeti_meeting(meeting)
    if sub_working_group is not None and sub_working_group.cycle_id != meeting.cycle_id:
        raise ValidationError(
            {
                "sub_working_group": _(
                    "“%(group)s” is a sub-working group of another cycle than the meeting's."
                )
                % {"group": sub_working_group.name}
            }
        )
    if MeetingTopic.objects.filter(meeting=meeting, topic=topic).exists():
        raise ValidationError(
            {"topic": _("The meeting already takes up “%(topic)s”.") % {"topic": topic.title}}
        )
    taken_up = MeetingTopic(meeting=meeting, topic=topic, sub_working_group=sub_working_group)
    taken_up.full_clean()
    taken_up.save()
    return taken_up


@transaction.atomic
def meeting_topic_remove(*, by: User, meeting_topic: MeetingTopic) -> None:
    """Drop a topic from a meeting, unless delegations have offered to present on it."""
    _officer_only(by)
    if PresentationOffer.objects.filter(
        meeting_id=meeting_topic.meeting_id, topic_id=meeting_topic.topic_id
    ).exists():
        raise ValidationError(
            _(
                "Delegations have offered to present on “%(topic)s” at this meeting; "
                "the topic stays."
            )
            % {"topic": meeting_topic.topic.title}
        )
    meeting_topic.delete()
