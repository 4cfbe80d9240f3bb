from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from att_portal.directory.forms import PersonNameField
from att_portal.notifications.services import mail_queue

from . import identifiers


class SignInForm(AuthenticationForm):
    """The user name or the e-mail address, and the password. An e-mail address becomes its
    account's user name before authentication, so that django-axes counts failures against
    the same account whichever was typed (`identifiers`)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "shared_email": _(
            "Several accounts use this e-mail address: sign in with your user name instead."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("User name or e-mail address")
        # An e-mail address of several accounts was typed: the page asks for the user name.
        self.shared_email = False

    def clean(self):
        typed = self.cleaned_data.get("username")
        if typed:
            username = identifiers.username_in_request(self.request, typed)
            self.shared_email = username is None
            if username is not None:
                self.cleaned_data["username"] = username
        try:
            return super().clean()
        except forms.ValidationError:
            if self.shared_email:
                raise forms.ValidationError(
                    self.error_messages["shared_email"], code="shared_email"
                ) from None
            raise


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code has six digits and nothing else."))
        verified, _unused = self.device.verify_is_allowed()
        if not verified:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a minute, then try again with a new code.")
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not valid. Check the time on your phone and use the newest code.")
            )
        return token


class PortalPasswordResetForm(PasswordResetForm):
    """Sends the reset link through the mail outbox, in the person's language."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        mail_queue(
            key=f"password-reset:{user.pk}:{context['token']}",
            recipient=user,
            template="password-reset",
            context={"uid": context["uid"], "token": context["token"]},
        )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, max_length=2000)


class ProfileForm(forms.ModelForm):
    """What a person changes about themselves. Not their name: it shows on watermarks and
    in access logs, so the Secretariat or their focal point changes it (NamedProfileForm
    for the Secretariat's own staff)."""

    class Meta:
        model = get_user_model()
        fields = ["job_title", "preferred_language"]


class NamedProfileForm(ProfileForm):
    class Meta(ProfileForm.Meta):
        fields = ["first_name", "last_name", "job_title", "preferred_language"]
        field_classes = {"first_name": PersonNameField, "last_name": PersonNameField}
