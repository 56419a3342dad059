"""The OpenAPI document: served at /api/v1/schema/, listed for people at /api/v1/docs/, and written
to docs/api/openapi.yaml by `frontdoor api_schema` (make api-schema)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

SETTINGS = {
    "TITLE": "Frontdoor API",
    "VERSION": "1",
    "DESCRIPTION": (
        "Read people, contacts, decisions and referrals, record contacts and decisions, and read the "
        "oversight figures of your authority. Authenticate with a personal token: "
        "`Authorization: Bearer <token>`. The same permissions and access logging apply as on the "
        'pages. Errors share one shape: {"error": {"status", "code", "message", "fields"}}.'
    ),
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVERS": [{"url": "/"}],
}
METHODS = ("get", "post", "put", "patch", "delete")


class SchemaView(SpectacularAPIView):
    """Public: the schema describes the API, and holds no one's data."""

    custom_settings = SETTINGS
    urlconf = "frontdoor.api.urls_v1"
    serve_public = True
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]


def api_schema() -> dict[str, Any]:
    """The schema as a dict, generated from the URLs (no request: the public schema)."""
    from drf_spectacular.settings import patched_settings

    with patched_settings(SETTINGS):
        generator = SchemaGenerator(urlconf="frontdoor.api.urls_v1")
        return generator.get_schema(request=None, public=True)


def docs(request: HttpRequest) -> HttpResponse:
    """The operations, for people: method, path, summary, parameters and responses."""
    schema = api_schema()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary") or op.get("operationId", ""),
            "parameters": op.get("parameters", []),
            "responses": sorted(op.get("responses", {})),
        }
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]
    return render(request, "api/docs.html", {"schema": schema, "operations": operations})
