"""The `frontdoor` console command: Django's management commands with Frontdoor's settings.

Without DJANGO_SETTINGS_MODULE the production settings are used, which refuse to start without a
SECRET_KEY: the safe default. `make demo` and `make test` choose the demo and test settings.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
