"""Synthetic identifiers and addresses: never a real person's.

NHS numbers come from the range the `nhs-number` library reserves for synthetic and test patients
("not to be issued", 9000000000-9999999999), narrowed to 999 xxx xxxx, with a valid modulus-11 check
digit. UPNs are built as the DfE describes them (LA code, establishment number, year of allocation,
serial) and given a valid check letter by people.rules. Postcodes are Worcestershire-like (WR
districts) with made-up inward codes; streets are invented.
"""

import random
from datetime import date

from nhs_number import calculate_checksum

from frontdoor.people import rules as people_rules
from frontdoor.synthetic.generator.base import Picker

# Worcestershire-like postcode districts and their post towns, weighted by rough population
# (assumption). Only WR districts are used.
DISTRICTS = Picker(
    {
        ("WR1", "Worcester"): 4, ("WR2", "Worcester"): 5, ("WR3", "Worcester"): 4, ("WR4", "Worcester"): 5,
        ("WR5", "Worcester"): 5, ("WR6", "Worcester"): 2, ("WR7", "Worcester"): 1, ("WR8", "Worcester"): 2,
        ("WR9", "Droitwich"): 5, ("WR10", "Pershore"): 3, ("WR11", "Evesham"): 6, ("WR12", "Broadway"): 1,
        ("WR13", "Malvern"): 2, ("WR14", "Malvern"): 5, ("WR15", "Tenbury Wells"): 1,
    }
)  # fmt: skip
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # inward-code letters never include C, I, K, M, O or V
_STREET_WORDS = (
    "Oak", "Ash", "Elm", "Beech", "Willow", "Meadow", "Orchard", "Church", "Mill", "Station", "Severn",
    "Bredon", "Hop", "Cherry", "Chestnut", "Hawthorn", "Abbey", "Priory", "Victoria", "Albert", "Windsor",
    "Park", "Brook", "Spring", "Hill", "Vale", "Teme", "Avon", "Lark", "Kingfisher", "Heron", "Damson",
    "Perry", "Pear", "Plum", "Foregate", "Cathedral", "Lych", "Holly", "Rowan", "Laburnum", "Cedar",
    "Sycamore", "Linden", "Primrose", "Bluebell", "Foxglove", "Poplar", "Hazel", "Redwing", "Swallow",
)  # fmt: skip
_STREET_ENDINGS = Picker(
    {"Road": 8, "Street": 5, "Close": 6, "Avenue": 4, "Lane": 5, "Drive": 4, "Crescent": 3, "Way": 3,
     "Gardens": 2, "Grove": 2, "Court": 2, "Place": 1, "Rise": 1, "Walk": 1, "Meadows": 1}
)  # fmt: skip
_FLAT_NAMES = (
    "Severn House",
    "Teme Court",
    "Malvern View",
    "Abbey Court",
    "Orchard House",
    "Riverside Court",
)

# UPNs of children who moved in from another authority carry that LA's code (all valid CIN 1530 codes).
_OTHER_UPN_LAS = Picker({"330": 3, "860": 2, "884": 2, "893": 1, "894": 1, "916": 2, "937": 2})


class Identifiers:
    """Hands out unique synthetic NHS numbers and UPNs from the generator's random stream."""

    def __init__(self, rng: random.Random, la_code: str) -> None:
        self.rng = rng
        self.la_code = la_code if la_code in people_rules.UPN_LA_CODES else "885"
        self._nhs: set[str] = set()
        self._upn: set[str] = set()

    def sharing(self, rng: random.Random) -> "Identifiers":
        """Identifiers from another random stream that never repeat one handed out here."""
        other = Identifiers(rng, self.la_code)
        other._nhs, other._upn = self._nhs, self._upn
        return other

    def nhs_number(self) -> str:
        while True:
            body = f"999{self.rng.randrange(1_000_000):06d}"
            check = calculate_checksum(body)
            number = f"{body}{check}"
            if check is not None and check < 10 and number not in self._nhs:
                self._nhs.add(number)
                return number

    def upn(self, *, establishment: int, date_of_birth: date, moved_in: bool) -> str:
        la = _OTHER_UPN_LAS(self.rng) if moved_in else self.la_code
        year = (date_of_birth.year + 5) % 100  # allocated on starting school, about age 4-5
        while True:
            body = f"{la}{establishment:04d}{year:02d}{self.rng.randrange(1000):03d}"
            upn = people_rules.upn_check_letter(body) + body
            if upn not in self._upn:
                self._upn.add(upn)
                return upn


def postcode(rng: random.Random) -> tuple[str, str]:
    """A Worcestershire-like postcode and its post town."""
    district, town = DISTRICTS(rng)
    inward = f"{rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
    return people_rules.normalise_postcode(f"{district}{inward}"), town


def street(rng: random.Random) -> str:
    return f"{rng.choice(_STREET_WORDS)} {_STREET_ENDINGS(rng)}"


def address_lines(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.15:
        return f"Flat {rng.randint(1, 24)}, {rng.choice(_FLAT_NAMES)}", f"{rng.randint(1, 80)} {street(rng)}"
    return f"{rng.randint(1, 180)} {street(rng)}", ""


def drama_phone(rng: random.Random) -> str:
    """A number Ofcom keeps for drama (01632 960000-960999): never anyone's real line."""
    return f"01632 960{rng.randrange(1000):03d}"
