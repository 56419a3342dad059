"""The papers of one episode that go to partners (issue 16 §3.4): completed assessments, children in
need and child protection plans, child in need review notes, core group notes and strategy
discussion minutes, each with the day it was ready. Records sits above every pathway, so it alone
can list them all; plans.papers keeps what was sent."""

from django.utils import timezone

from frontdoor.assessments.models import Assessment
from frontdoor.child_protection.models import ProtectionPlan, StrategyDiscussion
from frontdoor.plans.models import ChildInNeedPlan, Paper, PaperSent
from frontdoor.plans.papers import PaperOf
from frontdoor.referrals.models import Referral


def papers_of(referral: Referral) -> list[PaperOf]:
    """Every paper of the episode, oldest first (the caller has logged access to the episode)."""
    name = referral.person.full_name
    found: list[PaperOf] = [
        PaperOf(Paper.ASSESSMENT, a, a.person_id, a.completed_on, f"Assessment of {name}")
        for a in Assessment.objects.filter(referral=referral, completed_on__isnull=False)
        if a.completed_on is not None
    ]
    for plan in ChildInNeedPlan.objects.filter(referral=referral).prefetch_related("reviews"):
        found.append(PaperOf(Paper.PLAN, plan, plan.person_id, plan.start_date, "Child in need plan"))
        found += [
            PaperOf(Paper.CIN_REVIEW, r, plan.person_id, r.reviewed_on, "Child in need review notes")
            for r in plan.reviews.all()
        ]
    for cp in ProtectionPlan.objects.filter(referral=referral).prefetch_related("core_groups"):
        found.append(PaperOf(Paper.PLAN, cp, cp.person_id, cp.start_date, "Child protection plan"))
        found += [
            PaperOf(Paper.CORE_GROUP, g, cp.person_id, g.held_on, "Core group notes")
            for g in cp.core_groups.all()
        ]
    found += [
        PaperOf(Paper.STRATEGY, d, d.person_id, timezone.localdate(d.held_at), "Strategy discussion minutes")
        for d in StrategyDiscussion.objects.filter(referral=referral)
    ]
    return sorted(found, key=lambda p: (p.ready_on, p.key))


def sent_for(referral: Referral) -> dict[str, list[PaperSent]]:
    """What was sent, by PaperOf.key."""
    sent: dict[str, list[PaperSent]] = {}
    for row in PaperSent.objects.filter(referral=referral).select_related("agency").order_by("sent_on", "pk"):
        sent.setdefault(f"{row.source_type}:{row.source_id}", []).append(row)
    return sent
