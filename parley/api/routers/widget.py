"""The widget's words, in the reader's language, from the site's catalogue."""

import hashlib
import json
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Field, Router

from parley.api.contract import INVALID
from parley.api.schemas.widget import WidgetMessagesOut
from parley.core import languages
from parley.core.caching import etag_matches
from parley.embed.catalogue import widget_messages

router = Router(tags=["widget"])
# The words change with a deploy only: a browser keeps them a few minutes, then
# revalidates (a 304).
CACHE_CONTROL = "public, max-age=300"
LANGUAGE_TAG = r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,4}$"


@router.get(
    "/widget/messages",
    response={200: WidgetMessagesOut, 304: None, **INVALID},
    operation_id="widget_messages",
    summary="The widget's words in a language",
    description=(
        "In `lang` (a language tag: the embedding page's language) when it is "
        "one of the site's languages, else in the language the browser's "
        "Accept-Language chooses; a site forced into one language "
        "(PARLEY_LANGUAGE) always answers in it. 304 when If-None-Match holds "
        "the answer's ETag."
    ),
)
def messages(
    request: HttpRequest,
    lang: Annotated[str, Field(max_length=40, pattern=LANGUAGE_TAG)] = "",
) -> HttpResponse:
    language = languages.site_language() or languages.supported(lang)
    with translation.override(language or translation.get_language()):
        active = translation.get_language()
        data = {
            "language": active,
            "direction": languages.direction(active),
            **widget_messages(active),
        }
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    etag = f'"{hashlib.blake2s(body, digest_size=12).hexdigest()}"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if etag_matches(request.headers.get("If-None-Match", ""), etag):
        return HttpResponse(status=304, headers=headers)
    return HttpResponse(body, content_type="application/json", headers=headers)
