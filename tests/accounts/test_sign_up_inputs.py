"""Sign-up answers every bad input with the form again, never an error page."""

import pytest

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-8421"


def sign_up(client, **fields):
    data = {
        "username": "newreader",
        "first_name": "",
        "last_name": "",
        "email": "new@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **fields,
    }
    return client.post("/accounts/sign-up/", data)


@pytest.mark.parametrize("username", ["reader", "READER"])
def test_taken_username_gets_the_form_again_with_a_sentence(
    client, reader_user, username
):
    """A taken username (case aside) is refused with a sentence; typed values stay."""
    response = sign_up(client, username=username, email="typed@example.org")
    page = response.content.decode()
    assert response.status_code == 400
    assert "This username is taken. Please choose another." in page
    assert 'value="typed@example.org"' in page
    assert f'value="{username}"' in page


def test_taken_username_with_a_name_gets_the_form_again(client, reader_user):
    """The name is checked too, and the taken username still answers 400."""
    response = sign_up(client, username="reader", first_name="Ada", last_name="L")
    assert response.status_code == 400
    assert 'value="Ada"' in response.content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"username": ""},
        {"username": "bad name!"},
        {"username": "x" * 200},
        {"username": "nul\x00name"},
        {"first_name": "nul\x00"},
        {"first_name": "x" * 300},
        {"email": "not-an-address"},
        {"email": "nul\x00@example.org"},
        {"email": "a" * 300 + "@example.org"},
        {"password2": "something-else-1"},
        {"password1": "", "password2": ""},
    ],
)
def test_bad_input_gets_the_form_again(client, reader_user, fields):
    """Each bad field answers 400 with the form, not an error page."""
    assert sign_up(client, **fields).status_code == 400


def test_list_values_do_not_break_sign_up(client):
    """A field sent twice is read as one value."""
    response = client.post(
        "/accounts/sign-up/",
        {"username": ["a", "b"], "email": ["x@example.org", "y"], "password1": "p"},
    )
    assert response.status_code == 400


def test_name_check_accepts_a_missing_name():
    """A name not given yet (None) has nothing to refuse."""
    from parley.accounts.names import name_error, public_name

    assert name_error(None) is None
    assert public_name(None, None, None) == ""


@pytest.mark.parametrize(
    "fields",
    [
        {"username": "nul\x00", "password": "x"},
        {"username": "x" * 5000, "password": "x"},
        {"username": ["a", "b"], "password": ""},
        {},
    ],
)
def test_bad_sign_in_input_gets_the_form_again(client, reader_user, fields):
    """Sign-in answers bad input with its form (200 or 400), never an error page."""
    assert client.post("/accounts/sign-in/", fields).status_code in (200, 400)


@pytest.mark.parametrize(
    "data",
    [
        {"action": "defaults", "delivery": "nonsense"},
        {"action": "delivery", "subscription": "x", "delivery": "\x00"},
        {"action": "end", "subscription": "99999999999999999999999"},
        {"action": "nonsense"},
    ],
)
def test_bad_settings_input_is_answered(client, reader_user, data):
    """The notifications page answers bad input without an error page."""
    client.force_login(reader_user)
    assert client.post("/notifications/", data).status_code in (302, 400)


@pytest.mark.parametrize("email", ["reader@example.org", "READER@Example.ORG"])
def test_an_address_another_account_has_is_refused(client, reader_user, email):
    """Sign-up refuses another account's address, case aside, with a sentence."""
    response = sign_up(client, email=email)
    assert response.status_code == 400
    assert "Another account uses this e-mail address." in response.content.decode()
    assert not type(reader_user).objects.filter(username="newreader").exists()
