"""
The search index: on SQLite an FTS5 table, on PostgreSQL a table of weighted
tsvectors under a GIN index (parley.newsroom.search_index), filled from the
articles there are. The model state records ArticleSearch, unmanaged: the
table is this migration's, made on PostgreSQL alone.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


def create_index(apps, schema_editor):
    from parley.newsroom import search_index

    search_index.create_index(
        schema_editor, article_model=apps.get_model("newsroom", "Article")
    )


def drop_index(apps, schema_editor):
    from parley.newsroom import search_index

    search_index.drop_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_tag_sections"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ArticleSearch",
                    fields=[
                        (
                            "article",
                            models.OneToOneField(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                primary_key=True,
                                related_name="+",
                                serialize=False,
                                to="newsroom.article",
                            ),
                        ),
                        (
                            "document",
                            django.contrib.postgres.search.SearchVectorField(),
                        ),
                    ],
                    options={
                        "db_table": "newsroom_article_search",
                        "managed": False,
                    },
                ),
            ],
            database_operations=[
                migrations.RunPython(create_index, drop_index, elidable=False),
            ],
        ),
    ]
