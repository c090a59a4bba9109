from django.conf import settings
from django.db import migrations

# Every page's footer links to these (and to the community guidelines, which
# moderation's migration creates): a new site starts with sensible words the
# newsroom then makes its own in the admin (Flat pages).
ABOUT = """{site} publishes the news and, under every story, a discussion where \
readers and our reporters talk about it.

Our reporters read the discussion and answer questions in it. We moderate it \
ourselves, by the rules in our community guidelines.

Tips, complaints and corrections are all welcome: write to the newsroom at the \
address at the foot of every page."""

PRIVACY = """We collect as little as we can, and we do not sell or share it.

When you comment we keep the name you give and what you wrote, and show both \
with your comment. An e-mail address, if you give one, is used only for the \
notifications you ask for and is never shown; every e-mail has a link that \
stops them.

Your browser keeps two kinds of cookie for this site: one that lets you edit or \
delete a comment for a short while after posting it, and one that remembers your \
votes. If you create an account we keep your name, your e-mail address and a \
hashed password, and your browser keeps a cookie that keeps you signed in.

Ask the newsroom, at the address below, to see or delete what we hold about \
you."""

CORRECTIONS = """When we get something wrong, we say so.

A factual error is corrected in the story, with a note at its foot saying what \
was wrong and when it was fixed. We do not quietly change stories after \
publication.

To report an error, write to the newsroom at the address below, or say so in \
the discussion under the story: our reporters read it."""

PAGES = [
    ("/about/", "About us", ABOUT),
    ("/privacy/", "Privacy", PRIVACY),
    ("/corrections/", "Corrections", CORRECTIONS),
]


def create_pages(apps, schema_editor):
    """The footer's pages, unless the newsroom has them already."""
    db = schema_editor.connection.alias
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    # On a new database the sites framework creates its example.com site only
    # after every migration: create this site now, under the newsroom's name.
    site = Site.objects.using(db).filter(pk=settings.SITE_ID).first()
    if site is None:
        site = Site.objects.using(db).create(
            pk=settings.SITE_ID, domain="localhost", name=settings.SITE_NAME[:50]
        )
    for url, title, content in PAGES:
        if FlatPage.objects.using(db).filter(url=url).exists():
            continue
        page = FlatPage.objects.using(db).create(
            url=url, title=title, content=content.format(site=settings.SITE_NAME)
        )
        page.sites.add(site)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
