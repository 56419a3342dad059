"""Shared pytest fixtures for Frontdoor's tests (settings: frontdoor.settings.test, see pyproject.toml)."""
