"""Sign-up answers every bad input with the form again, never an error page."""

import re

import pytest

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-8421"


def sign_up(client, **fields):
    data = {
        "name": "New Reader",
        "email": "new@example.org",
        "password": PASSWORD,
        **fields,
    }
    return client.post("/accounts/sign-up/", data)


@pytest.mark.parametrize("name", ["Rea Der", "REA DER", "reader"])
def test_taken_name_gets_the_form_again_with_a_sentence(
    client, django_user_model, name
):
    """A name another account shows (case aside; its username when it has no
    name) is refused with a sentence; typed values stay."""
    django_user_model.objects.create_user("rd", first_name="Rea", last_name="Der")
    django_user_model.objects.create_user("reader")
    response = sign_up(client, name=name, email="typed@example.org")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Another reader goes by this name. Please choose another." in page
    assert 'value="typed@example.org"' in page
    assert f'value="{name}"' in page


def test_sign_up_asks_only_for_name_address_and_password(client):
    """No username and no second password: what a commenter needs."""
    page = client.get("/accounts/sign-up/").content.decode()
    main = page[page.index('<main id="main"') : page.index("</main>")]
    names = re.findall(r'<input[^>]* name="([a-z_]+)"', main)
    assert [n for n in names if n not in {"csrfmiddlewaretoken", "next"}] == [
        "name",
        "email",
        "password",
    ]


def test_sign_up_makes_the_username_and_shows_the_name(client, django_user_model):
    """The name is the reader's public name; the username is made from it."""
    django_user_model.objects.create_user("ana-diaz")
    assert sign_up(client, name="Ana  Díaz").status_code == 302
    user = django_user_model.objects.get(email="new@example.org")
    assert user.public_name == "Ana Díaz"
    assert user.username.startswith("ana-díaz")
    assert user.check_password(PASSWORD)


def test_a_reader_signs_in_with_their_address(client, django_user_model):
    """Sign-up made the username; the address and password sign in."""
    sign_up(client)
    client.post("/accounts/sign-out/")
    response = client.post(
        "/accounts/sign-in/", {"username": "NEW@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert (
        "Signed in as <strong>New Reader</strong>" in client.get("/").content.decode()
    )


def test_an_address_two_accounts_share_signs_in_neither(client, django_user_model):
    """Accounts the admin made may share an address: it names no one account."""
    for username in ("one", "two"):
        django_user_model.objects.create_user(
            username, email="shared@example.org", password=PASSWORD
        )
    response = client.post(
        "/accounts/sign-in/", {"username": "shared@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "fields",
    [
        {"name": ""},
        {"name": "   "},
        {"name": "x" * 200},
        {"name": "nul\x00name"},
        {"email": ""},
        {"email": "not-an-address"},
        {"email": "nul\x00@example.org"},
        {"email": "a" * 300 + "@example.org"},
        {"password": ""},
        {"password": "short"},
        {"password": "new@example.org"},
    ],
)
def test_bad_input_gets_the_form_again(client, reader_user, fields):
    """Each bad field answers 400 with the form, not an error page."""
    assert sign_up(client, **fields).status_code == 400


def test_list_values_do_not_break_sign_up(client):
    """A field sent twice is read as one value."""
    response = client.post(
        "/accounts/sign-up/",
        {"name": ["a", "b"], "email": ["x@example.org", "y"], "password": "p"},
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
    assert not type(reader_user).objects.filter(first_name="New Reader").exists()


def test_a_name_taken_between_the_check_and_the_write_gets_the_form_again(
    client, django_user_model, monkeypatch
):
    """Two readers signing up under one name at once: the second gets the
    sentence, never an error page."""
    django_user_model.objects.create_user("new-reader-2")
    monkeypatch.setattr(
        "parley.accounts.queries.new_username", lambda name: "new-reader-2"
    )
    response = sign_up(client)
    assert response.status_code == 400
    assert "Another reader goes by this name." in response.content.decode()
    assert not django_user_model.objects.filter(email="new@example.org").exists()
