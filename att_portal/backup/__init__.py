"""Backup and restore of the whole portal: the database and the uploaded files in one
archive, with a manifest of checksums.

An archive is a gzip-compressed tar holding, in this order:

* `manifest.json` — the format, when and from which engine it was made, the applied
  migrations, the rows per model, and the SHA-256 and size of the database dump and of
  every uploaded file;
* `database.jsonl` — every row of every model (sessions excepted) in Django's JSON Lines
  serialization, read from one snapshot of the database;
* `media/<path>` — every file under MEDIA_ROOT.

`portal_backup` writes one (`manage.py backup_portal`), `portal_restore` loads one into an
empty, migrated database and an empty media folder (`manage.py restore_portal`).
"""

from .manifest import BackupError
from .services import BackupSummary, RestoreSummary, portal_backup, portal_restore

__all__ = ["BackupError", "BackupSummary", "RestoreSummary", "portal_backup", "portal_restore"]
