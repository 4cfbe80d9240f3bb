"""ToR art. 14: the Secretariat records the participants' decision releasing an item or a
document from confidentiality."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("documents", "0007_chairs_compose_letters_and_reports"),
        ("meetings", "0005_nominations_attendance_and_messages"),
        ("forums", "0009_any_participant_may_be_challenged"),
    ]

    operations = [
        migrations.CreateModel(
            name="ConfidentialityRelease",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="decided on")),
                ("terms", models.TextField(blank=True, verbose_name="terms of the decision")),
                (
                    "recorded_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="recorded at"),
                ),
            ],
            options={
                "verbose_name": "release from confidentiality",
                "verbose_name_plural": "releases from confidentiality",
                "ordering": ["-decided_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalConfidentialityRelease",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="decided on")),
                ("terms", models.TextField(blank=True, verbose_name="terms of the decision")),
                (
                    "recorded_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="recorded at"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical release from confidentiality",
                "verbose_name_plural": "historical releases from confidentiality",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="confidentialityrelease",
            name="case",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="releases",
                to="forums.case",
            ),
        ),
        migrations.AddField(
            model_name="confidentialityrelease",
            name="document",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="documents.document",
                verbose_name="document",
            ),
        ),
        migrations.AddField(
            model_name="confidentialityrelease",
            name="meeting",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="meetings.meeting",
                verbose_name="decided by the participants of the meeting",
            ),
        ),
        migrations.AddField(
            model_name="confidentialityrelease",
            name="platform_item",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="releases",
                to="forums.platformitem",
            ),
        ),
        migrations.AddField(
            model_name="confidentialityrelease",
            name="recorded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalconfidentialityrelease",
            name="case",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="forums.case",
            ),
        ),
        migrations.AddField(
            model_name="historicalconfidentialityrelease",
            name="document",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="documents.document",
                verbose_name="document",
            ),
        ),
        migrations.AddField(
            model_name="historicalconfidentialityrelease",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalconfidentialityrelease",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="meetings.meeting",
                verbose_name="decided by the participants of the meeting",
            ),
        ),
        migrations.AddField(
            model_name="historicalconfidentialityrelease",
            name="platform_item",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="forums.platformitem",
            ),
        ),
        migrations.AddField(
            model_name="historicalconfidentialityrelease",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="confidentialityrelease",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("case__isnull", False),
                        ("document__isnull", True),
                        ("platform_item__isnull", True),
                    ),
                    models.Q(
                        ("case__isnull", True),
                        ("document__isnull", True),
                        ("platform_item__isnull", False),
                    ),
                    models.Q(
                        ("case__isnull", True),
                        ("document__isnull", False),
                        ("platform_item__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="release_of_one_item_or_document",
            ),
        ),
        migrations.AddConstraint(
            model_name="confidentialityrelease",
            constraint=models.UniqueConstraint(fields=("case",), name="case_released_once"),
        ),
        migrations.AddConstraint(
            model_name="confidentialityrelease",
            constraint=models.UniqueConstraint(
                fields=("platform_item",), name="platform_item_released_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="confidentialityrelease",
            constraint=models.UniqueConstraint(fields=("document",), name="document_released_once"),
        ),
    ]
