"""
"Continue on app" (parley.pwa): the installable web app, its service worker and
the banner offered on phones. Read when used, through parley.pwa.conf.

PARLEY_APP_OFFLINE_ARTICLES  how many of the articles a reader opened their
                     device keeps to read offline, the latest first (default 30)
PARLEY_APP_THEME_COLOR  the installed app's title bar and splash accent
                     (default "#1d1d1f", the site's ink)
PARLEY_APP_SHORT_NAME  the name under the icon on a home screen (default:
                     SITE_NAME)
PARLEY_APP_STORE_URL  the newsroom's native app, offered by the banner when set
                     (empty: the installable web app only)
"""

import os

PARLEY_APP_OFFLINE_ARTICLES = int(os.environ.get("PARLEY_APP_OFFLINE_ARTICLES", "30"))
PARLEY_APP_THEME_COLOR = os.environ.get("PARLEY_APP_THEME_COLOR", "#1d1d1f")
PARLEY_APP_SHORT_NAME = os.environ.get("PARLEY_APP_SHORT_NAME", "")
PARLEY_APP_STORE_URL = os.environ.get("PARLEY_APP_STORE_URL", "")
