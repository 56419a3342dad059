"""Who may do what: one declarative table, read by every service and view, and by the tests that
try every role against every action."""

from typing import Any

from django.core.exceptions import PermissionDenied

from frontdoor.organisations.models import Role

R = Role
STAFF_WHO_SEE_CHILDREN = frozenset(
    {
        R.CONTACT_OFFICER,
        R.SOCIAL_WORKER,
        R.SOCIAL_WORK_ASSISTANT,
        R.TEAM_MANAGER,
        R.SENIOR_LEADER,
        R.QUALITY_ASSURANCE,
        R.DESIGNATED_OFFICER,
    }
)

PERMISSIONS: dict[str, frozenset[str]] = {
    "child.view": STAFF_WHO_SEE_CHILDREN,
    # My work: everyone who works with children sees what they owe; a team manager also sees each
    # of their workers' lists and the team's totals.
    "mywork.view": STAFF_WHO_SEE_CHILDREN,
    "mywork.team": frozenset({R.TEAM_MANAGER}),
    # How long before a timescale is due its owner is warned: a setting of the service.
    "mywork.lead_time": frozenset({R.ADMINISTRATOR}),
    "person.create": frozenset({R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "contact.record": frozenset({R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    # Initial screening is a management task (Working Together 2023, ch. 3; local MASH procedures).
    "contact.screen": frozenset({R.TEAM_MANAGER}),
    "partner_check.request": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "partner_check.respond": frozenset({R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "contact.decide": frozenset({R.TEAM_MANAGER}),
    "contact.daily_review": frozenset({R.TEAM_MANAGER}),
    "contact.feedback": frozenset({R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    # After the front door: allocation is a manager's decision; qualified staff record visits.
    "referral.allocate": frozenset({R.TEAM_MANAGER}),
    # A social work assistant visits the children-in-need cases they hold.
    "visit.record": frozenset({R.SOCIAL_WORKER, R.SOCIAL_WORK_ASSISTANT, R.TEAM_MANAGER}),
    # Closing an episode, and authorising an assessment, are managers' decisions (Working Together
    # 2023, ch. 3); qualified social workers assess and hold plans.
    "referral.close": frozenset({R.TEAM_MANAGER}),
    "assessment.record": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "assessment.authorise": frozenset({R.TEAM_MANAGER}),
    "cin_plan.manage": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    # Recording which papers (assessments, plans, meeting notes) went to which agency, when and how:
    # the worker holding the case, their assistant or their manager (issue 16 §3).
    "papers.record": frozenset({R.SOCIAL_WORKER, R.SOCIAL_WORK_ASSISTANT, R.TEAM_MANAGER}),
    # Child protection (issue 5): qualified staff record strategy discussions, enquiries, conferences,
    # plans and core groups; a manager signs off the rationale for a strategy discussion held late.
    "child_protection.record": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "child_protection.sign_off": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER}),
    # Missing children (DfE statutory guidance, January 2014; local missing protocol): anyone at the
    # front door records a notification; a manager oversees each one and acknowledges pattern flags.
    "missing.record": frozenset({R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "missing.import": frozenset({R.CONTACT_OFFICER, R.TEAM_MANAGER}),
    "missing.oversee": frozenset({R.TEAM_MANAGER}),
    "missing.interview": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "missing.flag_acknowledge": frozenset({R.TEAM_MANAGER}),
    # Domestic abuse notifications (issue 19 §2): anyone at the front door records a police
    # notification (it is a police contact, docs/adr/0015) and tells each child's school (Operation
    # Encompass); qualified staff and managers record MARAC and set its actions.
    "domestic_abuse.record": frozenset({R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "domestic_abuse.encompass": frozenset({R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "domestic_abuse.marac": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    # Exploitation ("Get Safe"): qualified staff screen and assess; meetings are chaired by managers.
    "exploitation.assess": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "exploitation.meeting": frozenset({R.TEAM_MANAGER}),
    "exploitation.link": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    # Allegations against people who work with children (Working Together 2023, ch. 2; issue 19 §1):
    # the designated officer (LADO) records and manages them; a manager sees one only when the
    # designated officer names them on it (allegations.selectors.visible_allegations), since the adult
    # is often a colleague of the council or a partner.
    "allegation.record": frozenset({R.DESIGNATED_OFFICER}),
    "allegation.view": frozenset({R.DESIGNATED_OFFICER, R.TEAM_MANAGER, R.SENIOR_LEADER}),
    # The England and Wales working-day calendar is shared by every authority on the deployment.
    # The duplicate register (issue 17 §5): managers review likely duplicates, merge and undo merges.
    "duplicate.review": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER}),
    "person.merge": frozenset({R.TEAM_MANAGER}),
    "calendar.manage": frozenset({R.ADMINISTRATOR}),
    "calendar.view": frozenset(set(Role) - {R.PARTNER_USER}),
    # "Who has looked at this child's record": managers and the authority's data protection lead
    # (quality assurance until an auditor/DPO role exists). UK GDPR Art. 5(2), accountability.
    "audit.view_access": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER, R.QUALITY_ASSURANCE, R.AUDITOR}),
    # Case file audits (issue 9): quality assurance and managers run and moderate them; the owner of an
    # action (any member of staff who works with children) marks it done.
    "audit.run": frozenset({R.QUALITY_ASSURANCE, R.TEAM_MANAGER, R.SENIOR_LEADER}),
    "audit.view": frozenset({R.QUALITY_ASSURANCE, R.TEAM_MANAGER, R.SENIOR_LEADER}),
    "audit_action.complete": STAFF_WHO_SEE_CHILDREN,
    # Supervision and management direction: managers supervise and direct; everyone who works with
    # children sees and completes their own directions; managers see the team's overdue ones.
    "supervision.record": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER}),
    "supervision.view": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER, R.QUALITY_ASSURANCE}),
    "direction.give": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER}),
    "direction.own": STAFF_WHO_SEE_CHILDREN,
    "direction.view_team": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER}),
    # Drift and complex-case panels (issue 19 §4): managers and senior leaders hold the panel, see the
    # list built from the rules (drift.rules) and record a decision per child; quality assurance reads.
    "drift.view": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER, R.QUALITY_ASSURANCE}),
    "drift.panel": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER}),
    # Tasks (issue 15 §2): every action with an owner and a due date. The meeting or record that sets
    # one checks its own permission first; these are what every task needs beyond that.
    "task.create": STAFF_WHO_SEE_CHILDREN,
    "task.own": STAFF_WHO_SEE_CHILDREN,
    "task.complete": STAFF_WHO_SEE_CHILDREN,
    "task.cancel": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER, R.QUALITY_ASSURANCE}),
    # Early help: practitioners (social workers here) and managers record the work; step-up makes a
    # contact, so it needs contact.record too.
    "early_help.record": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "early_help.start": frozenset({R.TEAM_MANAGER}),
    # The partner referral portal: a partner agency's professionals refer online, follow what they
    # referred, and answer the checks the front door asks of their agency (Working Together 2023,
    # ch. 3: referrers are told the outcome). They never reach staff pages or the API.
    "portal.refer": frozenset({R.PARTNER_USER}),
    "portal.answer_check": frozenset({R.PARTNER_USER}),
    # The REST API: a personal token, issued to staff for another system acting on their behalf.
    "api.token_issue": STAFF_WHO_SEE_CHILDREN,
    # Statutory returns (CIN census, Ofsted Annex A): the authority's performance leads. Every file
    # holds every child in it, so it is not for every manager (UK GDPR Art. 5(1)(c), minimisation).
    "returns.export": frozenset({R.SENIOR_LEADER, R.QUALITY_ASSURANCE}),
    # "What is coming?" (issue 20 §4): projected demand and the social workers it needs, for those who
    # plan the service: senior leaders, performance leads (quality assurance) and team managers.
    "demand.view": frozenset({R.SENIOR_LEADER, R.QUALITY_ASSURANCE, R.TEAM_MANAGER}),
    # Restricted records (access app, docs/adr/0007): managers restrict and review; the list of
    # restrictions and break-glass uses is also the data protection officer's (auditor's).
    "restriction.manage": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER}),
    "restriction.view": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER, R.AUDITOR}),
    "break_glass.use": STAFF_WHO_SEE_CHILDREN,
    # Marking a child's health details sensitive (hidden from roles outside access.rules.HEALTH_ROLES).
    "health.mark": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    # Subject access requests (UK GDPR Art. 15): the data protection officer and managers compile.
    "sar.compile": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER, R.AUDITOR}),
    # Records due for a retention review (security.md §3): nothing is deleted by the application.
    "retention.view": frozenset({R.SENIOR_LEADER, R.AUDITOR}),
    # The email outbox (notifications): administrators see what is waiting or failed, with the error,
    # to put a mail server right; the emails name no child, so nothing here is a child's record.
    "notification.outbox": frozenset({R.ADMINISTRATOR}),
    # Case notes and documents (issue 16 §1, §2): everyone who works with a child's case records what
    # happened with the child and attaches letters, reports and drawings; managers record oversight.
    # A correction is the author's or a manager's (casenotes.services.case_note_correct).
    "case_note.record": frozenset(
        {R.SOCIAL_WORKER, R.SOCIAL_WORK_ASSISTANT, R.TEAM_MANAGER, R.SENIOR_LEADER}
    ),
    "document.upload": frozenset(
        {R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.SOCIAL_WORK_ASSISTANT, R.TEAM_MANAGER, R.SENIOR_LEADER}
    ),
    # The authority's assessment template (its practice model's headings, issue 16 §4): a decision
    # for the whole authority, so its administrators and senior leaders change it.
    "assessment_template.manage": frozenset({R.ADMINISTRATOR, R.SENIOR_LEADER}),
    # Warnings to staff on a child's record ("dog at address", "do not visit alone"): anyone who works
    # with children may enter one or end one with a reason; everyone who sees the child sees them.
    "staff_warning.record": frozenset(
        {R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.SOCIAL_WORK_ASSISTANT, R.TEAM_MANAGER, R.SENIOR_LEADER}
    ),
    # Children's complaints (SI 2006/1738; Getting the Best from Complaints, 2006): the complaints
    # manager records, extends, answers and escalates them and sets the learning. There is no
    # complaints role: in most councils the complaints and customer relations team sits in the quality
    # and performance service, so quality assurance staff hold it, with senior leaders who sign off
    # stage 2 and 3 responses. Team managers see their teams' complaints (they answer stage 1).
    "complaint.manage": frozenset({R.QUALITY_ASSURANCE, R.SENIOR_LEADER}),
    "complaint.view": frozenset({R.QUALITY_ASSURANCE, R.SENIOR_LEADER, R.TEAM_MANAGER}),
    # Practice notes (issue 19 §4): a manager or auditor raises a concern or records good practice on
    # a child's case, addressed to the worker and their manager, who acknowledge and answer it.
    "practice_note.raise": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER, R.QUALITY_ASSURANCE}),
    "practice_note.view": STAFF_WHO_SEE_CHILDREN,
    # Workforce (issue 20 §3): every member of staff may see their teams' and the authority's figures
    # (caseload means and bands, supervision, agency share, vacancies); the list of workers with their
    # own caseloads is for team managers (their team only, workforce.selectors) and the performance
    # leads, never a league table for everyone. Managers enter their vacancies.
    "workforce.view": STAFF_WHO_SEE_CHILDREN,
    "workforce.workers": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER, R.QUALITY_ASSURANCE}),
    "vacancy.record": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER}),
    # Anyone may revoke their own token; administrators revoke anyone's (joiners, movers, leavers).
    "api.token_revoke_any": frozenset({R.ADMINISTRATOR}),
}


def can(user: Any, action: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.authority_id is None:
        return False
    return user.role in PERMISSIONS[action]


def require(user: Any, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(f"Your role cannot {action.replace('.', ': ').replace('_', ' ')}.")
