from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkingGroupsConfig(AppConfig):
    name = "working_groups"
    verbose_name = _("Working groups")

    def ready(self) -> None:
        from . import hooks, permissions  # noqa: F401  (registers the policies)

        hooks.register()
