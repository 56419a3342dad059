"""What the returns commands share: the authority, the member of staff, writing the file."""

from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from frontdoor.organisations.models import Authority, User


def add_common(parser: CommandParser) -> None:
    parser.add_argument("--out", required=True, help="the file to write")
    parser.add_argument("--authority", help="DfE LA code; needed only when the database holds several")
    parser.add_argument(
        "--as",
        dest="username",
        help="the member of staff exporting (a performance lead): the export is logged as their read "
        "of every child in it; without it, as the command line's (one audit row per child)",
    )


def authority_for(code: str | None) -> Authority:
    if code:
        found = Authority.objects.filter(la_code=code).first()
        if found is None:
            raise CommandError(f"No authority has the LA code {code!r}")
        return found
    authorities = list(Authority.objects.order_by("la_code")[:2])
    if len(authorities) != 1:
        raise CommandError(
            "Name the authority with --authority CODE" if authorities else "No authority exists"
        )
    return authorities[0]


def actor_for(username: str | None, authority: Authority) -> User | None:
    if not username:
        return None
    actor = User.objects.filter(username=username, authority=authority, is_active=True).first()
    if actor is None:
        raise CommandError(f"No active member of staff {username!r} in {authority}")
    return actor


def write(path: str, content: bytes) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(content)
    return out
