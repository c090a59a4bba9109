"""The one NinjaAPI: it only mounts routers and installs error handlers."""

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from ninja import NinjaAPI

from .errors import install_error_handlers
from .routers.articles import router as articles_router
from .routers.discussions import router as discussions_router
from .routers.live import router as live_router
from .routers.me import router as me_router
from .routers.moderation import router as moderation_router
from .routers.notifications import router as notifications_router
from .routers.protection import router as protection_router
from .routers.support import router as support_router
from .routers.webhooks import router as webhooks_router
from .routers.widget import router as widget_router

api = NinjaAPI(
    title="Parley API",
    version="1",
    description="Threads, comments, votes and counts for Parley's reader discussion.",
    urls_namespace="api",
    # The contract is read-only: other methods answer 405, not the CSRF page.
    docs_decorator=lambda view: csrf_exempt(require_safe(view)),
)
install_error_handlers(api)
api.add_router("/", discussions_router)
api.add_router("/", me_router)
api.add_router("/", moderation_router)
api.add_router("/", protection_router)
api.add_router("/", notifications_router)
api.add_router("/", live_router)
api.add_router("/", articles_router)
api.add_router("/", support_router)
api.add_router("/", webhooks_router)
api.add_router("/", widget_router)
