"""The Django admin, for Secretariat staff only (with a second factor, see
accounts.middleware)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from att_portal.directory.permissions import is_secretariat


class PortalAdminSite(admin.AdminSite):
    site_header = _("ATT Portal administration")
    site_title = _("ATT Portal administration")
    index_title = _("Secretariat administration")

    def has_permission(self, request) -> bool:
        return is_secretariat(request.user)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request, extra_context=None):
        return redirect(f"{reverse('accounts:login')}?next={reverse('admin:index')}")


class SecretariatPermissionsMixin:
    """Every admin permission is the Secretariat's (model admins and inlines alike)."""

    def has_module_permission(self, request) -> bool:
        return is_secretariat(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_secretariat(request.user)

    def has_add_permission(self, request, *args) -> bool:
        return is_secretariat(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_secretariat(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_secretariat(request.user)


class SecretariatAdmin(SecretariatPermissionsMixin, SimpleHistoryAdmin):
    """Model admin with the change history of django-simple-history."""


class TranslatedSecretariatAdmin(SecretariatPermissionsMixin, TranslationAdmin, SimpleHistoryAdmin):
    """For models whose texts are written per UN language: a field per language, English
    required (django-modeltranslation), with the change history."""
