"""Demo sign-ins: one user per role, made only in demo mode (settings.FRONTDOOR_DEMO), never in
seeded or real data. The sign-in page shows DEMO_SIGN_INS when demo mode is on."""

from django.db import transaction

from frontdoor.organisations.models import Authority, Role, Team, User

DEMO_PASSWORD = "frontdoor-demo"  # noqa: S105 - a published demo password for synthetic data only
_DEMO_USERS = (
    ("officer", Role.CONTACT_OFFICER),
    ("worker", Role.SOCIAL_WORKER),
    ("manager", Role.TEAM_MANAGER),
    ("leader", Role.SENIOR_LEADER),
    ("qa", Role.QUALITY_ASSURANCE),
    ("admin", Role.ADMINISTRATOR),
)
DEMO_SIGN_INS: list[dict[str, str]] = [
    {"username": username, "role": str(role.label), "password": DEMO_PASSWORD}
    for username, role in _DEMO_USERS
]


@transaction.atomic
def demo_users_ensure(*, authority: Authority) -> list[User]:
    """Create (or reset) the demo users in the authority's front-door team, with the demo password."""
    team = Team.objects.filter(authority=authority, is_front_door=True).order_by("pk").first()
    users = []
    for username, role in _DEMO_USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name = str(role.label), "(demo)"
        user.authority, user.team, user.role = authority, team, role
        user.job_title, user.is_active = f"{role.label} (demo)", True
        user.set_password(DEMO_PASSWORD)
        user.save()
        users.append(user)
    return users
