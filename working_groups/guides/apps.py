from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "working_groups.guides"
    label = "guides"
    verbose_name = _("Voluntary guides")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the policies)
