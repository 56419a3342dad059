"""How staff are named: pure, so a row read as plain values names its owner as a User would."""


def display_name(first_name: str, last_name: str, username: str) -> str:
    """The full name, or the username when no name is recorded (as User.display_name)."""
    return f"{first_name} {last_name}".strip() or username
