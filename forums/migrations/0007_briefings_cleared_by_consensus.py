"""Art. 22 read as consensus, not unanimity: the Chair circulates a briefing with the date
by which the States may object; passages attributable to a State need its consent.

Existing briefings: one every State that took part had agreed to (current text, no
objection standing) was cleared under the old reading and stays cleared — its date is the
day of the last of those agreements; any other has not been circulated with a date yet and
waits for the Chair to circulate it (silence cannot count where no date was given). The
States each text names are recorded as those whose consent it needs."""

from django.db import migrations, models
from django.utils import timezone


def circulate_existing_briefings(apps, schema_editor):
    Briefing = apps.get_model("forums", "Briefing")
    BriefingPosition = apps.get_model("forums", "BriefingPosition")
    Participation = apps.get_model("meetings", "Participation")
    if not Briefing.objects.exists():
        return
    # The detection of names reads the States as they are today (six languages, codes).
    from forums.selectors.briefings import states_named_in

    for briefing in Briefing.objects.all():
        briefing.attributable_to.set([s.pk for s in states_named_in(briefing.text)])
        taking_part = set(
            Participation.objects.filter(
                meeting_id=briefing.meeting_id, attended=True, person__state__isnull=False
            ).values_list("person__state_id", flat=True)
        )
        positions = list(BriefingPosition.objects.filter(briefing=briefing))
        presenting = set(briefing.based_on.values_list("case__provider_state_id", flat=True))
        if any(
            p.position == "object" and p.state_id in taking_part | presenting for p in positions
        ):
            continue
        agreements = [
            p for p in positions if p.position == "agree" and p.revision == briefing.revision
        ]
        if taking_part and taking_part <= {p.state_id for p in agreements}:
            last = max(p.recorded_at for p in agreements)
            Briefing.objects.filter(pk=briefing.pk).update(
                objections_due_on=timezone.localtime(last).date()
            )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_state_trade_profile"),
        ("meetings", "0005_nominations_attendance_and_messages"),
        ("forums", "0006_operational_use_discussed_with_the_provider"),
    ]

    operations = [
        migrations.AddField(
            model_name="briefing",
            name="objections_due_on",
            field=models.DateField(blank=True, null=True, verbose_name="objections by"),
        ),
        migrations.AddField(
            model_name="historicalbriefing",
            name="objections_due_on",
            field=models.DateField(blank=True, null=True, verbose_name="objections by"),
        ),
        migrations.AddField(
            model_name="briefing",
            name="attributable_to",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="directory.state",
                verbose_name="States to which passages are attributable",
            ),
        ),
        migrations.RunPython(circulate_existing_briefings, migrations.RunPython.noop),
    ]
