"""
Names readers are shown under: a guest's name on a comment (API and the form
without JavaScript) and a reader's account name (sign-up). Nobody may pass for a
member of staff, hide a name behind invisible or direction-changing characters,
or pile accents on a letter.
"""

import json
import re

import pytest
from django.contrib.auth.models import Group

from parley.discussions.models import Comment
from tests.factories import make_article, make_thread

pytestmark = pytest.mark.django_db

STAFF_NAME = "This name belongs to a member of our staff. Please choose another."
TOO_MANY_MARKS = "Please use at most 3 accents on any one letter of your name."
MISSING_NAME = "Please enter your name here"


@pytest.fixture
def demo_editor(django_user_model):
    """The demo's editor, as load_demo makes them: staff, named "Demo Editor"."""
    return django_user_model.objects.create_user(
        username="editor",
        password="pw-editor-123",
        first_name="Demo",
        last_name="Editor",
        is_staff=True,
    )


@pytest.fixture
def group_moderator(django_user_model):
    """A moderator by role only (the Moderators group), not is_staff."""
    user = django_user_model.objects.create_user(
        username="mona", password="pw-mona-123", first_name="Mona", last_name="Rossi"
    )
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    return user


@pytest.fixture
def thread():
    return make_thread("k")


def _api(client, name: str):
    return client.post(
        "/api/v1/threads/k/comments",
        data=json.dumps({"body": "Hello", "name": name}),
        content_type="application/json",
    )


def _form_errors(html: str) -> list[str]:
    return re.findall(r'<span class="field-error" role="alert">([^<]*)</span>', html)


# ----- passing for staff -----

IMPERSONATIONS = [
    "Demo Editor",
    "demo editor",
    "DEMO EDITOR",
    "Demo Edit\u03bfr",  # a Greek omicron
    "D\u0435mo Editor",  # a Cyrillic e
    "Dem0 Editor",  # a zero
    "\u202eDemo Editor",  # a right-to-left override in front
    "Demo\u2009Editor",  # a thin space
    "Demo\u00a0 Editor",  # a no-break space and a space
    "Demo Ed\u200bitor",  # a zero-width space inside
    "\uff24\uff45\uff4d\uff4f \uff25\uff44\uff49\uff54\uff4f\uff52",  # full width
]


@pytest.mark.parametrize("name", IMPERSONATIONS)
def test_guest_cannot_post_under_a_staff_members_name(
    client, thread, demo_editor, name
):
    """The confusable skeleton of the name, case aside, is the staff member's."""
    response = _api(client, name)
    assert response.status_code == 400, response.content
    assert response.json() == {"errors": {"name": STAFF_NAME}}
    assert not Comment.objects.exists()


def test_a_moderator_by_group_is_staff_too(client, thread, group_moderator):
    response = _api(client, "M\u043ena Rossi")  # a Cyrillic o
    assert response.json() == {"errors": {"name": STAFF_NAME}}


def test_names_that_only_resemble_a_staff_name_in_part_are_fine(
    client, thread, demo_editor
):
    for name in ("Demo Editors", "Demo", "Editor", "A Demo Editor fan", "Demo Éditor"):
        assert _api(client, name).status_code == 201, name


def test_no_js_form_refuses_a_staff_name(client, demo_editor):
    article = make_article()
    response = client.post(
        article.get_absolute_url(), {"body": "Hello", "name": "Demo Edit\u03bfr"}
    )
    assert response.status_code == 400
    assert _form_errors(response.content.decode()) == [STAFF_NAME]
    assert not Comment.objects.exists()


