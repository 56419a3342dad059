"""Search blocking at national size (issue 17 §2): every blocking index starts with the authority,
and other names carry their person's authority so that their surname-key block does too."""

import django.db.models.deletion
from django.db import migrations, models

# Portable (SQLite and PostgreSQL): each other name takes its person's authority.
FILL_AUTHORITY = """
UPDATE people_personname SET authority_id = (
    SELECT p.authority_id FROM people_person p WHERE p.id = people_personname.person_id
)
"""


def fill_authority(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "postgresql":
            # Checked now rather than at commit: pending checks would stop the ALTER that follows.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(FILL_AUTHORITY)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_role_social_work_assistant"),
        ("people", "0002_linkage_weights_and_name_key_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="person", name="person_name_keys"),
        migrations.RemoveIndex(model_name="person", name="person_first_key_born"),
        migrations.AddField(
            model_name="personname",
            name="authority",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisations.authority",
            ),
        ),
        migrations.RunPython(fill_authority, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="personname",
            name="authority",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.authority"
            ),
        ),
        migrations.AlterField(
            model_name="personname",
            name="last_name_key",
            field=models.CharField(blank=True, max_length=12),
        ),
        migrations.AddIndex(
            model_name="address",
            index=models.Index(fields=["authority", "postcode"], name="address_authority_postcode"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["authority", "last_name_key", "first_name_key", "date_of_birth"],
                include=["id"],
                name="person_name_keys",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                fields=["authority", "first_name_key", "date_of_birth"], include=["id"], name="person_first_key_born"
            ),
        ),
        migrations.AddIndex(
            model_name="personname",
            index=models.Index(
                fields=["authority", "last_name_key"], include=["person"], name="person_name_authority_key"
            ),
        ),
    ]
