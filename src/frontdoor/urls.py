from functools import partial

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views import defaults

from frontdoor.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("sign-in/", core_views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("other-pages/", core_views.other_pages, name="other_pages"),
    path("people/", include("frontdoor.people.urls")),
    path("contacts/", include("frontdoor.contacts.urls")),
    path("board/", include("frontdoor.oversight.urls")),
    path("referrals/", include("frontdoor.referrals.urls")),
    path("assessments/", include("frontdoor.assessments.urls")),
    path("plans/", include("frontdoor.plans.urls")),
    path("child-protection/", include("frontdoor.child_protection.urls")),
    path("quality/", include("frontdoor.quality.urls")),
    path("supervision/", include("frontdoor.supervision.urls")),
    path("complaints/", include("frontdoor.complaints.urls")),
    path("drift/", include("frontdoor.drift.urls")),
    path("early-help/", include("frontdoor.early_help.urls")),
    path("performance/", include("frontdoor.performance.urls")),
    path("my-work/", include("frontdoor.mywork.urls")),
    path("workforce/", include("frontdoor.workforce.urls")),
    path("calendar/", include("frontdoor.clocks.urls")),
    path("missing/", include("frontdoor.missing.urls")),
    path("domestic-abuse/", include("frontdoor.domestic_abuse.urls")),
    path("exploitation/", include("frontdoor.exploitation.urls")),
    path("allegations/", include("frontdoor.allegations.urls")),
    path("returns/", include("frontdoor.returns.urls")),
    path("mfa/", include("frontdoor.mfa.urls")),
    path("portal/", include("frontdoor.portal.urls")),
    path("api/v1/", include("frontdoor.api.urls")),
    path("", include("frontdoor.records.urls")),
    path("retention/", include("frontdoor.retention.urls")),
    path("identity/", include("frontdoor.identity.urls")),
    path("notifications/", include("frontdoor.notifications.urls")),
    path("notes/", include("frontdoor.casenotes.urls")),
    path("documents/", include("frontdoor.documents.urls")),
    path("health/", core_views.health, name="health"),
]

handler403 = partial(defaults.permission_denied, template_name="core/errors/403.html")
handler404 = "frontdoor.api.errors.page_not_found"  # JSON under /api/, the GOV.UK page elsewhere
handler500 = partial(defaults.server_error, template_name="core/errors/500.html")