def test_staff_keep_their_own_names(client, thread, demo_editor):
    client.force_login(demo_editor)
    response = client.post(
        "/api/v1/threads/k/comments",
        data=json.dumps({"body": "From the desk"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["author"]["name"] == "Demo Editor"


def test_a_new_staff_member_is_protected_at_once(client, thread, django_user_model):
    """The staff names are cached, and forgotten when users or groups change."""
    assert _api(client, "Nia Editor").status_code == 201
    user = django_user_model.objects.create_user(
        username="nia", first_name="Nia", last_name="Editor"
    )
    assert _api(client, "Nia Editor").status_code == 201
    user.groups.add(Group.objects.get_or_create(name="Admins")[0])
    assert _api(client, "Nia Editor").json() == {"errors": {"name": STAFF_NAME}}
    user.groups.clear()
    assert _api(client, "Nia Editor").status_code == 201
    user.is_staff = True
    user.save()
    assert _api(client, "Nia Editor").json() == {"errors": {"name": STAFF_NAME}}


def test_staff_names_cost_one_query_then_none(
    demo_editor, group_moderator, django_assert_num_queries
):
    from parley.accounts import names

    with django_assert_num_queries(1):
        assert names.is_staff_name("Demo Editor")
        assert names.is_staff_name("mona rossi")
        assert not names.is_staff_name("Somebody Else")


# ----- invisible and direction-changing characters -----


@pytest.mark.parametrize(
    "name",
    [
        "\u202e",  # right-to-left override
        "\ufeff",  # zero-width no-break space (BOM)
        "\u200b\u200b",  # zero-width spaces
        "\u202e\ufeff\u200b\u2060",
        "\u3164",  # Hangul filler
        "\u2800",  # Braille blank
        "\u0301",  # an accent on nothing
        " \u200d ",
    ],
)
def test_a_name_of_invisible_characters_is_no_name(client, thread, name):
    response = _api(client, name)
    assert response.status_code == 400
    assert response.json()["errors"]["name"] == MISSING_NAME


def test_no_js_form_says_the_same_for_an_invisible_name(client):
    article = make_article()
    response = client.post(
        article.get_absolute_url(), {"body": "Hello", "name": "\u202e\ufeff\u200b"}
    )
    assert response.status_code == 400
    assert _form_errors(response.content.decode()) == [MISSING_NAME]


def test_direction_controls_and_invisible_characters_are_stripped(client, thread):
    """What is left reads as it is stored: "rotidE omeD" shows as typed."""
    response = _api(client, "\u202erotidE omeD\u200b\ufeff")
    assert response.status_code == 201
    assert response.json()["author"]["name"] == "rotidE omeD"
    assert Comment.objects.get().author_name == "rotidE omeD"


def test_names_in_every_script_keep_their_characters(client, thread):
    for name in (
        "José Núñez",
        "Nguyễn Thị Ánh",
        "محمد",
        "राजेश कुमार",
        "שִּׁמְעוֹן",
        "Zoë ❤️",
        "山田 太郎",
    ):
        response = _api(client, name)
        assert response.status_code == 201, name
        assert response.json()["author"]["name"] == name


# ----- stacked accents -----


def test_ninety_nine_accents_on_a_letter_are_refused(client, thread):
    response = _api(client, "Ana" + "\u0301" * 99)
    assert response.status_code == 400
    assert response.json() == {"errors": {"name": TOO_MANY_MARKS}}


def test_three_accents_on_a_letter_are_fine_four_are_not(client, thread):
    assert _api(client, "a\u0301\u0302\u0303 b").status_code == 201
    response = _api(client, "a\u0301\u0302\u0303\u0304 b")
    assert response.json() == {"errors": {"name": TOO_MANY_MARKS}}


def test_no_js_form_refuses_stacked_accents(client):
    article = make_article()
    response = client.post(
        article.get_absolute_url(), {"body": "Hello", "name": "Z" + "\u0335" * 40}
    )
    assert response.status_code == 400
    assert _form_errors(response.content.decode()) == [TOO_MANY_MARKS]


# ----- a reader's account name -----


def _sign_up(client, **fields):
    return client.post(
        "/accounts/sign-up/",
        {"email": "n@example.org", "password": "a-Long-pass-8421", **fields},
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "Demo Editor"},
        {"name": "Demo Edit\u03bfr"},
        {"name": "\u202eDemo EDITOR"},
        {"name": "Mona R\u043essi"},
    ],
)
def test_sign_up_refuses_a_staff_members_name(
    client, demo_editor, group_moderator, django_user_model, fields
):
    response = _sign_up(client, **fields)
    assert response.status_code == 400
    assert STAFF_NAME in response.content.decode()
    assert not django_user_model.objects.filter(email="n@example.org").exists()


def test_sign_up_refuses_a_staff_members_username_as_the_shown_name(
    client, django_user_model
):
    """Without a full name a reader is shown under their username."""
    django_user_model.objects.create_user(username="desk", is_staff=True)
    response = _sign_up(client, name="d\u0435sk")  # a Cyrillic e
    assert response.status_code == 400
    assert STAFF_NAME in response.content.decode()


def test_sign_up_strips_invisible_characters_from_the_name(client, django_user_model):
    response = _sign_up(client, name="\u202eAda\u200b \ufeffKing")
    assert response.status_code == 302
    user = django_user_model.objects.get(email="n@example.org")
    assert user.public_name == "Ada King"


def test_sign_up_refuses_stacked_accents(client):
    response = _sign_up(client, name="Ana" + "\u0301" * 50)
    assert response.status_code == 400
    assert TOO_MANY_MARKS in response.content.decode()


def test_staff_edit_their_own_names_in_the_admin(client, demo_editor):
    """Staff keep (and may change) their names; a reader's edited name is checked."""
    from django.contrib.auth import get_user_model

    reader = get_user_model().objects.create_user(username="someone")
    demo_editor.is_superuser = True
    demo_editor.save()
    client.force_login(demo_editor)
    for user, first, expected in (
        (demo_editor, "Demo", 302),
        (reader, "Dem\u043e", 200),  # refused: the form comes back with the error
    ):
        response = client.post(
            f"/admin/accounts/user/{user.pk}/change/",
            {
                "username": user.username,
                "first_name": first,
                "last_name": "Editor",
                "email": "",
                "is_active": "on",
                "is_staff": "on" if user.is_staff else "",
                "is_superuser": "on" if user.is_superuser else "",
                "date_joined_0": "2024-01-01",
                "date_joined_1": "00:00:00",
            },
        )
        assert response.status_code == expected, response.content.decode()[:2000]
    assert STAFF_NAME in response.content.decode()


@pytest.mark.parametrize(
    "hidden",
    [
        "\u17b4",
        "\u17b5",
        "\u180b",
        "\u180d",
        "\u180f",
        "\u2065",
        "\ufff0",
        "\U000e0080",
    ],
)
def test_every_default_ignorable_character_is_stripped(
    client, thread, demo_editor, hidden
):
    """Characters a browser draws as nothing can't smuggle a staff name past."""
    response = _api(client, f"Demo Editor{hidden}")
    assert response.status_code == 400
    assert response.json()["errors"]["name"] == STAFF_NAME
    assert _api(client, f"Ann{hidden}e").json()["author"]["name"] == "Anne"


def test_thread_titles_are_shown_like_names(client, settings):
    """A declared page title loses invisible and direction-changing characters."""
    response = client.post(
        "/api/v1/threads/blog:t/comments",
        data=json.dumps(
            {
                "body": "Hello",
                "name": "Ann",
                "thread_title": "\u202eMy\u200b  post\x07",
                "thread_url": "http://embed.example/t",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    from parley.discussions.models import Thread

    assert Thread.objects.get(key="blog:t").title == "My post"
