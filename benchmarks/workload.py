"""
The benchmark workload, the same on every run (fixed seed): one article with
1,000 comments (about 30 % replies, up to depth 3, bodies of 20-800 characters,
votes) and 50 articles with 20 comments each.
"""

import random
from dataclasses import dataclass, field

WORDS = [
    *[
        "council",
        "budget",
        "street",
        "river",
        "transport",
        "plan",
        "review",
        "figures",
        "quarter",
    ],
    *[
        "residents",
        "traders",
        "morning",
        "shuttle",
        "station",
        "weekend",
        "pilot",
        "noise",
        "data",
    ],
    *[
        "school",
        "rent",
        "library",
        "honestly",
        "agree",
        "disagree",
        "because",
        "although",
        "however",
    ],
    *[
        "maybe",
        "clearly",
        "evidence",
        "source",
        "neighbourhood",
        "promise",
        "cost",
        "maintenance",
    ],
    *["delivery", "cycle", "bus", "train", "flood", "map"],
]


@dataclass
class BenchComment:
    index: int
    parent: int | None  # index of the parent in the same thread
    depth: int
    body: str
    author: str
    age_seconds: int  # how long before "now" it was written
    likes: int
    dislikes: int


@dataclass
class BenchThread:
    key: str
    title: str
    comments: list[BenchComment] = field(default_factory=list)

    @property
    def uri(self) -> str:
        return f"/{self.key}"


def _body(rng: random.Random) -> str:
    length = rng.randint(20, 800)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    text = " ".join(words)[:length].strip()
    return text[0].upper() + text[1:] + "."


def _thread(
    rng: random.Random, key: str, count: int, reply_share: float
) -> BenchThread:
    thread = BenchThread(key=key, title=f"Benchmark article {key}")
    for index in range(count):
        parent = None
        if thread.comments and rng.random() < reply_share:
            candidates = [c for c in thread.comments if c.depth < 3]
            parent = rng.choice(candidates)
        thread.comments.append(
            BenchComment(
                index=index,
                parent=parent.index if parent else None,
                depth=parent.depth + 1 if parent else 0,
                body=_body(rng),
                author=f"Reader {rng.randint(1, 400)}",
                age_seconds=(count - index) * 60 + rng.randint(0, 59),
                likes=rng.choice([0, 0, 1, 2, 3, 5, 8]),
                dislikes=rng.choice([0, 0, 0, 1, 2]),
            )
        )
    return thread


def generate(seed: int = 2026) -> list[BenchThread]:
    """Return the threads: bench-0 is the big one, bench-1..50 the small ones."""
    rng = random.Random(seed)
    threads = [_thread(rng, "bench-0", 1000, 0.30)]
    threads += [_thread(rng, f"bench-{n}", 20, 0.30) for n in range(1, 51)]
    return threads
