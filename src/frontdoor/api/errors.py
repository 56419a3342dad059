"""One JSON shape for every error the API returns, and the handler that produces it.

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"concerns": ["..."]}}}

Service refusals (Django ValidationError), stale edits, permission refusals and not-found all map
here; anything unexpected is logged and answered in the same shape, never as an HTML page.
"""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from frontdoor.core.exceptions import StaleEdit

logger = logging.getLogger(__name__)
NOT_FOUND = "Not found."


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


def error_response(status_code: int, code: str, message: str, fields: dict | None = None) -> Response:
    body = {"status": status_code, "code": code, "message": message, "fields": fields or {}}
    return Response({"error": body}, status=status_code)


def _flatten(detail: Any) -> dict[str, list[str]]:
    """A serializer's error detail as {field: [messages]} (nested fields as "outer.inner")."""
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = "__all__" if key == "non_field_errors" else str(key)
            if isinstance(value, dict):
                out.update({f"{name}.{k}": v for k, v in _flatten(value).items()})
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for index, item in enumerate(value):
                    out.update({f"{name}.{index}.{k}": v for k, v in _flatten(item).items()})
            else:
                out[name] = [str(v) for v in (value if isinstance(value, list) else [value])]
        return out
    return {"__all__": [str(v) for v in (detail if isinstance(detail, list) else [detail])]}


def _django_validation(exc: DjangoValidationError) -> Response:
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    codes = {e.code for errors in getattr(exc, "error_dict", {}).values() for e in errors}
    if "idempotency_key_reused" in codes:
        return error_response(422, "idempotency_key_reused", fields["idempotency_key"][0], fields)
    message = next(iter(fields.values()))[0] if fields else "The request is not valid."
    return error_response(400, "invalid", message, fields)


def too_large_message() -> str:
    return f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes."


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    if isinstance(exc, RequestDataTooBig):
        return error_response(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "too_large", too_large_message())
    if isinstance(exc, DjangoValidationError):
        return _django_validation(exc)
    if isinstance(exc, StaleEdit):
        return error_response(409, "stale", str(exc) or "Someone else has changed this record: reload it.")
    if isinstance(exc, Http404 | exceptions.NotFound):
        return error_response(404, "not_found", NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        return error_response(403, "permission_denied", str(exc) or "You do not have permission.")
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        return error_response(400, "invalid", next(iter(fields.values()))[0], fields)
    if isinstance(exc, exceptions.APIException):
        response = error_response(exc.status_code, str(exc.default_code), str(exc.detail))
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        if isinstance(exc, exceptions.Throttled) and exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response
    logger.exception("Unexpected error in the API")
    return error_response(status.HTTP_500_INTERNAL_SERVER_ERROR, "server_error", "Something went wrong.")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's 404: JSON in the API's error shape under /api/ (a path no operation matches),
    the GOV.UK page elsewhere."""
    if request.path_info.startswith("/api/"):
        body = {"error": {"status": 404, "code": "not_found", "message": NOT_FOUND, "fields": {}}}
        return JsonResponse(body, status=404)
    return defaults.page_not_found(request, exception, template_name="core/errors/404.html")
