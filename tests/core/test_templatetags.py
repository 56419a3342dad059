"""govuk template tags: dates as people say them, durations, RAG and due tags, with exact strings."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from frontdoor.contacts.models import Rag
from frontdoor.core.forms import LONDON
from frontdoor.core.templatetags.govuk import (
    duration,
    govuk_date,
    govuk_datetime,
    rag_tag,
    time_ago,
)

NOW = datetime(2026, 3, 24, 9, 0, tzinfo=LONDON)  # Tue 24 Mar 2026, 09:00 (GMT)


def render(source: str, **context) -> str:
    return Template("{% load govuk %}" + source).render(Context(context))


class TestDates:
    def test_a_date_reads_as_people_say_it(self):
        assert govuk_date(date(2026, 3, 24)) == "Tue 24 Mar 2026"

    def test_a_datetime_shows_its_london_date(self):
        assert govuk_date(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == "Wed 1 Jul 2026"

    def test_a_datetime_in_winter_is_gmt(self):
        assert govuk_datetime(datetime(2026, 3, 24, 14, 5, tzinfo=UTC)) == "Tue 24 Mar 2026, 14:05"

    def test_a_datetime_in_summer_is_bst(self):
        assert govuk_datetime(datetime(2026, 7, 1, 13, 5, tzinfo=UTC)) == "Wed 1 Jul 2026, 14:05"

    def test_nothing_shows_as_blank(self):
        assert govuk_date(None) == ""
        assert govuk_datetime(None) == ""

    def test_filters_work_in_templates(self):
        value = datetime(2026, 3, 24, 14, 5, tzinfo=UTC)
        assert render("{{ v|govuk_date }} | {{ v|govuk_datetime }}", v=value) == (
            "Tue 24 Mar 2026 | Tue 24 Mar 2026, 14:05"
        )


class TestDurations:
    @pytest.mark.parametrize(
        ("delta", "words"),
        [
            (timedelta(days=2, hours=3, minutes=10), "2 days 3 hours"),
            (timedelta(days=1), "1 day"),
            (timedelta(hours=3, minutes=5), "3 hours 5 minutes"),
            (timedelta(hours=1), "1 hour"),
            (timedelta(minutes=45), "45 minutes"),
            (timedelta(minutes=1, seconds=59), "1 minute"),
            (timedelta(seconds=30), "less than a minute"),
            (timedelta(hours=-2), "2 hours"),
        ],
    )
    def test_duration_names_the_two_largest_units(self, delta, words):
        assert duration(delta) == words

    def test_duration_of_nothing_is_blank(self):
        assert duration(None) == ""

    def test_time_ago_in_the_past_and_the_future(self):
        assert time_ago(NOW - timedelta(days=2, hours=3), NOW) == "2 days 3 hours ago"
        assert time_ago(NOW + timedelta(hours=2), NOW) == "in 2 hours"
        assert time_ago(None, NOW) == ""


class TestRagTag:
    @pytest.mark.parametrize(
        ("rag", "html"),
        [
            ("red", '<strong class="govuk-tag govuk-tag--red app-rag">Red</strong>'),
            ("amber", '<strong class="govuk-tag govuk-tag--orange app-rag">Amber</strong>'),
            (Rag.GREEN, '<strong class="govuk-tag govuk-tag--green app-rag">Green</strong>'),
            ("", '<strong class="govuk-tag govuk-tag--grey app-rag">Not set</strong>'),
            (None, '<strong class="govuk-tag govuk-tag--grey app-rag">Not set</strong>'),
        ],
    )
    def test_the_rating_is_in_words_not_colour_alone(self, rag, html):
        assert rag_tag(rag) == html

    def test_in_a_template(self):
        assert render("{% rag_tag rag %}", rag="red") == (
            '<strong class="govuk-tag govuk-tag--red app-rag">Red</strong>'
        )


def clock(due_at, completed_at=None, paused_at=None):
    return SimpleNamespace(due_at=due_at, completed_at=completed_at, paused_at=paused_at)


def due(clock_, now=NOW) -> str:
    return render("{% due_tag clock now=now %}", clock=clock_, now=now)


def tag(colour: str, text: str) -> str:
    return f'<strong class="govuk-tag govuk-tag--{colour} app-tag">{text}</strong>'


class TestDueTag:
    def test_overdue_is_red(self):
        assert due(clock(NOW - timedelta(hours=3))) == tag("red", "Overdue by 3 hours")

    def test_due_within_four_hours_is_yellow(self):
        assert due(clock(NOW + timedelta(hours=2))) == tag("yellow", "Due in 2 hours")

    def test_due_later_today_is_yellow(self):
        assert due(clock(NOW + timedelta(hours=8))) == tag("yellow", "Due in 8 hours")

    def test_due_on_a_later_day_shows_the_day(self):
        assert due(clock(NOW + timedelta(hours=20))) == tag("grey", "Due Wed 25 Mar")

    def test_met_when_completed_in_time(self):
        assert due(clock(NOW, completed_at=NOW - timedelta(minutes=5))) == tag("green", "Met")

    def test_missed_when_completed_late(self):
        late = clock(NOW, completed_at=NOW + timedelta(days=1, hours=2))
        assert due(late) == tag("red", "Missed by 1 day 2 hours")

    def test_a_paused_clock_says_so(self):
        assert due(clock(NOW - timedelta(hours=1), paused_at=NOW - timedelta(hours=2))) == tag(
            "grey", "Paused"
        )

    def test_no_clock_renders_nothing(self):
        assert due(None) == ""

    def test_now_defaults_to_the_current_time(self):
        assert render("{% due_tag clock %}", clock=clock(datetime(2000, 1, 1, tzinfo=UTC))).startswith(
            '<strong class="govuk-tag govuk-tag--red app-tag">Overdue by '
        )


class TestNavigation:
    def test_a_url_name_that_does_not_exist_renders_nothing(self, rf):
        output = render('{% service_nav_item "no:such" "Nowhere" %}', request=rf.get("/"))
        assert output.strip() == ""

    def test_the_current_page_is_marked(self, rf):
        request = rf.get("/")
        request.resolver_match = SimpleNamespace(view_name="home")
        output = render('{% service_nav_item "home" "Front door queue" %}', request=request)
        assert "govuk-service-navigation__item--active" in output
        assert 'aria-current="page"' in output
