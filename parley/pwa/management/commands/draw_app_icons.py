"""Draw the web app's icons (committed under pwa/static/pwa/icons/)."""

from pathlib import Path

from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

from parley.pwa.manifest import APPLE_TOUCH_ICON, ICONS

STATIC = Path(__file__).resolve().parents[2] / "static"
INK = "#1d1d1f"
ACCENT = "#b3261e"
PAPER = "#ffffff"
# Drawn large, then scaled down: smooth edges without anti-aliasing support.
SUPERSAMPLE = 4


def draw_icon(size: int, *, maskable: bool, rounded: bool = True) -> Image.Image:
    """Return the icon at this size: a speech bubble holding a page's lines, on
    the site's accent. A maskable icon fills its square and keeps the mark in
    the safe circle (the middle 80 %); an apple-touch icon is square (the
    system rounds it)."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable or not rounded:
        draw.rectangle((0, 0, big, big), fill=ACCENT)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=ACCENT)
    # The mark's box: a square in the middle, smaller when the platform may crop.
    mark = big * (0.5 if maskable else 0.66)
    left = (big - mark) / 2
    top = (big - mark) / 2 - mark * 0.04
    bubble = (left, top, left + mark, top + mark * 0.78)
    draw.rounded_rectangle(bubble, radius=mark * 0.16, fill=PAPER)
    # The bubble's tail, down on the left.
    tail_x = left + mark * 0.22
    draw.polygon(
        [
            (tail_x, bubble[3] - 2),
            (tail_x + mark * 0.22, bubble[3] - 2),
            (tail_x - mark * 0.02, top + mark),
        ],
        fill=PAPER,
    )
    # A headline and three lines of text.
    line_left = left + mark * 0.16
    line_height = mark * 0.075
    rows = [(0.15, 0.68, INK, 1.5), (0.38, 0.68, ACCENT, 1), (0.52, 0.6, ACCENT, 1)]
    for offset, width, colour, weight in rows:
        y = top + mark * offset
        draw.rounded_rectangle(
            (line_left, y, line_left + mark * width, y + line_height * weight),
            radius=line_height / 2,
            fill=colour,
        )
    return image.resize((size, size), Image.Resampling.LANCZOS)


class Command(BaseCommand):
    help = "Draw the web app's icons as PNGs (the manifest's and the apple-touch icon)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", type=Path, default=STATIC, help="The static directory to write in."
        )

    def handle(self, *args, out: Path, **options):
        drawn = [
            (path, draw_icon(size, maskable=purpose == "maskable"))
            for path, size, purpose in ICONS
        ]
        drawn.append((APPLE_TOUCH_ICON, draw_icon(180, maskable=False, rounded=False)))
        for path, image in drawn:
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            image.save(target, optimize=True)
            self.stdout.write(f"{target} ({image.width}x{image.height})")
