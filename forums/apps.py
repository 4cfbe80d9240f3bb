from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Diversion Information Exchange Forum")

    def ready(self) -> None:
        from . import hooks, permissions, signals  # noqa: F401  (policies, receivers)

        hooks.register()
