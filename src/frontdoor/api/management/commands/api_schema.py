"""frontdoor api_schema [--out docs/api/openapi.yaml]: write the OpenAPI document (make api-schema)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from drf_spectacular.renderers import OpenApiYamlRenderer

from frontdoor.api.schema import api_schema


class Command(BaseCommand):
    help = "Write the API's OpenAPI document as YAML."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", default="docs/api/openapi.yaml")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(OpenApiYamlRenderer().render(api_schema(), renderer_context={}))
        self.stdout.write(f"Wrote {out}")
