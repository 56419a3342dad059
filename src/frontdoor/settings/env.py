"""The one place settings are read from the environment."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def mandatory(name: str) -> str:
    """A value production cannot run without; fail at start rather than run with a guess."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def optional(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def flag(name: str, *, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def integer(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def csv_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def data_dir() -> Path:
    """Where the embedded SQLite database and backups live (var/ beside the checkout by default)."""
    return Path(optional("FRONTDOOR_DATA_DIR", str(Path.cwd() / "var"))).resolve()
