"""The demo sign-ins shown on the sign-in page in demo mode.

The synthetic data generator (installed in demo and test settings only) registers them when its app
loads, so nothing in production imports the generator and production shows none.
"""

_SIGN_INS: list[dict[str, str]] = []


def register_sign_ins(sign_ins: list[dict[str, str]]) -> None:
    _SIGN_INS[:] = sign_ins


def sign_ins() -> list[dict[str, str]]:
    return list(_SIGN_INS)
