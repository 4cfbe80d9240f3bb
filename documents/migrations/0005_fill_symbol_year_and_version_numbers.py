"""Existing rows: each document's year is the one its symbol carries (the third part,
``ATT/CSP10.DIEF/2024/…``), and each stored file — until now the only one of its language,
the previous one having been deleted — is version 1, the current one."""

from django.db import migrations


def year_of(symbol: str, issued_on) -> int:
    parts = symbol.split("/")
    return int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else issued_on.year


def fill(apps, schema_editor):
    # The documents and their change history alike (the history keeps every column).
    for model in ("Document", "HistoricalDocument"):
        rows = apps.get_model("documents", model).objects.filter(year__isnull=True)
        for row in rows.only("pk", "symbol", "issued_on"):
            row.year = year_of(row.symbol, row.issued_on)
            row.save(update_fields=["year"])
    for model in ("LanguageVersion", "HistoricalLanguageVersion"):
        apps.get_model("documents", model).objects.filter(number__isnull=True).update(number=1)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_symbol_year_and_earlier_files"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
