"""What every part of the board shares: the filters a viewer chose and how many rows a list shows."""

from dataclasses import dataclass

BOARD_LIMIT = 300  # rows a list shows when the viewer has chosen a stage
# Rows each list shows on the whole board, most urgent first: every open board polls it, so its size
# sets the cost of each refresh (bench/board.py, 50 boards: a 600 KB board of ~650 rows took 0.7 s
# to build). The counts above the lists still cover every child; choosing a stage shows its rows.
OVERVIEW_LIMIT = 50


@dataclass(frozen=True)
class BoardFilters:
    team: int | None = None
    stage: str | None = None
    rag: str | None = None
    worker: int | None = None
    standard: str = "contact_decision"

    @property
    def limit(self) -> int:
        return BOARD_LIMIT if self.stage else OVERVIEW_LIMIT
