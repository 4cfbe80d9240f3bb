"""The search of the top bar looks for words in the title and the summary of cases and
platform items (`title__icontains` / `summary__icontains`, UPPER(...) LIKE on PostgreSQL):
trigram indexes on those expressions answer it without reading every row. PostgreSQL only
(pg_trgm, created by documents' migration 0009); SQLite has no such index."""

from django.db import migrations

TABLES = ("forums_case", "forums_platformitem")


def _index(table: str) -> str:
    return f"{table}_words_trgm"


FORWARDS = [
    f"CREATE INDEX IF NOT EXISTS {_index(table)} ON {table} USING gin "
    "((UPPER(title::text)) gin_trgm_ops, (UPPER(summary::text)) gin_trgm_ops)"
    for table in TABLES
]
BACKWARDS = [f"DROP INDEX IF EXISTS {_index(table)}" for table in TABLES]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0013_shared_items_indexed_for_lists_and_visibility"),
        ("documents", "0009_search_vector_and_list_order"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARDS), _run(BACKWARDS), elidable=False),
    ]
