"""The register's entry on the dashboard, and its files for `check_stored_files`."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from att_portal import registry, stored_files


def _language_versions():
    from .models import LanguageVersion

    return LanguageVersion.objects.select_related("document").order_by("pk")


def _check_document_file(data: bytes) -> tuple[str, frozenset[str]]:
    from .uploads import check_content

    content_type, _cleaned, stripped = check_content(data)
    return content_type, stripped


def _describe(version) -> str:
    return f"{version.document.symbol} ({version.language}) v{version.number}"


def register() -> None:
    registry.add_dashboard_panel(
        30,
        lambda user: registry.Area(
            _("Documents"),
            _("Official documents, their language versions and agendas."),
            reverse("documents:list"),
        ),
    )
    stored_files.register(
        stored_files.StoredFileKind(
            key="document-file",
            rows=_language_versions,
            check=_check_document_file,
            describe=_describe,
        )
    )
