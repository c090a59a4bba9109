from django.conf import settings
from django.db import migrations

GUIDELINES = """We want the discussion under our stories to be worth reading: sharp, informed \
and sometimes heated, but about the argument, never the person.

Welcome: disagreement, criticism of us, of governments and of public figures, \
first-hand knowledge, corrections, links to sources.

Not welcome, and removed: insults of other commenters; slurs, stereotypes and \
coded hate against any people, faith or group; threats or wishes of harm, \
veiled or open; spam and advertising; impersonating someone else; other \
people's private details.

Every comment passes an automatic check first. When it thinks a comment may \
break these rules it says so and lets you rephrase; if you post it anyway, a \
moderator reads it before anyone else does. Moderators can remove comments and \
ban commenters who keep breaking these rules. Every decision is logged.

Disagree with a decision? Write to the newsroom at the address below the page."""


def create_page(apps, schema_editor):
    """A community guidelines page the newsroom edits (in the admin, Flat pages)."""
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
    if FlatPage.objects.using(db).filter(url="/community-guidelines/").exists():
        return
    page = FlatPage.objects.using(db).create(
        url="/community-guidelines/",
        title="Community guidelines",
        content=GUIDELINES,
    )
    if site is not None:
        page.sites.add(site)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_page, migrations.RunPython.noop)]
