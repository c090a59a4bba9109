import os

from django.core.wsgi import get_wsgi_application

from parley.core.checks import refuse_unsafe_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.config.settings.base")
application = get_wsgi_application()
refuse_unsafe_start()
