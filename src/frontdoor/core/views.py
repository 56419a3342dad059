from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from frontdoor.core import demo, navigation
from frontdoor.core.forms import GovAuthenticationForm
from frontdoor.organisations.models import Role
from frontdoor.organisations.permissions import can


class SignInView(auth_views.LoginView):
    template_name = "core/sign_in.html"
    authentication_form = GovAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if settings.FRONTDOOR_DEMO:
            context["demo_sign_ins"] = demo.sign_ins()
        return context


# Practitioners start at My work (issue 15 §3): the list of what they owe today.
PRACTITIONERS = frozenset({Role.SOCIAL_WORKER, Role.SOCIAL_WORK_ASSISTANT})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Staff who work with children start at the front-door queue, partner agency users at the
    referral portal; practitioners (social workers and assistants) at My work, what they owe;
    others at their own page."""
    if can(request.user, "portal.refer"):
        return redirect("portal:home")
    if getattr(request.user, "role", None) in PRACTITIONERS:
        return redirect("mywork:home")
    if can(request.user, "child.view"):
        return redirect("contacts:queue")
    return render(request, "core/home_no_children.html")


@login_required
def other_pages(request: HttpRequest) -> HttpResponse:
    """The staff pages one click past the menu (core.navigation), with what each is for."""
    sections = navigation.other_pages_for(request.user.role)  # type: ignore[union-attr]
    return render(request, "core/other_pages.html", {"sections": sections})


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: the app is up and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
