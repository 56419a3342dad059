"""`frontdoor demo [--seed N] [--profile county]`: in demo mode only, load the synthetic authority if
there is none yet, make sure the demo sign-ins exist, and print them.

The sign-ins are the last thing printed, where a newcomer looks: the load says one line, and its
table of rows and figures (about 60 lines) comes only with --verbosity 2 or from `frontdoor seed`."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.benchmarks.management.commands.benchmarks import default_folder
from frontdoor.benchmarks.management.commands.benchmarks import load as benchmarks_load
from frontdoor.benchmarks.models import Release
from frontdoor.organisations.models import Authority
from frontdoor.synthetic.demo import DEMO_SIGN_INS, demo_users_ensure
from frontdoor.synthetic.load import history_years, load, parse_end
from frontdoor.synthetic.profiles import PROFILES

URL = "http://127.0.0.1:8000"
# Years of history before the demo's window (synthetic.generator.history): with the window, the 36
# months the forecasts need to back-test 12, and the caseload they leave open when the window starts.
# Five years cost about 2.4 times the county's load on its own (README); two add about half.
DEMO_HISTORY_YEARS = 2


class Command(BaseCommand):
    help = "Demo mode only: load the synthetic county if the database is empty, and create the demo sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--profile", choices=sorted(PROFILES), default="county")
        parser.add_argument(
            "--history-years",
            default=str(DEMO_HISTORY_YEARS),
            help=f"years of referrals before the window (default {DEMO_HISTORY_YEARS})",
        )

    def handle(self, *args: object, **options: object) -> None:
        if not getattr(settings, "FRONTDOOR_DEMO", False):
            raise CommandError("demo users exist only in demo mode")
        la_code = settings.FRONTDOOR_DEFAULT_LA_CODE
        authority = (
            Authority.objects.filter(la_code=la_code).first() or Authority.objects.order_by("pk").first()
        )
        if authority is None:
            result = load(
                profile=str(options["profile"]),
                seed=int(options["seed"]),  # type: ignore[call-overload]
                la_code=la_code,
                end=parse_end(None),
                out=self.stdout,
                progress=options.get("verbosity", 1) != 0,
                summary=int(options.get("verbosity", 1)) >= 2,  # type: ignore[call-overload]
                history_years=history_years(str(options["history_years"])),
            )
            authority = result.authority
        else:
            self.stdout.write(f"Using {authority}: already loaded.")
        demo_users_ensure(authority=authority)
        self._benchmarks()
        self._sign_ins(authority)

    def _benchmarks(self) -> None:
        """The DfE's published tables for "How do we compare?" (about 5 seconds), once."""
        folder = default_folder()
        if Release.objects.exists():
            return
        if not folder.is_dir():
            self.stdout.write(
                f"No DfE tables at {folder}: load them with `frontdoor benchmarks load --dir PATH`."
            )
            return
        benchmarks_load(folder, self.stdout.write)

    def _sign_ins(self, authority: Authority) -> None:
        width = max(len(s["role"]) for s in DEMO_SIGN_INS)
        lines = [
            "",
            f"Frontdoor demo ({authority}) - synthetic data only",
            f"Open {URL} and sign in as any of:",
            "",
            f"  {'Username':<10} {'Role':<{width}}  Password",
            *(f"  {s['username']:<10} {s['role']:<{width}}  {s['password']}" for s in DEMO_SIGN_INS),
            "",
        ]
        self.stdout.write("\n".join(lines))
