"""A date whose day box holds 19 or more digits is a clear refusal beside the field, not a server
error (issue 18), on the staff search and on the partner referral form."""

import pytest
from django.urls import reverse

from frontdoor.contacts.models import Contact
from frontdoor.organisations.models import Role
from tests import builders
from tests.portal.test_views import form_data

pytestmark = pytest.mark.django_db
HUGE_DAY = "9" * 19


def test_the_staff_search_refuses_a_huge_day_beside_the_field(client):
    client.force_login(builders.user(builders.authority(), Role.CONTACT_OFFICER))

    response = client.get(
        reverse("people:search"),
        {
            "last_name": "Quince",
            "date_of_birth_day": HUGE_DAY,
            "date_of_birth_month": "1",
            "date_of_birth_year": "2015",
        },
    )

    assert response.status_code == 200
    assert response.context["search"].errors == {"date_of_birth": ["Date of birth must be a real date"]}
    assert response.context["matches"] is None


def test_the_partner_referral_form_refuses_a_huge_day_and_saves_nothing(client):
    school = builders.partner(builders.authority())
    client.force_login(school)

    response = client.post(
        reverse("portal:referral_new"), form_data(**{"child1-date_of_birth_day": HUGE_DAY})
    )

    assert response.status_code == 200
    assert "Date of birth must be a real date" in response.content.decode()
    assert Contact.objects.count() == 0
