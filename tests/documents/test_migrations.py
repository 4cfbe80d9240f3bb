"""The data migration of the register: documents registered before the year became a field
take the year their symbol carries, and every file stored before earlier versions were
kept becomes version 1 — the current file of its language."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("documents", "0003_content_in_six_languages")]
AFTER = [("documents", "0006_current_file_per_language_and_revision_numbers")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_documents_and_files_are_carried_over():
    old = migrate(BEFORE)
    user = old.get_model("directory", "User").objects.create(
        username="officer", affiliation="secretariat"
    )
    cycle = old.get_model("meetings", "CspCycle").objects.create(number=11, year=2025)
    Document = old.get_model("documents", "Document")
    document = Document.objects.create(
        symbol="ATT/CSP11/2025/SEC/834/Conf.FinRep",
        number=834,
        title="CSP11 final report",
        title_en="CSP11 final report",
        issued_on=datetime.date(2026, 1, 15),  # issued the year after the one it carries
        cycle=cycle,
        doc_type="Conf.FinRep",
        distribution="public",
        author_office="SEC",
    )
    old.get_model("documents", "HistoricalDocument").objects.create(
        id=document.pk,
        symbol=document.symbol,
        number=834,
        title="CSP11 final report",
        issued_on=document.issued_on,
        cycle_id=cycle.pk,
        doc_type="Conf.FinRep",
        distribution="public",
        history_date=datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC),
        history_type="+",
    )
    old.get_model("documents", "LanguageVersion").objects.create(
        document=document,
        language="en",
        file="documents/1/en/x.pdf",
        storage_name="x.pdf",
        original_name="report.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=user,
    )

    try:
        new = migrate(AFTER)
        migrated = new.get_model("documents", "Document").objects.get(pk=document.pk)
        history = new.get_model("documents", "HistoricalDocument").objects.get(id=document.pk)
        version = new.get_model("documents", "LanguageVersion").objects.get()
        assert (migrated.year, history.year) == (2025, 2025)
        assert (version.number, version.replaced_at, version.withdrawn_at) == (1, None, None)
    finally:
        call_command("migrate", verbosity=0)  # the other tests run on the latest schema
