"""The account pages in the reader's language: labels, refusals and the
sentences around the forms come from the accounts catalogue."""

import pytest
from django.utils import translation

from tests.accounts.test_sign_up_inputs import sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    translation.activate("en")


def test_sign_in_page_in_french(client):
    page = client.get(
        "/accounts/sign-in/", headers={"Accept-Language": "fr"}
    ).content.decode()
    assert "E-mail ou nom d\u2019utilisateur" in page
    assert "Nouveau ici ?" in page
    assert "Mot de passe" in page  # Django's own catalogue


def test_sign_up_refusal_in_spanish(client, django_user_model):
    django_user_model.objects.create_user("rd", first_name="Rea", last_name="Der")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    page = sign_up(client, name="Rea Der").content.decode()
    assert "Otro lector ya usa este nombre. Elija otro, por favor." in page
    assert "Su nombre aparece con sus comentarios" in page


def test_sign_out_page_in_arabic(client):
    page = client.get(
        "/accounts/sign-out/", headers={"Accept-Language": "ar"}
    ).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "لقد سجّلت الخروج." in page
