from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from att_portal.admin_site import SecretariatAdmin, SecretariatPermissionsMixin

from .models import Organisation, RoleAssignment, State, StateStatusChange, User


class StateStatusChangeInline(SecretariatPermissionsMixin, admin.TabularInline):
    model = StateStatusChange
    extra = 0


@admin.register(State)
class StateAdmin(SecretariatAdmin):
    list_display = ["__str__", "regional_group"]
    list_filter = ["regional_group"]
    inlines = [StateStatusChangeInline]


@admin.register(Organisation)
class OrganisationAdmin(SecretariatAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]


class RoleAssignmentInline(SecretariatPermissionsMixin, admin.TabularInline):
    model = RoleAssignment
    extra = 0
    fk_name = "user"


@admin.register(User)
class PersonAdmin(SecretariatAdmin, UserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "affiliation",
        "state",
        "organisation",
        "is_law_enforcement",
        "is_active",
    ]
    list_filter = ["affiliation", "is_law_enforcement", "is_active"]
    list_select_related = ["state", "organisation"]
    search_fields = ["username", "first_name", "last_name", "email"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (
            _("Person"),
            {"fields": ["first_name", "last_name", "email", "job_title", "preferred_language"]},
        ),
        (
            _("Affiliation"),
            {"fields": ["affiliation", "state", "organisation", "is_law_enforcement"]},
        ),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "fields": [
                    "username",
                    "email",
                    "affiliation",
                    "state",
                    "organisation",
                    "password1",
                    "password2",
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change) -> None:
        # The user's validators refuse an invisible name here as on the portal's pages;
        # the history names who changed it (the request's user) and why.
        if change and {"first_name", "last_name"} & set(form.changed_data):
            obj._change_reason = "Name changed by the Secretariat in the administration"
        super().save_model(request, obj, form, change)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SecretariatAdmin):
    list_display = ["user", "role", "starts_on", "ends_on", "scope"]
    list_filter = ["role"]
    list_select_related = ["user"]
