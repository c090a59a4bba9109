"""`{% app_head %}`: the web app's links, worker and banner in a page's <head>."""

from django import template
from django.templatetags.static import static

from .. import conf
from ..manifest import APPLE_TOUCH_ICON, ICONS

register = template.Library()


@register.inclusion_tag("pwa/_app_head.html", takes_context=True)
def app_head(context):
    """Render the same for every reader: the banner's state lives in their browser."""
    return {
        "site_name": context.get("site_name", ""),
        "theme_color": conf.theme_color(),
        "store_url": conf.store_url(),
        "icon": static(ICONS[0][0]),
        "apple_touch_icon": static(APPLE_TOUCH_ICON),
    }
