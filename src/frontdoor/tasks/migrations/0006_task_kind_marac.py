from django.db import migrations, models


def marac_actions_as_their_own_kind(apps, schema_editor):
    """MARAC actions were tasks of kind "other" set by a domestic abuse notification, their words
    starting "MARAC action: ": give them their kind and drop the prefix the kind now says."""
    Task = apps.get_model("tasks", "Task")
    prefix = "MARAC action: "
    rows = Task.objects.filter(kind="other", source_type="domestic_abuse.notification")
    for task in rows.only("pk", "what"):
        what = task.what.removeprefix(prefix)
        Task.objects.filter(pk=task.pk).update(kind="marac", what=what)


def back_to_other(apps, schema_editor):
    Task = apps.get_model("tasks", "Task")
    for task in Task.objects.filter(kind="marac").only("pk", "what"):
        Task.objects.filter(pk=task.pk).update(kind="other", what=f"MARAC action: {task.what}")


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0005_task_kinds_allegation_meetings_complaints_drift_panels"),
    ]

    operations = [
        migrations.AlterField(
            model_name="task",
            name="kind",
            field=models.CharField(
                choices=[
                    ("strategy_discussion", "Strategy discussion"),
                    ("core_group", "Core group"),
                    ("exploitation_meeting", "Exploitation meeting"),
                    ("allegation_meeting", "Allegation management meeting"),
                    ("drift_panel", "Drift panel"),
                    ("case_audit", "Case file audit"),
                    ("supervision", "Supervision"),
                    ("case_note", "Case note"),
                    ("plan", "Plan"),
                    ("complaint", "Learning from a complaint"),
                    ("marac", "MARAC action"),
                    ("other", "Other"),
                ],
                max_length=24,
            ),
        ),
        migrations.RunPython(marac_actions_as_their_own_kind, back_to_other),
    ]
