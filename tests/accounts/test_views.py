import pytest

pytestmark = pytest.mark.django_db


def test_sign_up_signs_in_and_sign_out(client, django_user_model):
    response = client.post(
        "/accounts/sign-up/",
        {
            "username": "newreader",
            "email": "n@example.org",
            "password1": "a-Long-pass-8421",
            "password2": "a-Long-pass-8421",
        },
    )
    assert response.status_code == 302
    assert "Signed in as" in client.get("/").content.decode()
    client.post("/accounts/sign-out/")
    assert "Sign in" in client.get("/").content.decode()


def test_sign_up_errors_are_shown(client):
    response = client.post("/accounts/sign-up/", {"username": "", "password1": "x"})
    assert response.status_code == 400


def test_sign_in_page(client, reader_user):
    assert client.get("/accounts/sign-in/").status_code == 200
    response = client.post(
        "/accounts/sign-in/", {"username": "reader", "password": "pw-reader-123"}
    )
    assert response.status_code == 302
