"""Moving a site between databases (SQLite to PostgreSQL, or back), verified.

The command runs as an operator runs it: `manage.py move_database --to URL`.
"""

import re
import secrets
import sqlite3

import psycopg
import pytest
from django.db import connection

from parley.discussions import actions
from tests.factories import make_article, post
from tests.helpers import run_manage

pytestmark = pytest.mark.django_db(transaction=True)
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def empty_target(tmp_path):
    """An empty database of the other kind than the suite runs on, and a way to
    count rows in it."""
    if connection.vendor == "sqlite":
        name = f"parley_move_{secrets.token_hex(4)}"
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')

        def count(table):
            url = f"postgresql://postgres@127.0.0.1:5432/{name}"
            with psycopg.connect(url) as target:
                return target.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608

        yield f"postgres://postgres@127.0.0.1:5432/{name}", count
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "moved.sqlite3"

        def count(table):
            with sqlite3.connect(path) as target:
                return target.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608

        yield f"sqlite:///{path}", count


def _site_with_discussion():
    article = make_article(headline="Moving day", summary="Ünïcödé ✓ and emoji 🚚")
    top = post(article.thread, "First *comment*", email="a@example.org")
    reply = post(article.thread, "A reply", parent=top)
    actions.cast_vote(top, voter="a:1", value=1)
    actions.cast_vote(reply, voter="a:1", value=-1)
    actions.delete_comment(top)  # leaves a placeholder
    return article


def test_move_copies_everything_and_verifies_it(empty_target):
    url, count = empty_target
    _site_with_discussion()
    result = run_manage("move_database", "--to", url)
    assert result.returncode == 0, result.stderr
    assert "counts and checksums match" in result.stdout
    assert "MISMATCH" not in result.stdout
    assert re.search(r"discussions_comment +2 -> +2 +[0-9a-f]{12} +ok", result.stdout)
    assert count("discussions_comment") == 2
    assert count("discussions_vote") == 2
    assert count("newsroom_article_tags") == 0
    assert count("newsroom_article_authors") == 1


def test_move_refuses_a_target_that_has_data(empty_target):
    url, _count = empty_target
    _site_with_discussion()
    assert run_manage("move_database", "--to", url).returncode == 0
    again = run_manage("move_database", "--to", url)
    assert again.returncode == 1
    assert "already holds data" in again.stderr


def test_move_refuses_a_bad_url():
    result = run_manage("move_database", "--to", "nonsense://")
    assert result.returncode == 1
    assert "not a database URL" in result.stderr
