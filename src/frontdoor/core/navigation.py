"""The staff menu, declared once: what each role sees in the service navigation, and the pages one
click further on ("Other pages"). Kept to one row: with every page in it the menu wrapped onto three
lines for a team manager. Each entry names the roles it is shown to; the pages themselves still
check permissions (organisations/permissions.py), and tests/core/test_navigation.py opens every
link as every role."""

from dataclasses import dataclass

from frontdoor.organisations.models import Role

STAFF = frozenset(
    {
        Role.CONTACT_OFFICER,
        Role.SOCIAL_WORKER,
        Role.SOCIAL_WORK_ASSISTANT,
        Role.TEAM_MANAGER,
        Role.SENIOR_LEADER,
        Role.QUALITY_ASSURANCE,
        Role.DESIGNATED_OFFICER,
    }
)
RECORD_CONTACTS = frozenset({Role.CONTACT_OFFICER, Role.SOCIAL_WORKER, Role.TEAM_MANAGER})  # contact.record
MANAGERS = frozenset({Role.TEAM_MANAGER, Role.SENIOR_LEADER})
DIRECTED = STAFF - {Role.SOCIAL_WORK_ASSISTANT}  # who may be given a direction or an audit action
OVERSEE = frozenset({Role.TEAM_MANAGER, Role.SENIOR_LEADER, Role.QUALITY_ASSURANCE})  # audit.view
PERFORMANCE_LEADS = frozenset({Role.SENIOR_LEADER, Role.QUALITY_ASSURANCE})  # returns.export


@dataclass(frozen=True)
class Page:
    url_name: str
    label: str
    roles: frozenset[str] = STAFF
    description: str = ""
    active_for: str = ""


OTHER_PAGES = (
    (
        "Children's cases",
        (
            Page(
                "child_protection:outstanding",
                "Conference papers not yet sent",
                description="Minutes, plans and outcomes each agency is still waiting for.",
            ),
            Page("early_help:list", "Early help", description="Children stepped down to early help."),
            Page(
                "domestic_abuse:overview",
                "Domestic abuse notifications",
                description="Police notifications, schools told (Operation Encompass) and MARAC.",
            ),
        ),
    ),
    (
        "Oversight and quality",
        (
            Page(
                "supervision:my_directions",
                "Directions and audit actions",
                DIRECTED,
                "What your manager or an audit asked you to do, and by when.",
            ),
            Page("quality:dashboard", "Case audits", OVERSEE, "Sampling, grading and moderation."),
            Page("supervision:team", "Supervision", OVERSEE, "Supervision records and directions given."),
            Page(
                "drift:list",
                "Drift panel",
                OVERSEE,  # drift.view
                "Children whose cases may be drifting, the panels held and what changed since.",
            ),
            Page(
                "workforce:cope",
                "Can our teams cope?",
                description="Caseloads, changes of social worker, supervision, agency staff and vacancies.",
            ),
            Page(
                "allegations:list",
                "Allegations (LADO)",
                MANAGERS,  # allegation.view: the allegations the designated officer has named them on
                "Allegations against people who work with children that you are named on.",
            ),
            Page(
                "quality:notes",
                "Practice notes",
                description="Concerns and good practice noted on a child's case, acknowledged and answered.",
            ),
            Page(
                "complaints:list",
                "Children's complaints",
                OVERSEE,  # complaint.view
                "Complaints at each stage, their timescales, outcomes and the learning.",
            ),
        ),
    ),
    (
        "The service",
        (
            Page(
                "clocks:calendar",
                "Standards and calendar",
                description="Statutory timescales and the working-day calendar they count in.",
            ),
            Page(
                "returns:index",
                "Statutory returns",
                PERFORMANCE_LEADS,
                "The Children in Need census and Ofsted Annex A.",
            ),
            Page(
                "performance:demand",
                "What is coming?",
                OVERSEE,  # demand.view
                "Contacts, referrals, assessments, plans and open cases projected for 12 months, and "
                "the social workers they need.",
            ),
            # These were reached from the old notices page (access), which became Notifications.
            Page(
                "identity:register",
                "Possible duplicate records",
                MANAGERS,  # duplicate.review
                "Pairs of records the daily scan thinks are one person: merge, or say they differ.",
            ),
            Page(
                "records:restrictions",
                "Restricted records",
                MANAGERS,  # restriction.view (the auditor has them in the menu)
                "Records restricted to a named list, their reviews, and break-glass uses.",
            ),
            Page(
                "retention:due",
                "Retention reviews",
                frozenset({Role.SENIOR_LEADER}),  # retention.view (and the auditor, in the menu)
                "Records due for a retention review under the authority's schedule.",
            ),
            Page(
                "notifications:list",
                "Notifications",
                description="What happened that you need to know, and which of it you are emailed.",
            ),
            Page(
                "assessments:template",
                "Assessment template",
                frozenset({Role.ADMINISTRATOR, Role.SENIOR_LEADER}),  # assessment_template.manage
                "The headings of your authority's practice model that every assessment is written under.",
            ),
            Page(
                "mywork:lead_time",
                "Warnings before a timescale is due",
                frozenset({Role.ADMINISTRATOR}),
                "How long before a statutory timescale its owner and their manager are told.",
            ),
        ),
    ),
)


MENU = (
    Page("mywork:home", "My work"),
    Page("contacts:queue", "Queue"),
    Page("oversight:board", "Live board"),
    Page("contacts:new", "New contact", RECORD_CONTACTS),
    Page("people:search", "Find a child"),
    Page("contacts:daily_review", "Daily review", MANAGERS),
    Page("missing:overview", "Missing"),
    Page("performance:overview", "Performance"),
    Page("allegations:list", "Allegations", frozenset({Role.DESIGNATED_OFFICER})),  # allegation.record
    # Highlighted on every page it leads to.
    Page(
        "other_pages",
        "Other pages",
        # Not the allegations list: the designated officer has it in the menu itself.
        active_for=" ".join(
            p.url_name for _, pages in OTHER_PAGES for p in pages if p.url_name != "allegations:list"
        ),
    ),
)


def menu_for(role: str) -> list[Page]:
    return [page for page in MENU if role in page.roles]


def other_pages_for(role: str) -> list[tuple[str, list[Page]]]:
    sections = [(title, [page for page in pages if role in page.roles]) for title, pages in OTHER_PAGES]
    return [(title, pages) for title, pages in sections if pages]
