"""Boards that would show the same thing share one render (issue 4: 50 boards open at once).

Every write in an authority moves the board version, and every open board then asks for the fresh
board within a second. Rendering it once per board costs 50 renders per write; but boards with the
same scope, version and filters show the same HTML, so the first poll to see a version renders it,
polls arriving meanwhile wait for that render, and later ones reuse it. Each viewer still gets their
own access-log rows for the children shown (audit.services.access_log), so "who looked at this child"
stays true.

The cache is per server process and holds only a few recent versions; nothing is shared between
scopes (oversight.selectors.board_scope decides what a scope is), and nothing user-specific (no CSRF
token, no name) may appear in the shared fragment.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

CAPACITY = 128  # renders kept: a few versions x the filter combinations in use
WAIT_SECONDS = 10  # how long a poll waits for another poll's render before rendering itself


@dataclass(frozen=True)
class Render:
    content: bytes
    person_ids: tuple[int, ...]  # the children shown, for each viewer's access log


class SharedRenders:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._done: OrderedDict[Hashable, Render] = OrderedDict()
        self._under_way: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()

    def get_or_render(self, key: Hashable, render: Callable[[], Render]) -> tuple[Render, bool]:
        """The render for `key` and whether it was shared (made by another poll)."""
        with self._lock:
            found = self._done.get(key)
            waiting = None if found else self._under_way.get(key)
            if found is None and waiting is None:
                self._under_way[key] = threading.Event()
        if found is not None:
            return found, True
        if waiting is not None:
            waiting.wait(timeout=WAIT_SECONDS)
            with self._lock:
                found = self._done.get(key)
            # Fall through and render ourselves if the other render failed or took too long.
            return (found, True) if found is not None else (render(), False)
        try:
            made = render()
            with self._lock:
                self._done[key] = made
                while len(self._done) > self.capacity:
                    self._done.popitem(last=False)
            return made, False
        finally:
            with self._lock:
                self._under_way.pop(key).set()

    def clear(self) -> None:
        with self._lock:
            self._done.clear()


RENDERS = SharedRenders()
