from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0007_staff_employment_and_caseload_threshold"),
    ]

    operations = [
        migrations.AddField(
            model_name="authority",
            name="drift_cp_visit_days",
            field=models.PositiveSmallIntegerField(default=14),
        ),
        migrations.AddField(
            model_name="authority",
            name="drift_cin_visit_days",
            field=models.PositiveSmallIntegerField(default=28),
        ),
    ]
