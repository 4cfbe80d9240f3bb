from django.db import migrations

CODES = "abcdefg"  # ToR art. 19 (a)-(g)


def create_categories(apps, schema_editor):
    category = apps.get_model("forums", "InformationCategory")
    for code in CODES:
        category.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_dief_material")]

    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
