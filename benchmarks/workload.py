"""
The benchmark workload, the same on every run (fixed seed): one article with
1,000 comments (about 30 % replies, up to depth 3, bodies of 20-800 characters,
votes) and 50 articles with 20 comments each.

For Parley's pages, twelve of those threads belong to published articles
(articles()): the big one and eleven others, by three authors under five tags, so
the home page, a tag page and the article page's Related Articles and Latest
stories show what a small newsroom's would.
"""

import random
import re
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


AUTHORS = [
    ("Maren Holt", "Maren covers city hall and the budget fights behind it."),
    ("Tomás Reyes", "Tomás writes about transport, from buses to bridges."),
    ("Ada Okafor", "Ada reports on schools, housing and the people in them."),
]
TAGS = ["City Hall", "Transport", "Housing", "Climate", "Schools"]
# Newest first; the first carries the 1,000-comment thread. Transport, the tag
# page measured, lists six of them.
HEADLINES = [
    ("Council votes to pedestrianise the old market street", [0, 1]),
    ("Night buses return to the river line after two years", [1]),
    ("Rents near the station rose 14 % in a year, figures show", [2]),
    ("Flood map redrawn: 600 more homes in the risk zone", [3, 2]),
    ("Library opening hours cut to balance the budget", [0]),
    ("Cycle lane pilot on the ring road to become permanent", [1, 3]),
    ("School meals contract goes back out to tender", [4, 0]),
    ("Traders split over the weekend market's new pitch fees", [0, 1]),
    ("Station car park to become 220 homes", [2, 1]),
    ("Tram extension delayed by a year, council admits", [1, 0]),
    ("Heat plan: shaded routes to every school by 2028", [3, 4]),
    ("Budget consultation draws a record 9,000 replies", [0]),
]


@dataclass
class BenchArticle:
    headline: str
    slug: str
    summary: str
    paragraphs: list[str]
    authors: list[int]  # indexes into AUTHORS
    tags: list[int]  # indexes into TAGS
    thread: str  # the key of the workload thread that is its discussion
    age_hours: int  # how long before "now" it was published


def articles(seed: int = 2026) -> list[BenchArticle]:
    """Return the articles, newest first; the first carries bench-0's thread.
    They draw on their own generator, so the threads stay as they were."""
    rng = random.Random(seed + 1)
    made = []
    for index, (headline, tags) in enumerate(HEADLINES):
        made.append(
            BenchArticle(
                headline=headline,
                slug=re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-"),
                summary=_body(rng)[:200],
                paragraphs=[_body(rng) for _ in range(rng.randint(8, 12))],
                authors=[index % 3] + ([(index + 1) % 3] if index % 4 == 0 else []),
                tags=tags,
                thread=f"bench-{index}",
                # The big thread's oldest comment is about 17 hours old.
                age_hours=18 + 20 * index,
            )
        )
    return made
