from django.db import migrations, models


def codes_from_reasons(apps, schema_editor):
    PanelDecision = apps.get_model("drift", "PanelDecision")
    for row in PanelDecision.objects.only("pk", "reasons"):
        codes = [reason["code"] for reason in row.reasons]
        PanelDecision.objects.filter(pk=row.pk).update(reason_codes=f",{','.join(codes)}," if codes else "")


class Migration(migrations.Migration):
    dependencies = [
        ("drift", "0001_drift_panels"),
    ]

    operations = [
        migrations.AddField(
            model_name="paneldecision",
            name="reason_codes",
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.RunPython(codes_from_reasons, migrations.RunPython.noop),
    ]
