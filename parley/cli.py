"""The ``parley`` console command: Django's management commands for this project."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run ``parley <command> …`` as ``manage.py <command> …``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parley.config.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["parley", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
