"""factory_boy factories for people tests: real rows with memorable, deterministic values."""

from datetime import date

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from frontdoor.organisations.models import Authority, Role, Team, User
from frontdoor.people import rules
from frontdoor.people.models import Address, Person, PersonName, Residence


class AuthorityFactory(DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ("la_code",)

    la_code = "885"
    name = factory.LazyAttribute(lambda o: f"Authority {o.la_code} (test)")


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("authority", "name")

    authority = factory.SubFactory(AuthorityFactory)
    name = "Family Front Door"
    is_front_door = True


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"worker{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Worker{n}")
    authority = factory.SubFactory(AuthorityFactory)
    team = factory.SubFactory(TeamFactory, authority=factory.SelfAttribute("..authority"))
    role = Role.CONTACT_OFFICER


class PersonFactory(DjangoModelFactory):
    """A child in Worcestershire (885), with blocking keys computed as people.services would."""

    class Meta:
        model = Person

    authority = factory.SubFactory(AuthorityFactory)
    reference = factory.Sequence(lambda n: f"FT{n:08d}")
    first_name = "Tom"
    last_name = "Example"
    date_of_birth = date(2016, 5, 4)
    sex = "M"
    last_name_key = factory.LazyAttribute(lambda o: rules.name_key(o.last_name))
    first_name_key = factory.LazyAttribute(lambda o: rules.name_key(o.first_name))
    created_at = factory.LazyFunction(timezone.now)


class PersonNameFactory(DjangoModelFactory):
    class Meta:
        model = PersonName

    person = factory.SubFactory(PersonFactory)
    authority = factory.SelfAttribute("person.authority")
    kind = PersonName.Kind.FORMER
    last_name = "Former"
    last_name_key = factory.LazyAttribute(lambda o: rules.name_key(o.last_name))


class AddressFactory(DjangoModelFactory):
    class Meta:
        model = Address

    authority = factory.SubFactory(AuthorityFactory)
    line_1 = factory.Sequence(lambda n: f"{n + 1} Test Street")
    town = "Worcester"
    postcode = "WR1 2AB"


class ResidenceFactory(DjangoModelFactory):
    class Meta:
        model = Residence

    person = factory.SubFactory(PersonFactory)
    address = factory.SubFactory(AddressFactory, authority=factory.SelfAttribute("..person.authority"))
