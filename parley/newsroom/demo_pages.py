"""
The demo newsroom's own pages (django.contrib.flatpages, edited in the admin
under Flat pages): the four the footer links to. Plain text, one blank line
between paragraphs (the flat page template makes them paragraphs).
"""

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site

ABOUT = """The Parley Courier is a small, independent newsroom covering the city: \
its council and budget, its transport, housing, schools, science and culture. \
Five reporters and an editor write everything you read here.

We are funded by our readers. There is no paywall and no advertising network \
following you around the site; supporters keep it that way.

Below every story there is a discussion. Our reporters read it, answer \
questions in it, and often find their next story there. We moderate it \
ourselves, by the rules in our community guidelines.

Tips, complaints and corrections: write to the newsroom at the address at the \
foot of every page. We read everything."""

PRIVACY = """We collect as little as we can, and we never sell or share it.

Reading the site sets no tracking cookies and loads nothing from advertising \
or analytics companies. Our server keeps ordinary access logs (address, page, \
time) for fourteen days to keep the site running and safe, then deletes them.

When you comment we keep the name you give and what you wrote. Your e-mail \
address, if you give it, is used only for the notifications you ask for and \
is never shown. Each e-mail has a link that stops them at once.

If you create an account we keep your name, e-mail address and a hashed \
password. You can ask us to delete your account and your comments at any \
time; we do so within a week.

Questions about your data go to the newsroom's address below. You can also \
complain to the data protection authority."""

CORRECTIONS = """We get things wrong sometimes. When we do, we say so.

When a story contains a factual error we correct the text and add a note at \
its foot saying what was wrong and when it was fixed. We do not quietly \
change stories after publication.

A story that was wrong at its core is not deleted: we add an editor's note at \
the top explaining what happened, and publish a follow-up where that helps \
readers understand.

To report an error, write to the newsroom at the address below, or say so in \
the discussion under the story: our reporters read it. We aim to answer every \
report within two working days."""

GUIDELINES = """We want the discussion under our stories to be worth reading: \
sharp, informed and sometimes heated, but about the argument, never the person.

Welcome: disagreement, criticism of us and of public figures, first-hand \
knowledge, corrections, links to sources.

Not welcome, and removed: insults of other commenters; hate against any \
people, faith or group; threats; spam; impersonation; other people's private \
details.

Moderators can remove comments and ban commenters who keep breaking these \
rules. Every decision is logged. Disagree with one? Write to the newsroom."""

# (address, title, content): the footer's links, in its order.
PAGES = [
    ("/about/", "About us", ABOUT),
    ("/privacy/", "Privacy", PRIVACY),
    ("/corrections/", "Corrections", CORRECTIONS),
    ("/community-guidelines/", "Community guidelines", GUIDELINES),
]
# The rules are the newsroom's: a site that has them keeps its own.
KEEP_IF_THERE = {"/community-guidelines/"}


def write_flat_pages() -> None:
    """Give the footer's pages the demo newsroom's words (the migrations start
    a site with plainer ones); the community guidelines only if missing."""
    site = Site.objects.get(pk=settings.SITE_ID)
    for url, title, content in PAGES:
        if url in KEEP_IF_THERE:
            page, _created = FlatPage.objects.get_or_create(
                url=url, defaults={"title": title, "content": content}
            )
        else:
            page, _created = FlatPage.objects.update_or_create(
                url=url, defaults={"title": title, "content": content}
            )
        page.sites.add(site)
