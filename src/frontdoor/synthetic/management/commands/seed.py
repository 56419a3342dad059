"""`frontdoor seed --profile {small,demo,county} --seed N [--authority-code 885] [--end DATE]`:
load one synthetic authority's front door (see synthetic.profiles for what each profile holds).

`frontdoor seed --profile national --seed N [--scale 1.0] [--resume]`: every English authority for
one year at its own published volumes, with COPY, into PostgreSQL (see synthetic.national)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from frontdoor.synthetic.load import history_years, load, parse_end
from frontdoor.synthetic.profiles import PROFILES

NATIONAL = "national"


def _scale(value: str) -> float:
    try:
        scale = float(value)
    except ValueError:
        scale = 0.0
    if not 0 < scale <= 1:
        raise CommandError(f"--scale must be a number more than 0 and at most 1, not {value!r}")
    return scale


class Command(BaseCommand):
    help = "Generate a synthetic authority: organisation, people and a window of front-door contacts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profile", choices=[*sorted(PROFILES), NATIONAL], default="county")
        parser.add_argument(
            "--seed", type=int, default=1, help="the same seed gives the same rows (default 1)"
        )
        parser.add_argument("--authority-code", help="DfE LA code (default: the profile's, 885)")
        parser.add_argument(
            "--end", help="end of the window: YYYY-MM-DD (16:00 that day) or a date-time; default now"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument(
            "--history-years",
            default="0",
            help="years of referrals before the window, whose open work is carried into it (default 0)",
        )
        parser.add_argument(
            "--scale",
            default="1",
            help="national only: the share of every authority's year to load, e.g. 0.01 (default 1)",
        )
        parser.add_argument(
            "--resume",
            action="store_true",
            help="national only: keep the authorities an interrupted load finished and load the rest",
        )

    def handle(self, *args: object, **options: object) -> None:
        progress = not options["no_progress"] and options.get("verbosity", 1) != 0
        if options["profile"] == NATIONAL:
            self._national(options, progress)
            return
        if options["scale"] != "1" or options["resume"]:
            raise CommandError("--scale and --resume are for --profile national only")
        la_code = options["authority_code"] or getattr(settings, "FRONTDOOR_DEFAULT_LA_CODE", None)
        load(
            profile=str(options["profile"]),
            seed=int(options["seed"]),  # type: ignore[call-overload]
            la_code=str(la_code) if la_code else None,
            end=parse_end(options["end"]),  # type: ignore[arg-type]
            out=self.stdout,
            progress=progress,
            history_years=history_years(str(options["history_years"])),
        )

    def _national(self, options: dict[str, object], progress: bool) -> None:
        from frontdoor.synthetic import national

        scale = _scale(str(options["scale"]))
        if options["authority_code"]:
            raise CommandError("--authority-code does not apply to the national profile (it loads them all)")
        if connection.vendor != "postgresql":
            raise CommandError(national.NEEDS_POSTGRESQL)
        try:
            national.load_national(
                seed=int(options["seed"]),  # type: ignore[call-overload]
                scale=scale,
                end=parse_end(options["end"]),  # type: ignore[arg-type]
                out=self.stdout,
                progress=progress,
                resume=bool(options["resume"]),
            )
        except national.AlreadyLoaded as error:
            raise CommandError(str(error)) from error
