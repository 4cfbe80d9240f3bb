"""ToR art. 16: participants may share all they learn at the forum with their national
authorities under strict confidentiality, so the marking "strictly confidential: not to
be shared with national authorities" goes; items that carried it become confidential,
as everything of the forum is (art. 14). Their history keeps the marking they had."""

from django.db import migrations, models

REMOVED = "strictly_confidential"


def to_confidential(apps, schema_editor):
    for name in ("Case", "PlatformItem"):
        apps.get_model("forums", name).objects.filter(marking=REMOVED).update(
            marking="confidential"
        )


class Migration(migrations.Migration):
    dependencies = [("forums", "0004_distinct_names_for_positions")]

    operations = [
        migrations.RunPython(to_confidential, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="case",
            name="marking",
            field=models.CharField(
                choices=[("confidential", "Confidential")],
                default="confidential",
                max_length=30,
                verbose_name="confidentiality marking",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="marking",
            field=models.CharField(
                choices=[("confidential", "Confidential")],
                default="confidential",
                max_length=30,
                verbose_name="confidentiality marking",
            ),
        ),
        migrations.AlterField(
            model_name="historicalplatformitem",
            name="marking",
            field=models.CharField(
                choices=[("confidential", "Confidential")],
                default="confidential",
                max_length=30,
                verbose_name="confidentiality marking",
            ),
        ),
        migrations.AlterField(
            model_name="platformitem",
            name="marking",
            field=models.CharField(
                choices=[("confidential", "Confidential")],
                default="confidential",
                max_length=30,
                verbose_name="confidentiality marking",
            ),
        ),
    ]
