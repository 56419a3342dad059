"""Send signed-in staff who have not yet given a one-time code to set up or enter one.

Install after django_otp.middleware.OTPMiddleware (which sets request.user.is_verified) and
AuthenticationMiddleware. Does nothing unless settings.FRONTDOOR_REQUIRE_MFA is true (it is in
production; dev.py and test.py turn it off), read on every request so override_settings works.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django_htmx.http import HttpResponseClientRedirect

from frontdoor.mfa.views import confirmed_device

# URL names a signed-in user may reach before giving a code (besides everything in the "mfa" namespace).
ALLOWED_URL_NAMES = frozenset({"logout", "health"})


def mfa_required() -> bool:
    return bool(getattr(settings, "FRONTDOOR_REQUIRE_MFA", True))


def needs_second_factor(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified is None:  # OTPMiddleware missing: fail closed.
        return True
    return not is_verified()


def is_allowed_unverified(request: HttpRequest) -> bool:
    static_url = settings.STATIC_URL or "/static/"
    if request.path_info.startswith(static_url):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.namespace == "mfa" or (not match.namespace and match.url_name in ALLOWED_URL_NAMES)


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if mfa_required() and needs_second_factor(request) and not is_allowed_unverified(request):
            return self.redirect(request)
        return self.get_response(request)

    @staticmethod
    def redirect(request: HttpRequest) -> HttpResponse:
        step = "mfa:verify" if confirmed_device(request.user) is not None else "mfa:setup"
        url = reverse(step)
        if request.method == "GET" and not getattr(request, "htmx", False):
            url += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
