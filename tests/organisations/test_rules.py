from frontdoor.organisations.models import User
from frontdoor.organisations.rules import display_name


def test_a_member_of_staff_is_named_by_full_name_else_username():
    assert display_name("Amara", "Okafor", "aokafor") == "Amara Okafor"
    assert display_name("", "Okafor", "aokafor") == "Okafor"
    assert display_name("", "", "aokafor") == "aokafor"


def test_a_user_and_a_plain_row_are_named_alike():
    user = User(first_name="Amara", last_name="", username="aokafor")
    assert user.display_name == display_name("Amara", "", "aokafor") == "Amara"
