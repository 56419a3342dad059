"""Screenshots for the user guides, taken from a running demo (`make demo`) in headless Chromium.

.venv/bin/python docs/screenshots.py [--base http://127.0.0.1:8000] [--out docs/images]

Run it with the demo's FRONTDOOR_DATA_DIR: the records shown (a child on a child protection plan, a
missing episode, an early help case) are picked from the demo database.
"""

import argparse
import os
from datetime import timedelta
from pathlib import Path

import django
from django.db.models import Count
from django.utils import timezone
from playwright.sync_api import Page, sync_playwright

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings.dev")
# Playwright's sync API runs an event loop in this thread; the script only reads the demo database
# to pick records, between page loads, so Django's guard against ORM calls in async code is lifted.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
django.setup()

from frontdoor.access.models import Restriction  # noqa: E402
from frontdoor.allegations.models import Allegation  # noqa: E402
from frontdoor.casenotes.models import CaseNote  # noqa: E402
from frontdoor.child_protection.models import EmergencyProtection, ProtectionPlan  # noqa: E402
from frontdoor.complaints.models import Complaint  # noqa: E402
from frontdoor.domestic_abuse.models import Notification  # noqa: E402
from frontdoor.missing.models import MissingEpisode  # noqa: E402
from frontdoor.plans.models import PlanContent  # noqa: E402
from frontdoor.synthetic.demo import DEMO_PASSWORD as PASSWORD  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def shoot(page: Page, out: Path, name: str, *, full: bool = True) -> None:
    page.screenshot(path=str(out / f"{name}.png"), full_page=full)
    print(f"{out / name}.png")  # noqa: T201


def casework(page: Page, base: str, out: Path) -> None:
    """A child on a child protection plan: their page, the referral, the conference and the plan."""
    plan = ProtectionPlan.objects.filter(referral__assessments__isnull=False).order_by("-pk").first()
    if plan is None:
        return
    sign_in(page, base, "worker")
    page.goto(f"{base}/people/{plan.person_id}/")
    shoot(page, out, "child")
    page.goto(f"{base}/referrals/{plan.referral_id}/")
    shoot(page, out, "referral-casework")
    page.goto(f"{base}/child-protection/plans/{plan.pk}/")
    shoot(page, out, "child-protection-plan")
    emergency = EmergencyProtection.objects.order_by("-started_at").first()
    if emergency is not None:
        page.goto(f"{base}/child-protection/episodes/{emergency.referral_id}/")
        shoot(page, out, "emergency-protection")
    sign_out(page)


def case_record(page: Page, base: str, out: Path) -> None:
    """Issue 16, the case record: a child's notes, a note with the child's words, the documents, a
    plan with outcomes, actions and progress, a review conference form recording progress per
    outcome, the family's version, and the child's warnings to staff."""
    content = (
        PlanContent.objects.filter(kind="cp")
        .annotate(meetings=Count("outcomes__progress__review_id", distinct=True))
        .order_by("-meetings", "-pk")
        .first()
    )
    note = CaseNote.objects.exclude(childs_words="").order_by("-occurred_at").first()
    sign_in(page, base, "worker")
    if note is not None:
        child = note.note_children.first().person_id
        page.goto(f"{base}/notes/child/{child}/")
        shoot(page, out, "case-notes")
        page.goto(f"{base}/notes/{note.pk}/")
        shoot(page, out, "case-note")
        page.goto(f"{base}/notes/child/{child}/documents/")
        shoot(page, out, "documents", full=False)
    if content is not None:
        page.goto(f"{base}/plans/cp/{content.plan_id}/")
        shoot(page, out, "plan-content")
        page.goto(f"{base}/plans/cp/{content.plan_id}/family/")
        shoot(page, out, "plan-family")
        page.goto(f"{base}/child-protection/plans/{content.plan_id}/review/")
        shoot(page, out, "review-conference-progress")
        page.goto(f"{base}/people/{content.person_id}/warnings/")
        page.get_by_label("Warning").fill("Dog at address: ask for it to be shut away before going in")
        when = timezone.localdate() + timedelta(days=90)
        page.fill("input[name=review_on_day]", str(when.day))
        page.fill("input[name=review_on_month]", str(when.month))
        page.fill("input[name=review_on_year]", str(when.year))
        page.get_by_role("button", name="Add the warning").click()
        shoot(page, out, "staff-warnings")
    sign_out(page)


def oversight_pages(page: Page, base: str, out: Path) -> None:
    """The managers' and leaders' pages beyond the front door."""
    sign_in(page, base, "manager")
    for path, name in (
        ("/missing/", "missing"),
        ("/supervision/", "supervision"),
        ("/early-help/", "early-help"),
        ("/drift/", "drift-list"),
        ("/drift/changes/", "drift-changes"),
    ):
        page.goto(f"{base}{path}")
        shoot(page, out, name, full=False)  # long lists: the top of the page
    sign_out(page)
    sign_in(page, base, "qa")
    page.goto(f"{base}/quality/")
    shoot(page, out, "quality")
    page.goto(f"{base}/returns/")
    shoot(page, out, "returns")
    sign_out(page)


