from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "att_portal.directory"
    label = "directory"
    verbose_name = _("Directory of States and people")

    def ready(self) -> None:
        from . import hooks, permissions, signals  # noqa: F401  (registers policies and receivers)

        hooks.register()
        # Every app's models are loaded by now: their choice labels are read the fast way.
        from att_portal.l10n import choices

        choices.install()
