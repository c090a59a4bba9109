"""Translations: complete catalogues, pages in the reader's language, the cache
keyed by it, and the widget's words from the same catalogue."""

import gettext
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.utils import translation

from parley.core.fastpath import FastPath
from parley.embed.catalogue import MESSAGES, PLURALS
from parley.support import money
from tests.factories import make_article

PACKAGE = Path(__file__).resolve().parents[2] / "parley"
LANGUAGES = ["de", "fr", "es", "ar"]
LOCALE_APPS = sorted(path.parent.name for path in PACKAGE.glob("*/locale"))
CATALOGUES = sorted(PACKAGE.glob("*/locale/*/LC_MESSAGES/django.po"))
# CLDR plural categories per language (what Intl.PluralRules picks among).
CATEGORIES = {
    "en": {"one", "other"},
    "de": {"one", "other"},
    "fr": {"one", "many", "other"},
    "es": {"one", "many", "other"},
    "ar": {"zero", "one", "two", "few", "many", "other"},
}


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request leaves its language active in the thread: later tests start in
    English, as a fresh thread does."""
    yield
    translation.activate("en")


def _messages(path: Path) -> dict:
    with path.open("rb") as file:
        catalogue = read_po(file)
    return {
        (message.context, message.id): message for message in catalogue if message.id
    }


def test_every_app_that_speaks_to_readers_has_a_catalogue():
    """Each app with templates or reader-facing sentences carries its words."""
    assert {
        "accounts",
        "core",
        "discussions",
        "embed",
        "moderation",
        "newsroom",
        "notifications",
        "protection",
        "pwa",
        "support",
    } <= set(LOCALE_APPS)
    assert len(CATALOGUES) == len(LOCALE_APPS) * len(LANGUAGES)


@pytest.mark.parametrize("app", LOCALE_APPS)
def test_every_marked_string_is_translated(app, tmp_path, monkeypatch):
    """Extract the app's strings as makemessages does (xgettext, over a copy of
    the app with its committed catalogues) and find every one translated, in
    every language, none fuzzy: a string marked but not translated fails here."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext is needed to extract strings: make gettext")
    copy = tmp_path / app
    shutil.copytree(PACKAGE / app, copy, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.chdir(copy)
    call_command(
        "makemessages",
        locale=LANGUAGES,
        no_location=True,
        no_obsolete=True,
        verbosity=0,
    )
    for language in LANGUAGES:
        fresh = _messages(copy / "locale" / language / "LC_MESSAGES" / "django.po")
        committed = _messages(
            PACKAGE / app / "locale" / language / "LC_MESSAGES" / "django.po"
        )
        assert fresh, f"{app}: no strings extracted"
        untranslated = [
            key
            for key, message in fresh.items()
            if message.fuzzy
            or not all(
                message.string
                if isinstance(message.string, tuple)
                else [message.string]
            )
        ]
        assert not untranslated, f"{app}/{language} lacks translations: {untranslated}"
        assert set(fresh) == set(committed), f"{app}/{language}: run make messages"


@pytest.mark.parametrize(
    "po", CATALOGUES, ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_the_mo_files_are_compiled_from_the_po_files(po):
    """The committed .mo (what Django reads) says what its .po says: run
    `make compilemessages` after changing a translation."""
    with po.open("rb") as file:
        catalogue = read_po(file)
    with po.with_suffix(".mo").open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    expected = {}
    for message in catalogue:
        if not message.id:
            continue
        prefix = f"{message.context}\x04" if message.context else ""
        if message.pluralizable:
            for index, text in enumerate(message.string):
                expected[(prefix + message.id[0], index)] = text
        else:
            expected[prefix + message.id] = message.string
    found = {key: value for key, value in compiled._catalog.items() if key != ""}
    assert found == expected
    forms = compiled.info()["plural-forms"].replace(" ", "")
    assert forms == catalogue.plural_forms.replace(" ", "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_sentence_reads_the_same_in_every_catalogue(language):
    """Django merges the apps' catalogues, the first app's word winning: a
    sentence two apps share (the page's form and the widget's) must be
    translated alike, or the page and the widget would word it differently."""
    seen: dict = {}
    differ = []
    for po in sorted(PACKAGE.glob(f"*/locale/{language}/LC_MESSAGES/django.po")):
        with po.open("rb") as file:
            for message in read_po(file):
                if not message.id:
                    continue
                key = (str(message.id), message.context)
                first = seen.setdefault(key, (po.parts[-5], message.string))
                if first[1] != message.string:
                    differ.append((key[0], first[0], po.parts[-5]))
    assert differ == []


def test_arabic_catalogues_have_six_plural_forms():
    for po in PACKAGE.glob("*/locale/ar/LC_MESSAGES/django.po"):
        with po.open("rb") as file:
            catalogue = read_po(file)
        assert catalogue.num_plurals == 6, po
        for message in catalogue:
            if message.pluralizable:
                assert len(message.string) == 6 and all(message.string), message.id


# ----- the page's language and the cache -----


def _home(client, language: str):
    return client.get("/", headers={"Accept-Language": language})


@pytest.mark.django_db
@pytest.mark.parametrize("order", [("de", "en"), ("en", "de")])
def test_each_reader_gets_the_shared_page_in_their_language(client, order):
    """A German reader gets German and an English reader English, whichever of
    them the shared page was cached for first."""
    make_article(headline="Shared story")
    words = {"de": ('lang="de"', "Anmelden"), "en": ('lang="en"', "Sign in")}
    for _round in range(2):  # built, then from the cache
        for language in order:
            response = _home(client, f"{language},en;q=0.5")
            body = response.content.decode()
            assert response.status_code == 200
            for word in words[language]:
                assert word in body
            other = "en" if language == "de" else "de"
            assert words[other][0] not in body
            assert "Accept-Language" in response.headers["Vary"]
            assert response.headers["Content-Language"] == language


@pytest.mark.django_db
def test_arabic_page_is_right_to_left(client):
    response = _home(client, "ar")
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    assert '<html lang="en" dir="ltr">' in _home(client, "en").content.decode()


@pytest.mark.django_db
def test_a_regional_or_unknown_language_is_matched_or_english(client):
    assert 'lang="fr"' in _home(client, "fr-CH, pt;q=0.9").content.decode()
    assert 'lang="es"' in _home(client, "pt-BR, es-MX;q=0.8").content.decode()
    assert 'lang="en"' in _home(client, "pt-BR, ja;q=0.8").content.decode()
    assert 'lang="en"' in client.get("/").content.decode()


class _Answer:
    def __init__(self, app, path, **headers):
        environ = RequestFactory().get(path, headers=headers).environ
        self.status, self.headers = None, None

        def start_response(status, headers, exc_info=None):
            self.status, self.headers = status, dict(headers)

        self.body = b"".join(app(environ, start_response)).decode()


@pytest.fixture
def fast_app():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield FastPath(WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.parametrize("first", ["de", "en"])
def test_the_fast_path_keeps_one_page_per_language(
    fast_app, first, django_assert_num_queries
):
    """The fast path answers without Django: it picks the entry by the language
    Django would choose, so neither language's page is served to the other."""
    make_article(headline="Fast story")
    second = "en" if first == "de" else "de"
    for language in (first, second, first, second):
        answer = _Answer(fast_app, "/", **{"Accept-Language": f"{language}-XX"})
        assert answer.status == "200 OK"
        assert f'lang="{language}"' in answer.body
    # Another way of asking for German is the same German page, from the fast
    # path (one query: the versions).
    with django_assert_num_queries(1):
        again = _Answer(fast_app, "/", **{"Accept-Language": "de;q=0.9, en;q=0.1"})
    assert 'lang="de"' in again.body


@pytest.mark.django_db
def test_the_site_setting_forces_one_language(client, settings):
    """PARLEY_LANGUAGE: every reader gets that language, and the answer does
    not vary by Accept-Language."""
    settings.PARLEY_LANGUAGE = "fr"
    for asked in ("de", "en", ""):
        response = _home(client, asked)
        assert 'lang="fr"' in response.content.decode()
        assert "Se connecter" in response.content.decode()
        assert "Accept-Language" not in response.headers["Vary"]


def test_an_unknown_site_language_is_refused_by_the_checks(settings):
    from parley.core.checks import check_site_language

    settings.PARLEY_LANGUAGE = "pt"
    assert [error.id for error in check_site_language()] == ["parley.E005"]
    settings.PARLEY_LANGUAGE = "de"
    assert check_site_language() == []


@pytest.mark.django_db
def test_pages_outside_the_shared_cache_are_translated(client):
    body = client.get("/support/", headers={"Accept-Language": "es"}).content.decode()
    assert "Formas de donar" in body
    assert '<html lang="es" dir="ltr">' in body
    body = client.get(
        "/no-such-page/", headers={"Accept-Language": "de"}
    ).content.decode()
    assert "Diese Seite haben wir nicht gefunden" in body


def test_amounts_are_written_as_the_reader_language_writes_them():
    with translation.override("de"):
        assert money.money(Decimal("2500"), "EUR") == "2.500,00\xa0€"
    with translation.override("en"):
        assert money.money(Decimal("2500"), "EUR") == "€2,500.00"


@pytest.mark.django_db
def test_mail_is_written_in_the_site_language(settings):
    """Mail is written by the task worker, for no request: in PARLEY_LANGUAGE
    when the site has one, else in LANGUAGE_CODE."""
    from parley.notifications import mail

    user = type("User", (), {})()
    user.email, user.pk = "reader@example.org", 7
    user.get_username = lambda: "reader"
    settings.PARLEY_LANGUAGE = "de"
    german = mail.address_confirmation_mail(user)
    assert german.subject.startswith("Bitte bestätigen Sie Ihre E-Mail-Adresse")
    assert "Zum Bestätigen öffnen Sie diesen Link" in german.body
    settings.PARLEY_LANGUAGE = ""
    assert mail.address_confirmation_mail(user).subject.startswith(
        "Please confirm your e-mail address"
    )


# ----- the widget's words -----


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "ar"])
def test_the_widget_gets_its_words_and_plural_forms(client, language):
    response = client.get(f"/api/v1/widget/messages?lang={language}")
    assert response.status_code == 200
    data = response.json()
    assert data["language"] == language
    assert data["direction"] == ("rtl" if language == "ar" else "ltr")
    assert set(data["messages"]) == set(MESSAGES)
    assert set(data["plurals"]) == set(PLURALS)
    for forms in data["plurals"].values():
        assert set(forms) == CATEGORIES[language]
        assert all(forms.values())


@pytest.mark.django_db
def test_arabic_widget_plurals_have_six_different_categories(client):
    forms = client.get("/api/v1/widget/messages?lang=ar").json()["plurals"]
    new_comments = forms["newComments"]
    assert len(new_comments) == 6
    assert len(set(new_comments.values())) == 6
    assert new_comments["two"] == "تعليقان جديدان — اعرضهما"
    assert new_comments["few"] == "%(count)s تعليقات جديدة — اعرضها"


@pytest.mark.django_db
def test_the_widget_words_follow_the_browser_without_lang(client):
    response = client.get(
        "/api/v1/widget/messages", headers={"Accept-Language": "de-AT"}
    )
    data = response.json()
    assert data["language"] == "de"
    assert data["messages"]["notifyMe"] == "Benachrichtigen"
    assert "Accept-Language" in response.headers["Vary"]
    # A page in a language the site doesn't speak: the browser's choice.
    response = client.get(
        "/api/v1/widget/messages?lang=pt", headers={"Accept-Language": "fr"}
    )
    assert response.json()["language"] == "fr"
    # The page's language wins over the browser's.
    response = client.get(
        "/api/v1/widget/messages?lang=es-MX", headers={"Accept-Language": "fr"}
    )
    assert response.json()["language"] == "es"


@pytest.mark.django_db
def test_the_widget_words_are_cached_by_etag(client):
    first = client.get("/api/v1/widget/messages?lang=de")
    assert first.headers["Cache-Control"] == "public, max-age=300"
    etag = first.headers["ETag"]
    again = client.get(
        "/api/v1/widget/messages?lang=de", headers={"If-None-Match": etag}
    )
    assert again.status_code == 304
    other = client.get(
        "/api/v1/widget/messages?lang=fr", headers={"If-None-Match": etag}
    )
    assert other.status_code == 200 and other.headers["ETag"] != etag


@pytest.mark.django_db
def test_a_malformed_lang_is_refused_with_a_sentence(client):
    response = client.get("/api/v1/widget/messages?lang=de_DE%3Cscript%3E")
    assert response.status_code == 400
    assert response.json()["errors"]


@pytest.mark.django_db
def test_the_site_language_wins_over_the_widget_lang(client, settings):
    settings.PARLEY_LANGUAGE = "ar"
    data = client.get("/api/v1/widget/messages?lang=de").json()
    assert data["language"] == "ar" and data["direction"] == "rtl"


@pytest.mark.django_db
def test_api_refusals_are_in_the_readers_language(client):
    """The edge's own refusals (an unknown route) speak the reader's language:
    the language is active before the edge middleware answers."""
    response = client.get("/api/v1/no-such-route", headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Ce point d\u2019acc\u00e8s de l\u2019API n\u2019existe pas."
    }
    english = client.get("/api/v1/no-such-route").json()
    assert english == {"detail": "There is no such API endpoint."}
