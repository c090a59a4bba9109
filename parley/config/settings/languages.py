"""The languages the site is written in (see docs/operations.md, "Translations")."""

import os

# Languages the site is written in (their catalogues: each app's locale/, see
# docs/operations.md). PARLEY_LANGUAGE forces one for the whole site; otherwise
# each reader's browser chooses among them (parley.core.languages).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
]
PARLEY_LANGUAGE = os.environ.get("PARLEY_LANGUAGE", "").strip().lower()
USE_I18N = True
