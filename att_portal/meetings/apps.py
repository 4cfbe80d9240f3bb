from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "att_portal.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from . import hooks, permissions  # noqa: F401  (registers the policies)

        hooks.register()
