from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from att_portal.fields import MAX_ID
from att_portal.l10n.content import TranslatedFieldsForm, translations_of

from .enums import Body, CallKind, MeetingFormat
from .models import CspCycle, Meeting, MeetingCall, MeetingSession
from .rules import Responsible
from .services import MEETING_FIELDS


class InvitationsConfirmForm(forms.Form):
    """Sending the invitations, from their preview: the fingerprint of the list previewed."""

    confirmed = forms.CharField(widget=forms.HiddenInput, max_length=64)


def _beyond_ids(value) -> bool:
    """An id no database row can have: simply not a choice, instead of overflowing the query."""
    try:
        return abs(int(str(value).strip())) > MAX_ID
    except ValueError:
        return False


class KnownIdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and _beyond_ids(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class KnownIdsMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if _beyond_ids(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class NominationForm(forms.Form):
    person = KnownIdChoiceField(label=_("Member of your delegation"), queryset=None)
    sponsorship_requested = forms.BooleanField(label=_("Requests sponsorship"), required=False)
    sponsorship_note = forms.CharField(label=_("Sponsorship note"), max_length=500, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members


class AttendanceForm(forms.Form):
    """Who among the participants holding a seat attended (ticked) or did not."""

    attended = KnownIdsMultipleChoiceField(
        label=_("Attended"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = participants


class PersonChoiceField(KnownIdChoiceField):
    def label_from_instance(self, obj) -> str:
        return _("%(person)s (%(affiliation)s)") % {
            "person": obj,
            "affiliation": obj.affiliation_label,
        }


class AttendeeAddForm(forms.Form):
    person = PersonChoiceField(
        label=_("Person who attended"),
        queryset=None,
        help_text=_(
            "A person of an invited delegation or organisation who is not among the "
            "participants yet."
        ),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class MessageToInvitedForm(TranslatedFieldsForm, forms.Form):
    translated_fields = ("subject", "text")

    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        label=_("Text"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )


class SessionForm(TranslatedFieldsForm, forms.Form):
    translated_fields = ("title",)

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.ChoiceField(
        label=_("Given to"), choices=[("", "—"), *Body.choices], required=False
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    room = forms.CharField(label=_("Room"), max_length=120, required=False)


# -- The Secretariat's forms for meetings and their calls ------------------------------------

DATE = forms.DateInput(attrs={"type": "date"})


class MeetingForm(TranslatedFieldsForm, forms.Form):
    """A meeting as the Secretariat sets it up; the rules (cycle and dates, the DIEF's) are
    the model's and come back on their fields."""

    translated_fields = ("title", "venue")

    cycle = forms.ModelChoiceField(label=_("CSP cycle"), queryset=CspCycle.objects.all())
    body = forms.ChoiceField(label=_("Body"), choices=Body.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    venue = forms.CharField(label=_("Venue"), max_length=250, required=False)
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    format = forms.ChoiceField(label=_("Format"), choices=MeetingFormat.choices)
    seats_per_delegation = forms.IntegerField(
        label=_("Seats per delegation"),
        min_value=1,
        max_value=50,
        initial=4,
        help_text=_("Rules of Procedure 6-8; for the DIEF, ToR art. 7."),
    )
    observers_admitted = forms.BooleanField(
        label=_("Observers admitted"),
        required=False,
        help_text=_("Invite non-signatory States and organisations as observers."),
    )
    rolling_basis = forms.BooleanField(
        label=_("Runs on a rolling basis"),
        required=False,
        help_text=_("A working group may start early when the previous one finishes early."),
    )

    @classmethod
    def for_meeting(cls, meeting: Meeting, data=None) -> MeetingForm:
        return cls(
            data,
            initial={name: getattr(meeting, name) for name in MEETING_FIELDS},
            initial_translations={
                "title": translations_of(meeting, "title"),
                "venue": translations_of(meeting, "venue"),
            },
        )


class MeetingCancelForm(forms.Form):
    note = forms.CharField(
        label=_("Reason for the cancellation"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown on the meeting's page; the e-mail repeats it, except for the DIEF, whose "
            "e-mails carry no detail."
        ),
    )


class MeetingCallForm(TranslatedFieldsForm, forms.Form):
    translated_fields = ("title",)

    kind = forms.ChoiceField(label=_("Kind"), choices=CallKind.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    issued_by = forms.CharField(
        label=_("Issued by"),
        max_length=200,
        required=False,
        help_text=_("As the letter names the sender, e.g. “CSP12 President” or “WGETI Chair”."),
    )
    due_on = forms.DateField(
        label=_("Due on"),
        widget=DATE,
        help_text=_("Due by the end of this day, Geneva time, before the meeting's first day."),
    )
    responsible = forms.ChoiceField(
        label=_("Who must act"),
        choices=Responsible.choices,
        initial=Responsible.INVITED_DELEGATIONS,
    )

    @classmethod
    def for_call(cls, call: MeetingCall, data=None) -> MeetingCallForm:
        fields = ("kind", "issued_on", "issued_by", "due_on", "responsible")
        return cls(
            data,
            initial={name: getattr(call, name) for name in fields},
            initial_translations={"title": translations_of(call, "title")},
        )


def session_form_for(session: MeetingSession, data=None) -> SessionForm:
    return SessionForm(
        data,
        initial={
            "body": session.body,
            "starts_at": timezone.localtime(session.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(session.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "room": session.room,
        },
        initial_translations={"title": translations_of(session, "title")},
    )


class DiefConveningForm(forms.Form):
    """The CSP President's decision to convene a DIEF meeting (ToR art. 3)."""

    decided_by = forms.ModelChoiceField(
        label=_("Decided by the President of"),
        queryset=CspCycle.objects.select_related("president"),
        empty_label=None,
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)
    chair_consulted = forms.BooleanField(
        label=_("The President consulted the DIEF Chair"), required=False
    )
    secretariat_consulted = forms.BooleanField(
        label=_("The President consulted the Secretariat"), required=False
    )


class DiefChairAppointmentForm(forms.Form):
    """The CSP President's appointment of the DIEF Chair (ToR art. 4)."""

    person = PersonChoiceField(label=_("Chair"), queryset=None)
    cycle = forms.ModelChoiceField(
        label=_("Appointed by the President of"),
        queryset=CspCycle.objects.select_related("president"),
        empty_label=None,
    )
    appointed_on = forms.DateField(label=_("Appointed on"), widget=DATE)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