def partner_and_audit(page: Page, base: str, out: Path) -> None:
    """The partner portal, the API documentation, and the auditor's access log."""
    sign_in(page, base, "school")
    page.goto(f"{base}/portal/")
    shoot(page, out, "portal")
    page.goto(f"{base}/portal/meetings/child-protection/")
    shoot(page, out, "portal-meetings")
    sign_out(page)
    page.goto(f"{base}/api/v1/docs/")
    shoot(page, out, "api-docs", full=False)
    plan = ProtectionPlan.objects.order_by("-pk").first()
    if plan is not None:
        sign_in(page, base, "auditor")
        page.goto(f"{base}/audit/people/{plan.person_id}/access/")
        shoot(page, out, "access-log")
        sign_out(page)


def oversight_and_trust(page: Page, base: str, out: Path) -> None:
    """The board's child protection stage, restricted records and break-glass, missing children's
    interviews not offered, exploitation actions, audit templates and the return interview figure."""
    sign_in(page, base, "manager")
    for path, name, full in (
        ("/board/?stage=strategy_s47", "board-protection", False),
        ("/access/restrictions/", "restrictions", True),
        ("/exploitation/actions/", "exploitation-actions", False),
    ):
        page.goto(f"{base}{path}")
        shoot(page, out, name, full=full)
    episode = (
        MissingEpisode.objects.filter(returned_at__isnull=False, interview__isnull=True)
        .order_by("-pk")
        .first()
    )
    if episode is not None:
        page.goto(f"{base}/missing/{episode.pk}/interview/not-offered/")
        shoot(page, out, "missing-not-offered")
    sign_out(page)
    restricted = Restriction.objects.filter(lifted_at__isnull=True).exclude(owner__username="manager").first()
    if restricted is not None:
        sign_in(page, base, "officer")
        page.goto(f"{base}/access/people/{restricted.person_id}/break-glass/")
        shoot(page, out, "break-glass")
        sign_out(page)
    sign_in(page, base, "leader")
    page.goto(f"{base}/performance/return-interviews/")
    shoot(page, out, "performance-return-interviews")
    sign_out(page)
    sign_in(page, base, "qa")
    page.goto(f"{base}/quality/templates/")
    shoot(page, out, "audit-templates")
    sign_out(page)


def allegations(page: Page, base: str, out: Path) -> None:
    """The designated officer's allegation (one with a meeting) and the annual summary."""
    shown = Allegation.objects.filter(meetings__isnull=False).order_by("-received_at").first()
    if shown is None:
        return
    sign_in(page, base, "lado")
    page.goto(f"{base}/allegations/{shown.pk}/")
    shoot(page, out, "allegation")
    page.goto(f"{base}/allegations/summary/")
    shoot(page, out, "allegations-summary")


def complaints_and_notes(page: Page, base: str, out: Path) -> None:
    """Issue 19: the complaints manager's list and a complaint at stage 2 (or any), the stage 1
    figure on the dashboard, and the demo worker's practice notes."""
    sign_in(page, base, "qa")
    page.goto(f"{base}/complaints/")
    shoot(page, out, "complaints", full=False)
    chosen = (
        Complaint.objects.filter(stages__stage=2).order_by("-pk").first()
        or Complaint.objects.order_by("-pk").first()
    )
    if chosen is not None:
        page.goto(f"{base}/complaints/{chosen.pk}/")
        shoot(page, out, "complaint")
    page.goto(f"{base}/performance/complaints-stage1/")
    shoot(page, out, "complaints-figure", full=False)
    sign_out(page)
    sign_in(page, base, "worker")
    page.goto(f"{base}/quality/notes/")
    shoot(page, out, "practice-notes", full=False)
    sign_out(page)


def domestic_abuse(page: Page, base: str, out: Path) -> None:
    """The contact officer's domestic abuse page (schools to tell, told late) and a high-risk
    notification with MARAC, from the manager's sign-in."""
    sign_in(page, base, "officer")
    page.goto(f"{base}/domestic-abuse/")
    shoot(page, out, "domestic-abuse", full=False)
    sign_out(page)
    listed = Notification.objects.filter(marac_date__isnull=False).order_by("-received_at").first()
    if listed is not None:
        sign_in(page, base, "manager")
        page.goto(f"{base}/domestic-abuse/{listed.pk}/")
        shoot(page, out, "domestic-abuse-notification")
        sign_out(page)


