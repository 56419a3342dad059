"""The child's record at a glance on every page about a child: an extension point.

The header gathers from every pathway, so it is built by `records` (records.header), which sits
above them all in the dependency order (docs/development.md). Pages of the pathways below (an
assessment, a plan, a section 47, a missing episode) cannot import records, so they ask for it
through this module, which knows nothing of any pathway: their templates write
`{% load record_header %}{% child_header person %}`, and records connects the renderer at start-up
(records.apps). Without records installed the header is simply empty.
"""

from collections.abc import Callable
from typing import Any

Renderer = Callable[..., str]
_renderer: list[Renderer] = []


def connect(renderer: Renderer) -> None:
    _renderer[:] = [renderer]


def render_for(*, actor: Any, person: Any) -> str:
    """The header's HTML for this actor and child, or "" when no renderer is connected."""
    return _renderer[0](actor=actor, person=person) if _renderer else ""
