"""Forms of case presentations and concerned States (ToR arts. 11-12)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from att_portal.directory.models import State
from att_portal.fields import StateMultipleChoiceField
from att_portal.l10n.dates import un_date_range
from att_portal.meetings.models import Meeting


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        values = {"meeting": obj.title, "dates": un_date_range(obj.starts_on, obj.ends_on)}
        if getattr(obj, "agenda_adopted_at", None):
            return gettext("%(meeting)s (%(dates)s): agenda adopted, intentions closed") % values
        return gettext("%(meeting)s (%(dates)s)") % values


class PresentationForm(forms.Form):
    # ToR art. 11: an intention may be notified "even before the meeting is announced".
    meeting = MeetingChoiceField(
        label=_("DIEF meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("The next DIEF meeting, not yet announced"),
        help_text=_(
            "Intentions to present a case close when the meeting adopts its draft agenda, at "
            "its opening (ToR art. 11). An intention for the next meeting goes to that "
            "meeting as soon as it is announced."
        ),
    )

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Withdraw this presentation from the meeting"),
        required=True,
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )


class WithdrawIntentionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Withdraw the intention to present this case at the next meeting"),
        required=True,
        error_messages={"required": _("Tick the box to confirm the withdrawal.")},
    )


class ConcernedStatesForm(forms.Form):
    states = StateMultipleChoiceField(
        label=_("States the presentation may involve"),
        queryset=State.objects.none(),
        help_text=_(
            "Each State is notified and asked to reply at least 15 days before the meeting "
            "(ToR art. 12)."
        ),
    )

    def __init__(self, *args, states=None, **kwargs):
        super().__init__(*args, **kwargs)
        if states is not None:
            self.fields["states"].queryset = states


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Reply of your State"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text=_("The presenting State includes the replies in its presentation (ToR art. 12)."),
    )
