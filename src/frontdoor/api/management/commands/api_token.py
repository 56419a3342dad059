"""frontdoor api_token USERNAME [--name NAME] [--revoke PREFIX]: issue a personal API token and
print it, once; or revoke one of the user's tokens by the first characters shown when it was issued."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from frontdoor.api.models import ApiToken
from frontdoor.api.services import api_token_issue, api_token_revoke
from frontdoor.organisations.models import User


class Command(BaseCommand):
    help = "Issue (or revoke) a personal API token for a member of staff. Only the token's hash is kept."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="API client", help="What will use the token")
        parser.add_argument("--revoke", metavar="PREFIX", help="Revoke the user's token starting with PREFIX")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError("No active user has that username.")
        if options["revoke"]:
            token = ApiToken.objects.filter(
                user=user, prefix=options["revoke"][:8], revoked_at__isnull=True
            ).first()
            if token is None:
                raise CommandError("That user has no active token with that prefix.")
            api_token_revoke(actor=user, token=token)
            self.stdout.write(f"Revoked {token}")
            return
        _, raw = api_token_issue(actor=user, name=options["name"])
        self.stdout.write(raw)
