"""ToR arts. 13 and 19: the categories a)-g) are optional, and an item may carry a free
subject besides them or without them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("forums", "0007_briefings_cleared_by_consensus")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="other_subject",
            field=models.CharField(
                blank=True,
                help_text="Any other subject you deem relevant, besides the categories of ToR art. 19 or instead of them.",
                max_length=300,
                verbose_name="other subject",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="other_subject",
            field=models.CharField(
                blank=True,
                help_text="Any other subject you deem relevant, besides the categories of ToR art. 19 or instead of them.",
                max_length=300,
                verbose_name="other subject",
            ),
        ),
        migrations.AddField(
            model_name="historicalplatformitem",
            name="other_subject",
            field=models.CharField(
                blank=True,
                help_text="Any other subject you deem relevant, besides the categories of ToR art. 19 or instead of them.",
                max_length=300,
                verbose_name="other subject",
            ),
        ),
        migrations.AddField(
            model_name="platformitem",
            name="other_subject",
            field=models.CharField(
                blank=True,
                help_text="Any other subject you deem relevant, besides the categories of ToR art. 19 or instead of them.",
                max_length=300,
                verbose_name="other subject",
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="categories",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="forums.informationcategory",
                verbose_name="categories of information (ToR art. 19)",
            ),
        ),
        migrations.AlterField(
            model_name="platformitem",
            name="categories",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="forums.informationcategory",
                verbose_name="categories of information (ToR art. 19)",
            ),
        ),
    ]
