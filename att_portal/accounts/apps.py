from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "att_portal.accounts"
    label = "accounts"
    verbose_name = _("Sign-in")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from .otp import SessionDevice

        # Read by django-otp and the two-factor gates; looked up only when they ask.
        get_user_model().otp_device = SessionDevice()
