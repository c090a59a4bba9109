"""
Who may do what: every URL pattern and every API operation, for each of five
roles, against real objects, with the status each must get.

The routes come from the URL resolver and from the API's OpenAPI document, so
a new route without a row here fails `test_every_route_has_a_row`. Each cell is
its own test, named `METHOD route [object] as role`.

Statuses: a number, or `302L` / `302A` for a redirect to the site's sign-in page
/ the admin's (a plain `302` must not be either: it is a redirect after
success). Routes are spelled as the resolver spells them, with `<c>` for a
comment id; the API's are under /api/v1, as its OpenAPI document spells them.
Requests say they come from the site's own pages (Sec-Fetch-Site: same-origin),
as a browser on them does; one from another site is refused before any of this
(tests/core/test_csrf.py).
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from parley.api.api import api
from parley.discussions.actions import CommentAuthor, post_comment
from parley.moderation.models import AuditEntry, AuthorStanding, Ban, Report, WordRule
from parley.moderation.roles import MODERATORS, sync_roles
from parley.newsroom.actions import save_article
from parley.newsroom.models import Article
from parley.notifications.tasks import notify_comment
from parley.protection.models import RateCounter, SpentChallenge
from parley.support.actions import record_donation, save_campaign
from parley.support.models import Campaign, DonationImport, WebhookDelivery
from tests.factories import make_article, make_tag
from tests.moderation.conftest import hold

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reader", "other_reader", "moderator", "admin")
API_PREFIX = "/api/v1"
# Short names for long route parameters, so the tables fit a line.
SHORT = {
    "<int:comment_id>": "<c>",
    "{comment_id}": "{c}",
    "<path:content_type_id>/<path:object_id>": "<ct>/<obj>",
    "<str:token>": "<tok>",
    "<int:pk>": "<pk>",
}

# The objects a row acts on (the `object` column):
#   article  a published article; its thread's key for API rows
#   draft    an article pulled back to draft; its thread's key for API rows
#   own      a published comment by `reader`, within its edit window
#   other    a published comment by `other_reader`
#   held     a comment by `reader` awaiting moderation
#   hidden   a comment by `reader` under the draft article
#   csv      a CSV file of donations uploaded, not imported yet
#   -        nothing
# A second word fills the route's other parameter (`held approve`).

PAGES = """
method  route                              object         anon  reader other mod   admin
GET     (home)                             -              200   200    200   200   200
GET     articles/<slug:slug>/              article        200   200    200   200   200
GET     articles/<slug:slug>/              draft          404   404    404   404   200
POST    articles/<slug:slug>/              article        302   302    302   302   302
# Staff preview a draft's page, but nobody comments in an unpublished thread:
# the form comes back with "There is no such discussion." (the API: 404).
POST    articles/<slug:slug>/              draft          404   404    404   404   400
GET     tags/<slug:slug>/                  -              200   200    200   200   200
GET     authors/<slug:slug>/               -              200   200    200   200   200
# Search: anyone, GET and HEAD only (newsroom.search_views).
GET     search/                            -              200   200    200   200   200
POST    search/                            -              405   405    405   405   405
GET     feeds/rss/                         -              200   200    200   200   200
GET     feeds/atom/                        -              200   200    200   200   200
GET     sitemap.xml                        -              200   200    200   200   200
GET     community-guidelines/              -              200   200    200   200   200
GET     pages/<path:url>                   -              200   200    200   200   200
GET     embed/                             -              200   200    200   200   200
# The web app (parley.pwa): the same for every reader, GET and HEAD only.
GET     manifest.webmanifest               -              200   200    200   200   200
POST    manifest.webmanifest               -              405   405    405   405   405
GET     sw.js                              -              200   200    200   200   200
POST    sw.js                              -              405   405    405   405   405
GET     offline/                           -              200   200    200   200   200
POST    offline/                           -              405   405    405   405   405
GET     accounts/sign-up/                  -              200   200    200   200   200
POST    accounts/sign-up/                  -              302   302    302   302   302
DELETE  accounts/sign-up/                  -              405   405    405   405   405
GET     accounts/sign-in/                  -              200   302    302   302   302
POST    accounts/sign-in/                  -              302   302    302   302   302
GET     accounts/sign-out/                 -              200   200    200   200   200
POST    accounts/sign-out/                 -              302   302    302   302   302
GET     moderate/                          -              302L  403    403   200   200
POST    moderate/                          -              405   405    405   405   405
GET     moderate/log/                      -              302L  403    403   200   200
POST    moderate/bulk/                     held           403   403    403   302   302
GET     moderate/bulk/                     held           405   405    405   405   405
GET     moderate/comments/<c>/             held           302L  403    403   200   200
GET     moderate/comments/<c>/             own            302L  403    403   200   200
# Moderators act on what the desk's queues list, drafts' comments included.
GET     moderate/comments/<c>/             hidden         302L  403    403   200   200
POST    moderate/comments/<c>/approve/     held           403   403    403   302   302
POST    moderate/comments/<c>/approve/     hidden         403   403    403   302   302
GET     moderate/comments/<c>/approve/     held           405   405    405   405   405
POST    moderate/comments/<c>/reject/      held           403   403    403   302   302
POST    moderate/comments/<c>/reject/      own            403   403    403   302   302
POST    moderate/comments/<c>/delete/      own            403   403    403   302   302
POST    moderate/comments/<c>/feature/     own            403   403    403   302   302
POST    moderate/comments/<c>/ban/         other          403   403    403   302   302
POST    moderate/comments/<c>/standing/    other          403   403    403   302   302
POST    comments/<c>/vote/                 own            302   302    302   302   302
POST    comments/<c>/vote/                 held           404   302    404   302   302
POST    comments/<c>/vote/                 hidden         404   404    404   404   404
GET     comments/<c>/vote/                 own            405   405    405   405   405
GET     comments/<c>/edit/                 own            403   200    403   403   403
GET     comments/<c>/edit/                 held           404   200    404   403   403
GET     comments/<c>/edit/                 hidden         404   404    404   404   403
POST    comments/<c>/edit/                 own            403   302    403   403   403
POST    comments/<c>/edit/                 other          403   403    302   403   403
PUT     comments/<c>/edit/                 own            405   405    405   405   405
POST    comments/<c>/delete/               own            403   302    403   403   403
POST    comments/<c>/delete/               hidden         404   404    404   404   403
# Without JavaScript, Delete asks first (a page with the button and Cancel).
GET     comments/<c>/delete/               own            403   200    403   403   403
GET     comments/<c>/delete/               hidden         404   404    404   404   403
PUT     comments/<c>/delete/               own            405   405    405   405   405
# "Notify of new replies to this comment": the moderator's account has no
# e-mail address to notify (400, said on the form).
GET     comments/<c>/notify/               own            200   200    200   200   200
POST    comments/<c>/notify/               own            200   200    200   400   200
GET     comments/<c>/notify/               hidden         404   404    404   404   404
PUT     comments/<c>/notify/               own            405   405    405   405   405
GET     notifications/                     -              200   200    200   200   200
POST    notifications/                     -              200   302    302   302   302
# Mail's signed links: a bad token is a clear page for everyone, never more.
GET     notifications/confirm/<tok>/       -              400   400    400   400   400
POST    notifications/confirm/<tok>/       -              400   400    400   400   400
GET     notifications/unsubscribe/<tok>/   -              400   400    400   400   400
POST    notifications/unsubscribe/<tok>/   -              400   400    400   400   400
GET     notifications/manage/<tok>/        -              400   400    400   400   400
POST    notifications/manage/<tok>/        -              400   400    400   400   400
GET     notifications/address/<tok>/       -              400   400    400   400   400
POST    notifications/address/<tok>/       -              400   400    400   400   400
GET     support/                           -              200   200    200   200   200
POST    support/                           -              405   405    405   405   405
"""

API = """
method  route                              object         anon  reader other mod   admin
GET     /openapi.json                      -              200   200    200   200   200
GET     /docs                              -              200   200    200   200   200
GET     /                                  -              404   404    404   404   404
GET     /threads/{key}/comments            article        200   200    200   200   200
GET     /threads/{key}/comments            draft          200   200    200   200   200
POST    /threads/{key}/comments            article        201   201    201   201   201
POST    /threads/{key}/comments            draft          404   404    404   404   404
PUT     /threads/{key}/comments            article        405   405    405   405   405
GET     /threads/{key}/events              article        200   200    200   200   200
GET     /threads/{key}/events              draft          404   404    404   404   404
POST    /threads/{key}/events              article        405   405    405   405   405
GET     /comments/{c}                      own            200   200    200   200   200
GET     /comments/{c}                      held           404   200    404   200   200
GET     /comments/{c}                      hidden         404   404    404   404   200
PATCH   /comments/{c}                      own            403   200    403   403   403
PATCH   /comments/{c}                      held           404   200    404   403   403
PATCH   /comments/{c}                      other          403   403    200   403   403
PATCH   /comments/{c}                      hidden         404   404    404   404   403
DELETE  /comments/{c}                      own            403   204    403   403   403
DELETE  /comments/{c}                      held           404   204    404   403   403
DELETE  /comments/{c}                      hidden         404   404    404   404   403
PUT     /comments/{c}                      own            405   405    405   405   405
POST    /comments/{c}/vote                 own            200   200    200   200   200
POST    /comments/{c}/vote                 held           404   404    404   404   404
# Staff read a draft's comments (previews), but nobody votes on or reports them.
POST    /comments/{c}/vote                 hidden         404   404    404   404   404
GET     /comments/{c}/vote                 own            405   405    405   405   405
POST    /comments/{c}/report               other          201   201    201   201   201
POST    /comments/{c}/report               held           404   201    404   201   201
POST    /comments/{c}/report               hidden         404   404    404   404   404
GET     /comments/{c}/report               other          405   405    405   405   405
POST    /moderation/comments/{c}/{action}  held approve   404   403    404   200   200
POST    /moderation/comments/{c}/{action}  own reject     403   403    403   200   200
POST    /moderation/comments/{c}/{action}  other feature  403   403    403   200   200
POST    /moderation/comments/{c}/{action}  hidden approve 404   404    404   200   200
POST    /moderation/comments/{c}/{action}  own erase      403   403    403   404   404
GET     /moderation/comments/{c}/{action}  held approve   405   405    405   405   405
GET     /counts                            article        200   200    200   200   200
POST    /counts                            article        405   405    405   405   405
GET     /me/votes                          own            200   200    200   200   200
GET     /me/comments                       article        200   200    200   200   200
GET     /me/comments                       draft          404   404    404   404   200
GET     /challenge                         -              200   200    200   200   200
POST    /challenge                         -              405   405    405   405   405
# The moderator's account has no e-mail address to notify.
POST    /threads/{key}/subscriptions       article        202   202    202   400   202
POST    /threads/{key}/subscriptions       draft          404   404    404   404   404
GET     /threads/{key}/subscriptions       article        405   405    405   405   405
GET     /me/subscriptions                  article        200   200    200   200   200
# Articles for apps: what readers see, for staff too (previews are the site's).
GET     /articles                          -              200   200    200   200   200
POST    /articles                          -              405   405    405   405   405
GET     /articles/{slug}                   article        200   200    200   200   200
GET     /articles/{slug}                   draft          404   404    404   404   404
GET     /support/campaign                  -              200   200    200   200   200
POST    /support/campaign                  -              405   405    405   405   405
# Unsigned (and no secret set in tests): refused for everyone alike.
POST    /support/webhook                   -              403   403    403   403   403
GET     /support/webhook                   -              405   405    405   405   405
# The widget's words: the same for everyone.
GET     /widget/messages                   -              200   200    200   200   200
POST    /widget/messages                   -              405   405    405   405   405
"""

# The admin is for staff: every other role is sent to its sign-in page. These
# are the superuser's statuses per registered model, for the change list, the
# add form, an object's change form, history and delete confirmation, and the
# bare object URL (which redirects to its change form).
ADMIN_MODELS = """
model                         list  add  change  history  delete  object
auth.group                    200   200  200     200      200     302
sites.site                    200   200  200     200      200     302
flatpages.flatpage            200   200  200     200      200     302
accounts.user                 200   200  200     200      200     302
newsroom.author               200   200  200     200      200     302
newsroom.tag                  200   200  200     200      200     302
newsroom.article              200   200  200     200      200     302
discussions.thread            200   200  200     200      200     302
discussions.comment           200   403  200     200      200     302
protection.spentchallenge     200   200  200     200      200     302
protection.ratecounter        200   200  200     200      200     302
moderation.wordrule           200   200  200     200      200     302
moderation.ban                200   200  200     200      200     302
moderation.authorstanding     200   200  200     200      200     302
moderation.report             200   403  200     200      200     302
moderation.auditentry         200   403  200     200      403     302
django_tasks_database.dbtaskresult 200 403 200   200      403     302
support.campaign              200   200  200     200      200     302
support.donation              200   200  200     200      403     302
support.donationimport        200   403  200     200      200     302
support.webhookdelivery       200   403  200     200      403     302
"""

ADMIN_SITE = """
method  route                              object         anon  reader other mod   admin
GET     admin/                             -              302A  302A   302A  302A  200
GET     admin/login/                       -              200   200    200   200   302
GET     admin/logout/                      -              302   302    302   302   405
POST    admin/logout/                      -              302   302    302   302   302
GET     admin/password_change/             -              302A  302A   302A  302A  200
GET     admin/password_change/done/        -              302A  302A   302A  302A  200
GET     admin/autocomplete/                -              302A  302A   302A  302A  403
GET     admin/jsi18n/                      -              302A  302A   302A  302A  200
GET     admin/r/<ct>/<obj>/                article        302A  302A   302A  302A  302
GET     admin/accounts/user/<id>/password/ -              302A  302A   302A  302A  200
GET     admin/<app_list>                   -              302A  302A   302A  302A  200
GET     admin/<catch_all>                  -              302A  302A   302A  302A  404
GET     admin/support/donation/export/     -              302A  302A   302A  302A  200
GET     admin/support/donation/import/     -              302A  302A   302A  302A  200
GET     admin/support/donation/import/<pk>/ csv            302A  302A   302A  302A  200
"""


@dataclass(frozen=True)
class Row:
    method: str
    route: str
    target: str
    expected: dict

    def name(self, role: str) -> str:
        return f"{self.method} {self.route} [{self.target}] as {role}"


def _rows(table: str, prefix: str = "") -> list[Row]:
    lines = [
        line
        for line in table.strip().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    rows = []
    for line in lines[1:]:
        words = line.split()
        method, route, *rest = words
        statuses, target = rest[-len(ROLES) :], rest[: -len(ROLES)]
        expected = dict(zip(ROLES, statuses, strict=True))
        rows.append(Row(method, prefix + route, " ".join(target), expected))
    return rows


ADMIN_VIEWS = {
    "list": "admin/{app}/{model}/",
    "add": "admin/{app}/{model}/add/",
    "change": "admin/{app}/{model}/<path:object_id>/change/",
    "history": "admin/{app}/{model}/<path:object_id>/history/",
    "delete": "admin/{app}/{model}/<path:object_id>/delete/",
    "object": "admin/{app}/{model}/<path:object_id>/",
}


def _admin_model_rows() -> list[Row]:
    lines = ADMIN_MODELS.strip().splitlines()
    views = lines[0].split()[1:]
    rows = []
    for line in lines[1:]:
        label, *statuses = line.split()
        app, model = label.split(".")
        for view, status in zip(views, statuses, strict=True):
            expected = dict.fromkeys(ROLES, "302A")
            expected["admin"] = status
            route = ADMIN_VIEWS[view].format(app=app, model=model)
            rows.append(Row("GET", route, label, expected))
    return rows


ALL_ROWS = (
    _rows(PAGES) + _rows(API, API_PREFIX) + _rows(ADMIN_SITE) + _admin_model_rows()
)


# The routes that exist: from the resolver, and from the OpenAPI document.


def _patterns(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.name


def _resolver_routes() -> set[str]:
    """Every page route, named as the table names it (the API's come from its
    OpenAPI document; the admin's site-wide catch-alls get short names)."""
    routes = set()
    for route, name in _patterns(get_resolver().url_patterns):
        if route.startswith("api/v1/") and route not in (
            "api/v1/openapi.json",
            "api/v1/docs",
            "api/v1/",
        ):
            continue
        for long, short in SHORT.items():
            route = route.replace(long, short)
        if route.startswith("api/v1/"):
            route = f"/{route}"
        elif name == "app_list":
            route = "admin/<app_list>"
        elif route.startswith("admin/(?P<url>"):
            route = "admin/<catch_all>"
        routes.add(route or "(home)")
    return routes


def _api_operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    found = set()
    for path, operations in schema["paths"].items():
        for long, short in SHORT.items():
            path = path.replace(long, short)
        found |= {(method.upper(), path) for method in operations}
    return found


def test_every_route_has_a_row():
    """A route added without saying who may use it fails here."""
    api_rows = {
        (row.method, row.route) for row in ALL_ROWS if row.route.startswith("/")
    }
    missing_api = _api_operations() - api_rows
    assert not missing_api, f"API operations without a row: {sorted(missing_api)}"
    page_rows = {row.route for row in ALL_ROWS}
    missing = _resolver_routes() - page_rows
    assert not missing, f"Routes without a row: {sorted(missing)}"
    registered = {model._meta.label_lower for model in admin.site._registry}
    tabled = {row.target for row in _admin_model_rows()}
    assert registered == tabled, registered ^ tabled


def test_every_row_is_a_route():
    """A row for a route that is gone fails too, so the table stays the truth."""
    known = _resolver_routes() | {route for _method, route in _api_operations()}
    gone = {row.route for row in ALL_ROWS} - known
    assert not gone, sorted(gone)


# The world the rows act on.


@dataclass
class World:
    users: dict
    article: Article
    draft: Article
    comments: dict
    objects: dict


def _comment(thread, user, body: str):
    return post_comment(thread, author=CommentAuthor(user=user), body=body)


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """One world for the whole table, built once inside a transaction that is
    rolled back at the end; each cell runs in a savepoint of its own (the `db`
    fixture), so what one cell changes the next never sees."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        world = make_world(get_user_model())
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def world(shared_world, db) -> World:
    return shared_world


def make_world(django_user_model) -> World:
    """Build the users, articles, comments and one object of each admin model."""
    sync_roles()
    make = django_user_model.objects.create_user
    reader = make("reader", password="pw-reader-123", email="reader@example.org")
    other = make("other", password="pw-other-123", email="other@example.org")
    moderator = make("mona", password="pw-mona-123")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    superuser = django_user_model.objects.create_superuser(
        "root", "root@example.org", "pw-root-123"
    )
    tag = make_tag("Trains")
    article = make_article(headline="Night trains return", tags=[tag])
    draft = make_article(headline="Pulled back")
    hidden = _comment(draft.thread, reader, "Said before it was pulled back.")
    draft.status = Article.Status.DRAFT
    draft.published_at = None
    save_article(draft)
    own = _comment(article.thread, reader, "My own comment.")
    mine_held = hold(_comment(article.thread, reader, "My comment, held."))
    others = _comment(article.thread, other, "Someone else's comment.")
    now = timezone.now()
    FlatPage.objects.get_or_create(
        url="/community-guidelines/",
        defaults={"title": "Guidelines", "content": "Be kind."},
    )[0].sites.add(Site.objects.get_current())
    objects = {
        "auth.group": Group.objects.get(name=MODERATORS),
        "sites.site": Site.objects.get_current(),
        "flatpages.flatpage": FlatPage.objects.get(url="/community-guidelines/"),
        "accounts.user": reader,
        "newsroom.author": article.authors.first(),
        "newsroom.tag": tag,
        "newsroom.article": article,
        "discussions.thread": article.thread,
        "discussions.comment": own,
        "protection.spentchallenge": SpentChallenge.objects.create(
            challenge="c" * 64, expires_at=now
        ),
        "protection.ratecounter": RateCounter.objects.create(
            key="vote:someone", count=1, expires_at=now.timestamp()
        ),
        "moderation.wordrule": WordRule.objects.create(kind="suspect", pattern="spam"),
        "moderation.ban": Ban.objects.create(kind="email", value="x@example.org"),
        "moderation.authorstanding": AuthorStanding.objects.create(
            author="e:x@example.org", standing="trusted"
        ),
        "moderation.report": Report.objects.create(
            comment=others, reporter="a:1", reason="spam"
        ),
        "moderation.auditentry": AuditEntry.objects.create(
            action="approved", comment=own, comment_ref=own.pk
        ),
        # Background tasks waiting in the database (parley.notifications).
        "django_tasks_database.dbtaskresult": DBTaskResult.objects.get(
            id=notify_comment.enqueue(own.pk).id
        ),
        # Reader support (parley.support).
        "support.campaign": save_campaign(
            Campaign(
                title="March",
                slug="march",
                goal=5000,
                currency="USD",
                counts_from=now,
                counts_until=now + timedelta(days=30),
                shows_from=now,
                shows_until=now + timedelta(days=30),
            )
        ),
        "support.donation": record_donation(
            amount="25.00",
            currency="USD",
            kind="one_off",
            reference="ch_matrix",
            received_at=now,
            source="webhook",
        ),
        "support.donationimport": DonationImport.objects.create(
            file_name="march.csv",
            content="reference,received_at,amount,currency,kind\n"
            "ch_csv,2025-03-04,10,USD,one_off\n",
        ),
        "support.webhookdelivery": WebhookDelivery.objects.create(
            event_id="evt_matrix", outcome="refused", status_code=400
        ),
    }
    objects["csv"] = objects["support.donationimport"]
    return World(
        users={
            "anonymous": None,
            "reader": reader,
            "other_reader": other,
            "moderator": moderator,
            "admin": superuser,
        },
        article=article,
        draft=draft,
        comments={"own": own, "held": mine_held, "other": others, "hidden": hidden},
        objects=objects,
    )


def _client(world: World, role: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.defaults["HTTP_SEC_FETCH_SITE"] = "same-origin"
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def _path(row: Row, world: World) -> str:
    """Fill the row's route with its object's identifiers."""
    target, _, extra = row.target.partition(" ")
    comment = world.comments.get(target)
    article = {"article": world.article, "draft": world.draft}.get(target)
    route = row.route
    if route.startswith("admin/") and target in world.objects:
        obj = world.objects[target]
        route = route.replace("<path:object_id>", str(obj.pk))
        return "/" + route.replace("<pk>", str(obj.pk))
    replacements = {
        "(home)": "",
        "tags/<slug:slug>": f"tags/{world.objects['newsroom.tag'].slug}",
        "authors/<slug:slug>": f"authors/{world.objects['newsroom.author'].slug}",
        "<slug:slug>": (article or world.article).slug,
        "<path:url>": "community-guidelines/",
        "<c>": str(comment.pk) if comment else "",
        "{c}": str(comment.pk) if comment else "",
        "{key}": (article or world.article).thread.key,
        "{slug}": (article or world.article).slug,
        "{action}": extra,
        "<ct>": str(ContentType.objects.get_for_model(Article).pk),
        "<obj>": str(world.article.pk),
        "admin/<app_list>": "admin/discussions/",
        "admin/<catch_all>": "admin/no-such-page/",
        "<id>": str(world.users["reader"].pk),
        "<tok>": "not-a-token",
    }
    for placeholder, value in replacements.items():
        route = route.replace(placeholder, value)
    path = route if route.startswith("/") else f"/{route}"
    query = {
        "/api/v1/counts": f"?thread={world.article.thread.key}",
        "/api/v1/me/votes": f"?comment={world.comments['own'].pk}",
        "/api/v1/me/comments": f"?thread={(article or world.article).thread.key}",
        "/api/v1/me/subscriptions": f"?thread={world.article.thread.key}",
    }
    return path + query.get(row.route, "")


def _payload(row: Row, world: World):
    """The body a row sends: JSON for the API, a form for pages."""
    route, method = row.route, row.method
    if route.startswith("/api/"):
        if route.endswith("/comments") and method == "POST":
            return {"body": "A comment from the matrix.", "name": "Pat"}
        if route.endswith("{c}") and method == "PATCH":
            return {"body": "Changed by the matrix."}
        if route.endswith("/vote"):
            return {"value": 1}
        if route.endswith("/report"):
            return {"reason": "spam"}
        if route.endswith("/subscriptions"):
            return {"kinds": ["thread"], "email": "pat@example.org"}
        return {}
    held = world.comments["held"].pk
    return {
        "articles/<slug:slug>/": {"body": "A no-JS comment.", "name": "Pat"},
        "accounts/sign-up/": {
            "name": "New Comer",
            "email": "newcomer@example.org",
            "password": "a-Long-pass-5839",
        },
        "accounts/sign-in/": {"username": "reader", "password": "pw-reader-123"},
        "moderate/bulk/": {"action": "approve", "ids": [held]},
        "moderate/comments/<c>/ban/": {"kinds": ["email"], "days": "7"},
        "moderate/comments/<c>/standing/": {"standing": "trusted"},
        "comments/<c>/vote/": {"value": "1"},
        "comments/<c>/edit/": {"body": "Changed without JavaScript."},
        "comments/<c>/notify/": {"email": "pat@example.org"},
    }.get(route, {})


def _request(client: Client, row: Row, world: World):
    path, payload = _path(row, world), _payload(row, world)
    method = row.method.lower()
    if row.method == "GET":
        return client.get(path)
    if row.route.startswith("/api/"):
        return getattr(client, method)(path, payload, content_type="application/json")
    if row.method == "POST":
        return client.post(path, payload)
    return getattr(client, method)(path)


def _cells():
    for row in ALL_ROWS:
        for role in ROLES:
            yield pytest.param(row, role, id=row.name(role))


@pytest.mark.parametrize(("row", "role"), list(_cells()))
def test_permission(world, row, role):
    """Each role gets exactly its status for each route, method and object."""
    response = _request(_client(world, role), row, world)
    expected = row.expected[role]
    location = response.get("Location", "")
    got = str(response.status_code)
    if response.status_code == 302:
        if location.startswith("/accounts/sign-in/"):
            got = "302L"
        elif location.startswith("/admin/login/"):
            got = "302A"
    assert got == expected, (
        f"{row.name(role)}: expected {expected}, got {got} {location}".strip()
    )
