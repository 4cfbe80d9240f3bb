"""ToR art. 16: operational use "must first be discussed" with the provider. The
provider states a position in the discussion (agrees, agrees with conditions, has
concerns) instead of granting or declining a request. Fields and values are renamed in
place, in the rows and in their history."""

import django.db.models.deletion
from django.db import migrations, models

POSITIONS = {
    "pending": "awaited",
    "agreed": "agrees",
    "conditions": "agrees_with_conditions",
    "declined": "has_concerns",
}

RENAMES = [
    ("decision", "provider_position"),
    ("conditions", "position_details"),
    ("decided_by", "position_stated_by"),
    ("decided_at", "position_stated_at"),
]


def rename_positions(apps, schema_editor, mapping=POSITIONS):
    for name in ("OperationalUseRequest", "HistoricalOperationalUseRequest"):
        model = apps.get_model("forums", name)
        for old, new in mapping.items():
            model.objects.filter(provider_position=old).update(provider_position=new)


def restore_decisions(apps, schema_editor):
    rename_positions(apps, schema_editor, {new: old for old, new in POSITIONS.items()})


class Migration(migrations.Migration):
    dependencies = [("forums", "0005_no_marking_against_national_authorities")]

    operations = [
        migrations.RemoveConstraint(
            model_name="operationaluserequest", name="use_request_conditions_stated"
        ),
        *[
            migrations.RenameField(model_name=model, old_name=old, new_name=new)
            for model in ("operationaluserequest", "historicaloperationaluserequest")
            for old, new in RENAMES
        ],
        migrations.AlterModelOptions(
            name="historicaloperationaluserequest",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical operational-use discussion",
                "verbose_name_plural": "historical operational-use discussions",
            },
        ),
        migrations.AlterModelOptions(
            name="operationaluserequest",
            options={
                "ordering": ["-requested_at", "-pk"],
                "verbose_name": "operational-use discussion",
                "verbose_name_plural": "operational-use discussions",
            },
        ),
        migrations.AlterField(
            model_name="historicaloperationaluserequest",
            name="position_details",
            field=models.TextField(blank=True, verbose_name="conditions or concerns"),
        ),
        migrations.AlterField(
            model_name="historicaloperationaluserequest",
            name="position_stated_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="position stated at"),
        ),
        migrations.AlterField(
            model_name="historicaloperationaluserequest",
            name="provider_position",
            field=models.CharField(
                choices=[
                    ("awaited", "Awaiting the provider's position"),
                    ("agrees", "The provider agrees"),
                    ("agrees_with_conditions", "The provider agrees with conditions"),
                    ("has_concerns", "The provider has concerns"),
                ],
                default="awaited",
                max_length=25,
                verbose_name="position of the provider",
            ),
        ),
        migrations.AlterField(
            model_name="historicaloperationaluserequest",
            name="requested_at",
            field=models.DateTimeField(
                blank=True, editable=False, verbose_name="discussion opened at"
            ),
        ),
        migrations.AlterField(
            model_name="historicaloperationaluserequest",
            name="requesting_state",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="directory.state",
                verbose_name="State considering the use",
            ),
        ),
        migrations.AlterField(
            model_name="operationaluserequest",
            name="position_details",
            field=models.TextField(blank=True, verbose_name="conditions or concerns"),
        ),
        migrations.AlterField(
            model_name="operationaluserequest",
            name="position_stated_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="position stated at"),
        ),
        migrations.AlterField(
            model_name="operationaluserequest",
            name="provider_position",
            field=models.CharField(
                choices=[
                    ("awaited", "Awaiting the provider's position"),
                    ("agrees", "The provider agrees"),
                    ("agrees_with_conditions", "The provider agrees with conditions"),
                    ("has_concerns", "The provider has concerns"),
                ],
                default="awaited",
                max_length=25,
                verbose_name="position of the provider",
            ),
        ),
        migrations.AlterField(
            model_name="operationaluserequest",
            name="requested_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="discussion opened at"),
        ),
        migrations.AlterField(
            model_name="operationaluserequest",
            name="requesting_state",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="directory.state",
                verbose_name="State considering the use",
            ),
        ),
        migrations.RunPython(rename_positions, restore_decisions),
        migrations.AddConstraint(
            model_name="operationaluserequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("provider_position", "agrees_with_conditions"), _negated=True),
                    models.Q(("position_details", ""), _negated=True),
                    _connector="OR",
                ),
                name="use_discussion_conditions_stated",
                violation_error_message="State the conditions.",
            ),
        ),
    ]
