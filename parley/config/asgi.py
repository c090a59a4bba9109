import os

from django.core.asgi import get_asgi_application

from parley.core.checks import refuse_unsafe_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.config.settings.base")
application = get_asgi_application()
refuse_unsafe_start()
