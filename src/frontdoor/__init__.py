"""Frontdoor: case management and live oversight for the children's social care front door."""

__version__ = "0.1.0"
