"""Partner agency users never reach staff pages or the API: a second lock behind the permission
table, so that a staff view which forgets its permission check still refuses them.

Partners may use the portal, sign in and out, the home page (which sends them to the portal), the
second-factor pages and the health check. Anything else is the ordinary 403 page.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from frontdoor.organisations.models import Role

PARTNER_NAMESPACES = frozenset({"portal", "mfa"})
PARTNER_URL_NAMES = frozenset({"home", "login", "logout", "health"})
PARTNER_VIEW_NAMES = frozenset({"api:schema", "api:docs"})  # public descriptions of the API


def partner_may_reach(path: str) -> bool:
    if path.startswith(settings.STATIC_URL or "/static/"):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return True  # the ordinary 404 page
    if match.namespace:
        return match.namespace in PARTNER_NAMESPACES or match.view_name in PARTNER_VIEW_NAMES
    return match.url_name in PARTNER_URL_NAMES


class PartnerBoundaryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "role", None) == Role.PARTNER_USER
            and not partner_may_reach(request.path_info)
        ):
            raise PermissionDenied("Partner agency users use the referral portal only.")
        return self.get_response(request)
