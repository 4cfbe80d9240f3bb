from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from att_portal import stored_files


class Command(BaseCommand):
    help = gettext_lazy(
        "Check every stored file (documents' language versions, DIEF attachments) again with "
        "the checks of its upload, and report each one that fails. With --quarantine, move "
        "each failing file under MEDIA_ROOT/quarantine/ and mark it, so that its download "
        "says it is set aside. Files already quarantined are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quarantine",
            action="store_true",
            help=gettext_lazy("move each failing file aside and stop serving it"),
        )

    def handle(self, *args, quarantine: bool, **options):
        checked, findings = stored_files.check_all(quarantine=quarantine)
        for finding in findings:
            self.stdout.write(
                f"{finding.kind} {finding.pk} ({finding.description}): {finding.reason}"
            )
        if not findings:
            summary = _("Checked %(checked)d files: all pass.")
        elif quarantine:
            summary = _("Checked %(checked)d files: %(failed)d failed and were quarantined.")
        else:
            summary = _(
                "Checked %(checked)d files: %(failed)d failed. Run again with --quarantine "
                "to set them aside."
            )
        style = self.style.WARNING if findings else self.style.SUCCESS
        self.stdout.write(style(summary % {"checked": checked, "failed": len(findings)}))
