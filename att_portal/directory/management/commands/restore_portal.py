from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from att_portal.backup import BackupError, portal_restore


class Command(BaseCommand):
    help = gettext_lazy(
        "Restore an archive made by backup_portal into an empty, migrated database and an "
        "empty media folder. Every checksum is verified before anything is written; the "
        "rows are loaded in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help=gettext_lazy("the archive to restore"))

    def handle(self, *args, archive: str, **options):
        try:
            summary = portal_restore(archive=Path(archive))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored %(rows)d rows of %(models)d models and %(files)d files "
                    "(%(file_bytes)d bytes) from %(archive)s."
                )
                % {
                    "rows": summary.rows,
                    "models": summary.models,
                    "files": summary.files,
                    "file_bytes": summary.file_bytes,
                    "archive": archive,
                }
            )
        )
        if summary.missing_files:
            self.stderr.write(
                _(
                    "%(count)d files named in the database were missing when the backup was "
                    "made: %(files)s"
                )
                % {"count": len(summary.missing_files), "files": ", ".join(summary.missing_files)}
            )
