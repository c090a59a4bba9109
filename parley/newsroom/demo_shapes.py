"""
The shapes the demo's illustrations (demo_art) are drawn with: a few flat SVG
primitives on a 1200 x 675 canvas, and the scenery they share (hills, a
skyline, stars, birds).
"""

WIDTH, HEIGHT = 1200, 675


def svg(title: str, *parts: str) -> str:
    body = "\n".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" role="img">\n<title>{title}</title>\n'
        f"{body}\n</svg>\n"
    )


def sky(name: str, top: str, bottom: str) -> str:
    return (
        f'<defs><linearGradient id="{name}" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="{top}"/><stop offset="1" stop-color="{bottom}"/>'
        "</linearGradient></defs>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="url(#{name})"/>'
    )


def rect(x, y, w, h, fill, extra="") -> str:
    return f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"{extra}/>'


def circle(cx, cy, r, fill, extra="") -> str:
    return f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{fill}"{extra}/>'


def path(d: str, fill: str, extra="") -> str:
    return f'<path d="{d}" fill="{fill}"{extra}/>'


def stroke(d: str, colour: str, width: float, extra: str = "") -> str:
    """A line along the path d, with round ends and joins."""
    return (
        f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width}"'
        f' stroke-linecap="round" stroke-linejoin="round"{extra}/>'
    )


def hills(y: int, amplitude: int, fill: str, phase: float = 0) -> str:
    """A band of soft hills from height y to the bottom edge."""
    points = []
    for step in range(7):
        x = step * 200
        dy = amplitude if (step + phase) % 2 else -amplitude
        points.append(f"{x - 100} {y + dy}, {x} {y}")
    return path(
        f"M0 {y} S " + " S ".join(points) + f" L{WIDTH} {HEIGHT} L0 {HEIGHT} Z", fill
    )


def skyline(
    rng, base: int, fill: str, *, tall=(80, 260), lit: str = "", width=(50, 120)
) -> str:
    """A row of buildings standing on `base`, with lit windows if `lit` is a colour."""
    parts, x = [], -20
    while x < WIDTH:
        w, h = rng.randint(*width), rng.randint(*tall)
        parts.append(rect(x, base - h, w, h + 2, fill))
        if lit:
            for wy in range(base - h + 18, base - 20, 26):
                parts.extend(
                    rect(wx, wy, 8, 12, lit)
                    for wx in range(x + 10, x + w - 16, 20)
                    if rng.random() < 0.38
                )
        x += w + rng.randint(0, 14)
    return "".join(parts)


def stars(rng, count: int, below: int, colour="#fdf6e3") -> str:
    return "".join(
        circle(
            rng.randint(0, WIDTH),
            rng.randint(10, below),
            rng.choice((1, 1.5, 2)),
            colour,
            ' opacity=".8"',
        )
        for _ in range(count)
    )


def birds(spots, colour: str) -> str:
    return "".join(
        f'<path d="M{x - s} {y} q{s / 2} {-s / 2} {s} 0 q{s / 2} {-s / 2} {s} 0"'
        ' fill="none"'
        f' stroke="{colour}" stroke-width="4" stroke-linecap="round"/>'
        for x, y, s in spots
    )
