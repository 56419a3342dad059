import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every member of staff belongs to an authority (no user exists without one)."""

    dependencies = [("organisations", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="authority",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="staff", to="organisations.authority"
            ),
        ),
    ]
