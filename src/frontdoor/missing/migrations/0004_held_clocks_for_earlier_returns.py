"""The 72-hour clock for holding the return interview (`rhi_held`, issue 19 §5) for episodes whose
child returned before it existed, so the "held within 72 hours" figure counts them too. The standard
runs 72 clock hours from the return (weekends and bank holidays count), so its due time needs no
calendar; it ended when the interview was held, or when the child declined the offer."""

from datetime import timedelta

from django.db import migrations

HELD_HOURS = 72


def start_held_clocks(apps, schema_editor):
    Clock = apps.get_model("clocks", "Clock")
    MissingEpisode = apps.get_model("missing", "MissingEpisode")
    ReturnInterview = apps.get_model("missing", "ReturnInterview")
    interviews = {i.episode_id: i for i in ReturnInterview.objects.all()}
    episodes = MissingEpisode.objects.filter(returned_at__isnull=False, held_clock__isnull=True)
    for episode in episodes.iterator():
        interview = interviews.get(episode.pk)
        ended = None
        if interview is not None:
            ended = interview.completed_at or (interview.offered_at if interview.accepted is False else None)
        clock = Clock.objects.create(
            authority_id=episode.authority_id,
            standard="rhi_held",
            person_id=episode.person_id,
            subject_type="missing.missingepisode",
            subject_id=episode.pk,
            started_at=episode.returned_at,
            due_at=episode.returned_at + timedelta(hours=HELD_HOURS),
            completed_at=ended,
        )
        MissingEpisode.objects.filter(pk=episode.pk).update(held_clock=clock)


class Migration(migrations.Migration):
    dependencies = [
        ("missing", "0003_return_interview_held_and_preference"),
        ("clocks", "0002_initial"),
    ]

    operations = [migrations.RunPython(start_held_clocks, migrations.RunPython.noop)]
