import os

from django.core.wsgi import get_wsgi_application

from parley.core.checks import refuse_unsafe_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.config.settings.base")
# Shared pages are answered before Django when nothing they show has changed.
django_application = get_wsgi_application()

from parley.core.fastpath import FastPath  # noqa: E402 (needs the apps loaded)

application = FastPath(django_application)
refuse_unsafe_start()