def inspectors_counts(page: Page, base: str, out: Path) -> None:
    """Issue 19 §5: a return interview held (its own 72-hour clock, whom the child would prefer),
    disruption activity on a child's exploitation page, and children at their conferences."""
    from frontdoor.exploitation.models import Disruption

    sign_in(page, base, "manager")
    held = (
        MissingEpisode.objects.filter(interview__completed_at__isnull=False, interview__asked_preference=True)
        .order_by("-returned_at")
        .first()
    )
    if held is not None:
        page.goto(f"{base}/missing/{held.pk}/")
        shoot(page, out, "return-interview-held")
    page.goto(f"{base}/performance/return-interviews-held/")
    shoot(page, out, "return-interviews-held-figure", full=False)
    page.goto(f"{base}/performance/conference-participation/")
    shoot(page, out, "conference-participation", full=False)
    disruption = Disruption.objects.order_by("-taken_on").first()
    if disruption is not None:
        child = disruption.children.first()
        if child is not None:
            page.goto(f"{base}/exploitation/child/{child.pk}/")
            shoot(page, out, "disruption")
    sign_out(page)


def workforce(page: Page, base: str, out: Path) -> None:
    """Issue 20 §3: "Can our teams cope?" for the senior leader (the authority, the teams compared,
    one team's workers) and the demo team manager's own team."""
    from frontdoor.organisations.models import Team

    sign_in(page, base, "leader")
    page.goto(f"{base}/workforce/")
    shoot(page, out, "workforce-cope")
    busiest = Team.objects.filter(is_front_door=False).order_by("name").first()
    if busiest is not None:
        page.goto(f"{base}/workforce/teams/{busiest.pk}/workers/")
        shoot(page, out, "workforce-workers", full=False)
    sign_out(page)
    # The demo manager's team has no vacancy yet: entering one with an impossible FTE shows the form
    # and its answer beside the field.
    sign_in(page, base, "manager")
    page.goto(f"{base}/workforce/vacancies/new/")
    page.locator("select[name=team]").select_option(index=1)
    page.fill("input[name=fte]", "1.5")
    page.fill("input[name=opened_on_day]", "2")
    page.fill("input[name=opened_on_month]", "11")
    page.fill("input[name=opened_on_year]", str(timezone.localdate().year))
    page.get_by_role("button", name="Save").click()
    shoot(page, out, "workforce-vacancies")
    sign_out(page)


def what_is_coming(page: Page, base: str, out: Path) -> None:
    """Issue 20 §4: projected demand with its bands, the comparison and the capacity table."""
    sign_in(page, base, "leader")
    page.goto(f"{base}/performance/what-is-coming/")
    shoot(page, out, "what-is-coming", full=False)
    page.goto(f"{base}/performance/what-is-coming/#capacity")
    shoot(page, out, "what-is-coming-capacity", full=False)
    page.goto(f"{base}/performance/what-is-coming/#open_cases")
    shoot(page, out, "what-is-coming-open-cases", full=False)
    sign_out(page)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/images")
    parser.add_argument("--only", help="take one group of screenshots, e.g. case_record")
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    base = options.base
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        if options.only:
            globals()[options.only](page, base, out)
            browser.close()
            return
        page.goto(f"{base}/sign-in/")
        shoot(page, out, "sign-in")

        sign_in(page, base, "officer")
        page.goto(f"{base}/contacts/new/")
        page.fill("input[name=last_name]", "Smith")
        page.get_by_role("button", name="Search").click()
        shoot(page, out, "search")
        page.get_by_role("button", name="Sign out").click()

        sign_in(page, base, "manager")
        page.goto(f"{base}/contacts/")
        shoot(page, out, "queue", full=False)
        page.locator("[data-testid=queue] tbody tr a").first.click()
        shoot(page, out, "contact")
        page.goto(f"{base}/board/")
        shoot(page, out, "board", full=False)
        page.goto(f"{base}/board/?stage=not_seen")
        shoot(page, out, "board-not-seen", full=False)
        page.locator("[data-testid=after-row] a").first.click()
        shoot(page, out, "referral")
        page.goto(f"{base}/contacts/daily-review/")
        shoot(page, out, "daily-review", full=False)
        page.goto(f"{base}/other-pages/")
        shoot(page, out, "other-pages", full=False)
        page.goto(f"{base}/performance/")
        shoot(page, out, "performance")
        sign_out(page)
        casework(page, base, out)
        case_record(page, base, out)
        domestic_abuse(page, base, out)
        oversight_pages(page, base, out)
        partner_and_audit(page, base, out)
        oversight_and_trust(page, base, out)
        allegations(page, base, out)
        complaints_and_notes(page, base, out)
        workforce(page, base, out)
        what_is_coming(page, base, out)
        browser.close()


if __name__ == "__main__":
    main()
