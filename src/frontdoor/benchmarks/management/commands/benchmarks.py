"""`frontdoor benchmarks load [--dir PATH]`: load the DfE's children-in-need release tables (every
authority, region and England) and compute each authority's statistical neighbours. A second load
replaces the first; a bad file is named with what is wrong, and nothing is changed."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from frontdoor.benchmarks import services
from frontdoor.benchmarks.tables import BadTables


def default_folder() -> Path:
    return Path(settings.FRONTDOOR_DFE_STATS_DIR)


def load(folder: Path, write: object) -> services.Loaded:
    """Load and say what was loaded (used by this command and by `frontdoor demo`)."""
    try:
        loaded = services.benchmarks_load(folder=folder, now=timezone.now())
    except BadTables as error:
        raise CommandError("Nothing was loaded:\n  " + "\n  ".join(error.problems)) from None
    release = loaded.release
    lines = [
        f"Loaded {release} from {release.folder}:",
        *(f"  {f['name']}: {f['rows']} rows" for f in release.files),
        f"  {loaded.values} values ({loaded.withheld} withheld by the DfE: c, x, z or low), "
        f"years {release.first_year} to {release.last_year}",
        f"  statistical neighbours computed by Frontdoor for {loaded.neighbour_sets} authorities",
    ]
    write("\n".join(lines))  # type: ignore[operator]
    return loaded


class Command(BaseCommand):
    help = "Load the DfE's children in need tables for England, regions and authorities."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        loading = sub.add_parser("load", help="load (or replace) the published tables from a folder")
        loading.add_argument(
            "--dir", type=Path, default=None, help="the folder of CSVs (default: %(default)s)"
        )

    def handle(self, *args: object, **options: object) -> None:
        folder = options["dir"] or default_folder()
        load(Path(str(folder)), self.stdout.write)
