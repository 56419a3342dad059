from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

ACTIVE_AT = "_active_at"  # when a poll last restarted this session's idle timeout (epoch seconds)
POLLED = "frontdoor_polled"  # set on the request by @polled


class NoStoreMiddleware:
    """Pages about children must never sit in a browser or proxy cache (ASVS 8.2.1).

    Every authenticated response is marked no-store; static files are served before this runs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store, max-age=0"
        return response


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except for polls: a request from a view marked `@polled` (the live board's poll,
    once a second from every open board) restarts the idle timeout at most once every
    SESSION_REFRESH_SECONDS (a minute) instead of on every request.

    SESSION_SAVE_EVERY_REQUEST saved the session on each request, which for the board was a
    database write and commit per poll, 50 a second with 50 boards open (issue 18, bench/board.py).
    Every other request still saves it, so the idle timeout (30 minutes) is unchanged; a board left
    open still keeps its session, its expiry moved once a minute.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if getattr(request, POLLED, False) and signed_in and session is not None and not session.modified:
            now = int(timezone.now().timestamp())
            if now - session.get(ACTIVE_AT, 0) < settings.SESSION_REFRESH_SECONDS:
                patch_vary_headers(response, ("Cookie",))
                return response
            session[ACTIVE_AT] = now
        return super().process_response(request, response)


def polled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a view that pages call on a timer (SessionMiddleware: it saves the session at most once a
    minute)."""

    @wraps(view)
    def marked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        setattr(request, POLLED, True)
        return view(request, *args, **kwargs)

    return marked
