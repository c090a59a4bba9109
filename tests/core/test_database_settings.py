"""How DATABASE_URL becomes Django's database settings."""

from parley.config.settings.base import _database


def test_postgres_is_pooled_without_a_round_trip_before_each_lend(monkeypatch):
    """A health check per lend would double a cached read's round trips."""
    monkeypatch.delenv("PARLEY_DB_POOL_SIZE", raising=False)
    config = _database("postgres://app@db.example:5432/parley")
    assert config["OPTIONS"]["pool"]["max_size"] == 8
    assert config["CONN_MAX_AGE"] == 0
    assert config["CONN_HEALTH_CHECKS"] is False


def test_postgres_without_a_pool_keeps_connections_and_checks_them(monkeypatch):
    monkeypatch.setenv("PARLEY_DB_POOL_SIZE", "0")
    config = _database("postgres://app@db.example:5432/parley")
    assert "pool" not in config.get("OPTIONS", {})
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True
