"""Boards that would show the same thing share one render (issue 4: 50 boards open at once).

Every write in an authority moves the board version, and every open board then asks for the fresh
board within a second. Rendering it once per board costs 50 renders per write; but boards with the
same scope, version and filters show the same HTML, so the first poll to see a version renders it,
polls arriving meanwhile wait for that render, and later ones reuse it. Each viewer still gets their
own access-log rows for the children shown (audit.services.access_log), so "who looked at this child"
stays true.

One render at a time for a scope and its filters (issue 18: 50 boards at 2 writes a second). A poll
that finds a render of the same board under way, for any version, waits for it and is answered with
it, instead of starting a second render beside it. At 2 writes a second the version moves every half
second, faster than a render under load; rendering each version as it came meant several renders of
one board at once, each slowing the others, until polls queued for seconds (bench/board.py: write to
board p95 6.5 s). The waiting poll's board is as new as the render's version, which the response
carries, so the next poll asks again and no board claims a version it does not show.

A board left open logs each child it shows for its viewer once a minute, not on every poll (issue
18): while writes arrive twice a second every poll is a fresh board, and logging the same 150
children for each of 50 viewers each time was 15,000 access rows a second, most of the database's
work (bench/board.py). The log still says who saw which child, to the minute: `ShownRecently`
remembers, per process, when this viewer's board last logged each child, and a child newly on the
board is logged at once.

The cache is per server process and holds only a few recent versions; nothing is shared between
scopes (oversight.selectors.board_scope decides what a scope is), and nothing user-specific (no CSRF
token, no name) may appear in the shared fragment.
"""

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

CAPACITY = 128  # renders kept: a few versions x the filter combinations in use
WAIT_SECONDS = 10  # how long a poll waits for another poll's render before rendering itself


@dataclass(frozen=True)
class Render:
    content: bytes
    person_ids: tuple[int, ...]  # the children shown, for each viewer's access log
    version: str = ""  # the board version the render shows (read before it was built)


@dataclass
class _Flight:
    """A render under way for one board (scope and filters), and what it made when done."""

    version: str  # the version the poll that started it asked for
    done: threading.Event = field(default_factory=threading.Event)
    made: Render | None = None


LOG_EVERY_SECONDS = 60  # a child still on an open board is logged again for its viewer after this


class ShownRecently:
    """When each viewer's board last logged each child it showed (this process only, so another
    process logs again: a duplicate row, never a missing one)."""

    def __init__(self, every: float = LOG_EVERY_SECONDS) -> None:
        self.every = every
        self._logged: dict[int, dict[int, float]] = {}
        self._lock = threading.Lock()

    def due(self, viewer: int, person_ids: Iterable[int], now: float) -> list[int]:
        """The children to log for `viewer` now (not logged by this board within `every` seconds,
        `now` on the monotonic clock), marked as logged."""
        with self._lock:
            logged = self._logged.setdefault(viewer, {})
            due = sorted(p for p in set(person_ids) if now - logged.get(p, -math.inf) >= self.every)
            for person in due:
                logged[person] = now
            if len(logged) > PRUNE_AFTER:
                self._logged[viewer] = {p: at for p, at in logged.items() if now - at < self.every}
        return due

    def clear(self) -> None:
        with self._lock:
            self._logged.clear()


PRUNE_AFTER = 2_000  # children remembered per viewer before those logged over a minute ago go


def order(version: str) -> tuple[int, ...]:
    """A board version (oversight.selectors.board_version: "<latest audit event>-<minute>") in the
    order versions are made; anything else comes first."""
    try:
        return tuple(int(part) for part in version.split("-"))
    except ValueError:
        return ()


class SharedRenders:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._done: OrderedDict[Hashable, Render] = OrderedDict()
        self._under_way: dict[Hashable, _Flight] = {}
        self._lock = threading.Lock()

    def get_or_render(
        self, board: Hashable, version: str, render: Callable[[], Render], *, shown: str = ""
    ) -> tuple[Render | None, bool]:
        """The render of `board` (scope and filters) at `version`, or the one under way for it, and
        whether it was shared (made by another poll). None when the render under way is older than
        the board the viewer already shows (`shown`, its version): there is nothing newer yet."""
        key = (board, version)
        with self._lock:
            found = self._done.get(key)
            if found is not None:
                return found, True
            flight = self._under_way.get(board)
            mine = flight is None
            if flight is None:
                flight = self._under_way[board] = _Flight(version)
        if not mine:
            if order(flight.version) < order(shown):
                return None, True  # another server process already showed this viewer newer
            flight.done.wait(timeout=WAIT_SECONDS)
            # Render ourselves if the other render failed or took too long.
            return (flight.made, True) if flight.made is not None else (render(), False)
        try:
            flight.made = made = render()
            with self._lock:
                self._done[key] = made
                if made.version:
                    self._done[(board, made.version)] = made
                while len(self._done) > self.capacity:
                    self._done.popitem(last=False)
            return made, False
        finally:
            with self._lock:
                self._under_way.pop(board)
            flight.done.set()

    def clear(self) -> None:
        with self._lock:
            self._done.clear()


RENDERS = SharedRenders()
LOGGED = ShownRecently()
