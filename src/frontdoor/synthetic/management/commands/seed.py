"""`frontdoor seed --profile {small,demo,county} --seed N [--authority-code 885] [--end DATE]`:
load one synthetic authority's front door (see synthetic.profiles for what each profile holds)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from frontdoor.synthetic.load import load, parse_end
from frontdoor.synthetic.profiles import PROFILES


class Command(BaseCommand):
    help = "Generate a synthetic authority: organisation, people and a window of front-door contacts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profile", choices=sorted(PROFILES), default="county")
        parser.add_argument(
            "--seed", type=int, default=1, help="the same seed gives the same rows (default 1)"
        )
        parser.add_argument("--authority-code", help="DfE LA code (default: the profile's, 885)")
        parser.add_argument(
            "--end", help="end of the window: YYYY-MM-DD (16:00 that day) or a date-time; default now"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: object, **options: object) -> None:
        la_code = options["authority_code"] or getattr(settings, "FRONTDOOR_DEFAULT_LA_CODE", None)
        load(
            profile=str(options["profile"]),
            seed=int(options["seed"]),  # type: ignore[call-overload]
            la_code=str(la_code) if la_code else None,
            end=parse_end(options["end"]),  # type: ignore[arg-type]
            out=self.stdout,
            progress=not options["no_progress"] and options.get("verbosity", 1) != 0,
        )
