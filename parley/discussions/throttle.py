"""
How often a reader may act (vote, report, ask for a challenge). Discussions ask;
an outer app answers: the setting PARLEY_THROTTLE names a callable
`(action, *, identity, address_hash)` that raises a ParleyError
(429 with Retry-After) when the reader must wait. Unset, nothing is limited.
"""

from django.conf import settings
from django.utils.module_loading import import_string


def throttle(action: str, *, identity: str, address_hash: str) -> None:
    """Raise if this reader has done `action` too often; count it otherwise."""
    path = getattr(settings, "PARLEY_THROTTLE", "")
    if path:
        import_string(path)(action, identity=identity, address_hash=address_hash)
