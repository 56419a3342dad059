"""The form field every page that sets an action uses for its owner: a member of staff who works with
children, or a partner agency's named professional, from the actor's authority. There is no free
text: an owner is someone the authority can find again (issue 15 §2)."""

from typing import Any

from django import forms

from frontdoor.organisations.models import Professional, User
from frontdoor.organisations.permissions import PERMISSIONS
from frontdoor.tasks.services import Owner

STAFF, PARTNER = "user", "professional"


def staff_who_own_tasks(authority_id: int) -> Any:
    return User.objects.filter(
        authority_id=authority_id, is_active=True, role__in=PERMISSIONS["task.own"]
    ).order_by("last_name", "first_name", "pk")


def owner_choices(authority_id: int, *, partners: bool = True) -> list[tuple[str, Any]]:
    staff = [(f"{STAFF}:{u.pk}", f"{u.display_name}, {u.get_role_display().lower()}")
             for u in staff_who_own_tasks(authority_id)]  # fmt: skip
    groups: list[tuple[str, Any]] = [("", "Choose who will do it"), ("Staff", staff)]
    if partners:
        found = Professional.objects.filter(authority_id=authority_id).select_related("agency")
        groups.append(
            ("Partner professionals", [(f"{PARTNER}:{p.pk}", f"{p.name}, {p.agency.name}")
                                       for p in found.order_by("agency__name", "name", "pk")])
        )  # fmt: skip
    return groups


class OwnerField(forms.ChoiceField):
    """Chooses an owner; cleans to a tasks.services.Owner (the service checks the authority again)."""

    def __init__(self, *, label: str = "Who will do it?", **kwargs: Any) -> None:
        super().__init__(label=label, choices=[], **kwargs)
        self.authority_id: int | None = None

    def for_authority(self, authority_id: int, *, partners: bool = True) -> None:
        self.authority_id = authority_id
        self.choices = owner_choices(authority_id, partners=partners)

    def clean(self, value: Any) -> Owner | None:  # type: ignore[override]
        chosen = super().clean(value)
        if not chosen:
            return None
        kind, _, pk = str(chosen).partition(":")
        if kind == STAFF:
            return Owner(user=User.objects.get(pk=int(pk)))
        professional = Professional.objects.select_related("agency").get(pk=int(pk))
        return Owner(agency=professional.agency, professional=professional)
