"""The import arrows of docs/architecture.md, checked on every module."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "parley"

# app -> the apps it may import (besides itself). Mirrors docs/architecture.md.
ALLOWED = {
    "core": set(),
    "accounts": {"core"},
    "discussions": {"accounts", "core"},
    "newsroom": {"discussions", "accounts", "core"},
    "protection": {"discussions", "newsroom", "accounts", "core"},
    "moderation": {"discussions", "newsroom", "accounts", "core"},
    "notifications": {"discussions", "newsroom", "accounts", "core"},
    "support": {"discussions", "newsroom", "accounts", "core"},
    "migration": {"discussions", "newsroom", "accounts", "core"},
    "embed": {"core"},
    "pwa": {"core"},
    "live": {"discussions", "accounts", "core"},
    "api": {
        "discussions",
        "newsroom",
        "accounts",
        "core",
        "protection",
        "moderation",
        "notifications",
        "support",
        "migration",
        "live",
        "embed",  # the widget's words (embed/catalogue.py)
    },
    "config": None,  # the edge: may import anything
}


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "parley" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_apps_import_only_towards_the_centre():
    """No app imports one further out: discussions never imports newsroom,
    moderation or the API; core imports no app."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        app = relative.parts[0]
        if "migrations" in relative.parts or app not in ALLOWED:
            continue
        allowed = ALLOWED[app]
        if allowed is None:
            continue
        wrong.extend(
            f"{relative} imports parley.{imported}"
            for imported in _imported_apps(path) - {app}
            if imported not in allowed
        )
    assert not wrong, "\n".join(wrong)
