"""
A local copy of the intake types from the contract (discussions/intake.py).

The lead replaces this module by `from parley.discussions.intake import
Submission, Verdict`; field names and defaults are the contract's, unchanged.
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Submission:
    thread: Any
    thread_key: str
    parent: Any
    body: str
    author_name: str
    author_email: str
    author_website: str
    user: Any
    identity: str
    address_hash: str
    is_edit: bool
    comment: Any
    channel: str
    altcha: str
    honeypot: str
    rendered_at: float | None
    signals: dict
    post_anyway: bool
    now: float


@dataclass
class Verdict:
    check: str
    outcome: str
    reason: str = ""
    score: float | None = None
    detail: dict = field(default_factory=dict)
    field: str = "altcha"
    status: int = 400
    retry_after: int | None = None
    code: str = ""
