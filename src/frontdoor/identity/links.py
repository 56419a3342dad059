"""Every column in the project that names a person, found from Django's model meta, not listed by
hand: a pathway that adds a ForeignKey, OneToOneField or ManyToManyField to people.Person is moved
by a merge without a change here (ManyToMany through their through-models' ForeignKeys)."""

from functools import cache

from django.apps import apps
from django.db import models

from frontdoor.people.models import Person

# Audit rows cannot be updated (audit migrations 0003, 0004): they keep naming the merged person and
# the merge record resolves them. The duplicate register's own rows name both people on purpose.
UNMOVED = frozenset(
    {
        "audit.auditevent",
        "audit.accessevent",
        "identity.duplicatepair",
        "identity.merge",
        "identity.mergelink",
    }
)


@cache
def person_columns() -> tuple[tuple[type[models.Model], str], ...]:
    """(model, attname) for every concrete foreign key to Person, through-models of ManyToMany
    fields included, in a stable order."""
    found: list[tuple[type[models.Model], str]] = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower in UNMOVED or model is Person:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is Person:
                found.append((model, field.attname))
    return tuple(sorted(found, key=lambda item: (item[0]._meta.label_lower, item[1])))
