"""ToR art. 15: a non-state expert may be challenged as a State may; remedial measures go
with an acknowledged disclosure only."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("forums", "0008_optional_categories_and_other_subject"),
    ]

    operations = [
        migrations.AddField(
            model_name="disclosurechallenge",
            name="challenged_expert",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="challenged non-state expert",
            ),
        ),
        migrations.AddField(
            model_name="disclosurechallenge",
            name="disclosure_acknowledged",
            field=models.BooleanField(
                blank=True, null=True, verbose_name="an unauthorised disclosure is acknowledged"
            ),
        ),
        migrations.AddField(
            model_name="historicaldisclosurechallenge",
            name="challenged_expert",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="challenged non-state expert",
            ),
        ),
        migrations.AddField(
            model_name="historicaldisclosurechallenge",
            name="disclosure_acknowledged",
            field=models.BooleanField(
                blank=True, null=True, verbose_name="an unauthorised disclosure is acknowledged"
            ),
        ),
        migrations.AlterField(
            model_name="disclosurechallenge",
            name="challenged_state",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="directory.state",
                verbose_name="challenged State",
            ),
        ),
        migrations.AddConstraint(
            model_name="disclosurechallenge",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("challenged_state__isnull", False), ("challenged_expert__isnull", True)
                    ),
                    models.Q(
                        ("challenged_state__isnull", True), ("challenged_expert__isnull", False)
                    ),
                    _connector="OR",
                ),
                name="challenge_names_one_participant",
                violation_error_message="Challenge one State or one non-state expert.",
            ),
        ),
        migrations.AddConstraint(
            model_name="disclosurechallenge",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("remedial_measures", ""), ("disclosure_acknowledged", True), _connector="OR"
                ),
                name="remedies_only_for_an_acknowledged_disclosure",
                violation_error_message="Remedial measures go with an acknowledged disclosure only.",
            ),
        ),
    ]
