from django.db import migrations


class Migration(migrations.Migration):
    """Threads no longer point at articles: newsroom.Article.thread does."""

    dependencies = [
        ("discussions", "0003_intake_states"),
        ("newsroom", "0002_article_owns_thread"),
    ]

    operations = [
        migrations.RemoveField(model_name="thread", name="article"),
    ]
