"""
The language a page is written in.

One rule, the same in Django (LanguageMiddleware) and in the fast path in front
of it (parley.core.fastpath), which must pick the same cached page without
entering Django: PARLEY_LANGUAGE, when set, is the whole site's language;
otherwise the reader's browser chooses among settings.LANGUAGES by its
Accept-Language header, and LANGUAGE_CODE answers a browser that names none
of them. No cookie and no address prefix take part, so a shared page is kept
once per language and is chosen by one request header.
"""

import functools

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import (
    get_supported_language_variant,
    parse_accept_lang_header,
)


def site_language() -> str:
    """Return the language the site is forced into, or "" if readers choose."""
    return settings.PARLEY_LANGUAGE


def default_language() -> str:
    """Return the language of anything rendered for no one in particular (mail
    written by the task worker, for instance)."""
    return site_language() or settings.LANGUAGE_CODE


def in_default_language(function):
    """Run `function` in default_language(): for what no request's language
    chooses, such as mail the task worker writes."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(default_language()):
            return function(*args, **kwargs)

    return wrapper


def supported(code: str) -> str:
    """Return the language of settings.LANGUAGES that `code` names ("de-AT" is
    "de"), or "" if none does."""
    if not code:
        return ""
    try:
        return get_supported_language_variant(code.strip().lower())
    except LookupError:
        return ""


def language_for(accept_language: str) -> str:
    """Return the language to answer a request with this Accept-Language header in."""
    forced = site_language()
    if forced:
        return forced
    for code, _quality in parse_accept_lang_header(accept_language or ""):
        if code == "*":
            break
        language = supported(code)
        if language:
            return language
    return settings.LANGUAGE_CODE


def direction(language: str) -> str:
    """Return "rtl" or "ltr", the way this language is written."""
    return "rtl" if language.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"


class LanguageMiddleware(LocaleMiddleware):
    """Activate the request's language (language_for) for everything that
    renders it, and say in Vary that the answer depends on Accept-Language
    unless the site is forced into one language."""

    def process_request(self, request):
        language = language_for(request.headers.get("Accept-Language", ""))
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def process_response(self, request, response):
        if not site_language():
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
