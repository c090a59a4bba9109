from django.db import migrations

from parley.moderation.roles import sync_roles


def install_roles(apps, schema_editor):
    sync_roles(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("discussions", "0004_remove_thread_article"),
        ("newsroom", "0002_article_owns_thread"),
        ("moderation", "0002_guidelines_page"),
    ]

    operations = [
        migrations.RunPython(install_roles, migrations.RunPython.noop),
    ]
