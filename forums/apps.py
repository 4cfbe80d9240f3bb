from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Diversion Information Exchange Forum")

    def ready(self) -> None:
        from att_portal import navigation

        from . import permissions  # registers the policies

        navigation.register("dief", permissions.may_enter_dief)
