from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from att_portal.backup import BackupError, portal_backup


class Command(BaseCommand):
    help = gettext_lazy(
        "Back the portal up to a new archive (.tar.gz): every row of the database read from "
        "one snapshot (sessions excepted), every file under MEDIA_ROOT, and a manifest of "
        "their SHA-256 checksums and of the applied migrations."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help=gettext_lazy("the archive to write; must not exist"))

    def handle(self, *args, archive: str, verbosity: int, **options):
        log = self.stdout.write if verbosity >= 2 else None
        try:
            summary = portal_backup(destination=Path(archive), log=log)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backed up %(rows)d rows of %(models)d models and %(files)d files "
                    "(%(file_bytes)d bytes) to %(archive)s (%(archive_bytes)d bytes). "
                    "Sessions are not backed up: after a restore everybody signs in again."
                )
                % {
                    "rows": sum(summary.rows.values()),
                    "models": sum(1 for count in summary.rows.values() if count),
                    "files": summary.files,
                    "file_bytes": summary.file_bytes,
                    "archive": summary.archive,
                    "archive_bytes": summary.archive_bytes,
                }
            )
        )
        if summary.missing_files:
            self.stderr.write(
                _(
                    "%(count)d files named in the database were not in the media folder "
                    "(deleted after the snapshot, or missing before it): %(files)s"
                )
                % {"count": len(summary.missing_files), "files": ", ".join(summary.missing_files)}
            )
