"""Read Server-Sent Events bytes the way a browser's EventSource does."""

import json


def parse(raw: bytes) -> list[dict]:
    """Return the events in the bytes: {"id", "event", "data"} (data parsed)."""
    events = []
    for block in raw.decode().split("\n\n"):
        fields: dict = {}
        for line in block.split("\n"):
            if not line or line.startswith(":"):
                continue
            name, _, value = line.partition(": ")
            fields[name] = value
        if "event" in fields:
            events.append(
                {
                    "id": fields.get("id"),
                    "event": fields["event"],
                    "data": json.loads(fields.get("data", "{}")),
                }
            )
    return events
