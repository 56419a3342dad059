"""access.Notification (break-glass notices) becomes notifications.Notification, the one outbox.

Every notice is kept: copied as it stands (title, body, when, read or not) with the kind
"break_glass" and the event key the grant now uses, so the outbox never tells the owner again. They
were emailed when written, so they get no Delivery. Reversing copies them back.
"""

from django.db import migrations

LINK = "/access/restrictions/"


def _key(notice):
    return f"break_glass:{notice.break_glass_id}" if notice.break_glass_id else f"access_notice:{notice.pk}"


def forwards(apps, schema_editor):
    old = apps.get_model("access", "Notification")
    new = apps.get_model("notifications", "Notification")
    new.objects.bulk_create(
        [
            new(
                authority_id=n.authority_id,
                recipient_id=n.recipient_id,
                kind="break_glass",
                event_key=_key(n),
                title=n.title[:200],
                body=n.body,
                link=LINK,
                created_at=n.created_at,
                read_at=n.read_at,
            )
            for n in old.objects.order_by("pk").iterator()
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


def backwards(apps, schema_editor):
    old = apps.get_model("access", "Notification")
    new = apps.get_model("notifications", "Notification")
    for n in new.objects.filter(kind="break_glass").order_by("pk").iterator():
        glass = n.event_key.removeprefix("break_glass:")
        old.objects.create(
            authority_id=n.authority_id,
            recipient_id=n.recipient_id,
            created_at=n.created_at,
            title=n.title,
            body=n.body,
            break_glass_id=int(glass) if glass.isdigit() else None,
            read_at=n.read_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0002_team_involvement"),
        ("notifications", "0001_outbox"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="Notification"),
    ]
