"""The demo's illustrations of the town: streets, buildings, transport."""

import math

from .demo_shapes import (
    WIDTH,
    circle,
    path,
    rect,
    sky,
    skyline,
    stars,
    stroke,
    svg,
)


def night_train(rng) -> str:
    parts = [
        sky("s", "#0b1a33", "#2c4a73"),
        stars(rng, 70, 300),
        # a crescent: the moon with a bite masked out of it
        '<mask id="m"><rect width="1200" height="675" fill="#fff"/>'
        '<circle cx="955" cy="122" r="58" fill="#000"/></mask>',
        circle(930, 140, 62, "#f6e7b4", ' mask="url(#m)"'),
        path("M0 330 L160 262 L300 300 L470 226 L650 318 L0 360 Z", "#23395e"),
        path("M760 340 L900 280 L1040 300 L1200 250 L1200 360 Z", "#1d3152"),
        rect(0, 400, WIDTH, 275, "#16324f"),
        *(
            rect(
                rng.randint(0, 1150),
                rng.randint(420, 660),
                rng.randint(30, 110),
                3,
                "#3f6a96",
                ' opacity=".7"',
            )
            for _ in range(24)
        ),
        *(
            rect(930 - w // 2, y, w, 4, "#f6e7b4", ' opacity=".5"')
            for y, w in ((430, 120), (452, 90), (476, 140), (503, 70), (531, 100))
        ),
        # the viaduct the line runs on, its arches over the water
        rect(0, 338, WIDTH, 34, "#3a3f5c"),
        *(
            path(f"M{x} 372 h90 v60 a45 45 0 0 0 -90 0 Z", "#3a3f5c")
            for x in range(-40, WIDTH, 130)
        ),
        *(rect(x + 90, 372, 40, 110, "#3a3f5c") for x in range(-40, WIDTH, 130)),
        rect(0, 334, WIDTH, 6, "#8a8fa8"),
    ]
    for n in range(6):
        x = 70 + n * 165
        parts.append(rect(x, 258, 155, 70, "#7b1e2b", ' rx="10"'))
        parts.extend(
            rect(x + 14 + k * 34, 276, 22, 20, "#ffd98a", ' rx="3"') for k in range(4)
        )
        parts.append(rect(x, 310, 155, 6, "#5a1520"))
        parts.extend(circle(x + cx, 330, 8, "#1c1c28") for cx in (24, 44, 111, 131))
    parts += [
        path("M1060 258 h30 q60 0 70 60 v10 h-100 Z", "#7b1e2b"),
        rect(1078, 272, 40, 22, "#ffd98a", ' rx="3"'),
        circle(1150, 312, 6, "#fff3c4"),
        path("M1156 306 L1200 290 L1200 336 Z", "#fff3c4", ' opacity=".25"'),
        *(circle(1060 + cx, 330, 8, "#1c1c28") for cx in (24, 76)),
    ]
    return svg("A sleeper train crosses the coast viaduct at night", *parts)


def council_chamber(rng) -> str:
    parts = [sky("s", "#efe6d6", "#e2d3bb"), rect(0, 520, WIDTH, 155, "#8c5a3c")]
    # a hemicycle of benches seen from the gallery
    for row in range(6):
        radius = 170 + row * 62
        colour = ("#2f5d50", "#356b5c")[row % 2]
        parts.append(
            f'<path d="M{600 - radius} 560'
            f' A{radius} {radius * 0.62} 0 0 1 {600 + radius} 560"'
            f' fill="none" stroke="{colour}" stroke-width="34"/>'
        )
        seats = 8 + row * 4
        for k in range(seats):
            if rng.random() < 0.8:
                angle = math.pi * (k + 0.5) / seats
                x = 600 - radius * math.cos(angle)
                y = 560 - radius * 0.62 * math.sin(angle) - 22
                parts.append(
                    circle(
                        round(x),
                        round(y),
                        9,
                        rng.choice(("#2b2b2b", "#6b3e2e", "#c9a27e", "#48546a")),
                    )
                )
    parts += [
        rect(510, 470, 180, 90, "#5c3b28", ' rx="6"'),
        rect(560, 440, 80, 30, "#3f2a1d"),
        circle(600, 118, 46, "#c8a24a"),
        rect(420, 160, 360, 14, "#b38f3d"),
    ]
    return svg("The council chamber from the public gallery", *parts)


def market_street(rng) -> str:
    parts = [
        sky("s", "#fbe3c4", "#f7d1a8"),
        circle(220, 130, 70, "#f4a259", ' opacity=".9"'),
    ]
    facades = ("#d98e73", "#e8c07d", "#8fb8a8", "#c97b84", "#e3d5b8", "#7f9fbf")
    x = 0
    while x < WIDTH:
        w = rng.randint(140, 200)
        h = rng.randint(300, 380)
        colour = rng.choice(facades)
        parts.append(rect(x, 520 - h, w, h, colour))
        parts.append(
            path(f"M{x - 6} {520 - h} h{w + 12} l-{(w + 12) // 2} -40 Z", "#5b4a45")
        )
        for wy in (520 - h + 40, 520 - h + 120):
            parts += [
                rect(x + 24, wy, 34, 54, "#fdf5e6"),
                rect(x + w - 58, wy, 34, 54, "#fdf5e6"),
            ]
        # a striped awning
        stripes = rng.choice(
            (("#b3261e", "#fdf5e6"), ("#2f5d50", "#fdf5e6"), ("#e09f3e", "#fdf5e6"))
        )
        for k in range(0, w - 10, 20):
            parts.append(
                path(f"M{x + 5 + k} 410 h20 l4 40 h-28 Z", stripes[(k // 20) % 2])
            )
        x += w + 4
    parts += [
        path("M0 520 H1200 V675 H0 Z", "#cdb89c"),
        *(
            rect(
                rng.randint(0, 1180), rng.randint(530, 665), 22, 8, "#b9a283", ' rx="3"'
            )
            for _ in range(70)
        ),
    ]
    # stalls and passers-by
    for sx in (160, 520, 880):
        parts += [
            rect(sx, 470, 170, 60, "#6b4f3a"),
            path(f"M{sx - 15} 470 h200 l-20 -44 h-160 Z", "#f2efe4"),
            *(
                circle(
                    sx + 20 + k * 26,
                    462,
                    10,
                    rng.choice(("#e4572e", "#f3a712", "#76b041", "#a23b72")),
                )
                for k in range(6)
            ),
        ]
    for px in (90, 410, 450, 760, 1090):
        colour = rng.choice(("#264653", "#6d597a", "#9c6644", "#2a9d8f"))
        parts += [
            circle(px, 540, 14, "#3d2c2e"),
            rect(px - 16, 556, 32, 70, colour, ' rx="14"'),
        ]
    return svg("Market stalls on the old market street", *parts)


def river_flood(rng) -> str:
    parts = [
        sky("s", "#9fb3c8", "#d8e1e8"),
        *(
            circle(x, 110 + dy, r, "#7d8fa3")
            for x, dy, r in (
                (260, 0, 70),
                (330, -20, 80),
                (410, 10, 60),
                (800, -10, 60),
                (870, 0, 85),
                (950, 15, 55),
            )
        ),
        *(
            stroke(f"M{x} {y} l-14 40", "#6b7f95", 3)
            for x, y in (
                (rng.randint(200, 1000), rng.randint(170, 300)) for _ in range(40)
            )
        ),
    ]
    for k, x in enumerate(range(40, 1160, 130)):
        h = 120 + (k * 37) % 70
        parts.append(rect(x, 440 - h, 110, h, ("#c9b79c", "#b5a28a", "#d8c8b0")[k % 3]))
        parts.append(path(f"M{x - 8} {440 - h} h126 l-63 -50 Z", "#6e5849"))
        parts.append(rect(x + 40, 440 - h + 40, 30, 36, "#f3ead8"))
    parts += [
        rect(0, 440, WIDTH, 235, "#4f7ca3"),
        # the risk bands of the new maps, as contour lines over the water
        *(
            stroke(
                f"M0 {y} C300 {y - 25} 900 {y + 25} 1200 {y}",
                c,
                5,
                ' stroke-dasharray="18 12"',
            )
            for y, c in ((470, "#f4d35e"), (530, "#ee964b"), (600, "#f95738"))
        ),
    ]
    return svg("Houses along the river under rain", *parts)


def bus(rng) -> str:
    parts = [
        sky("s", "#cfe8ef", "#eef6f1"),
        skyline(rng, 430, "#b7cfd6", tall=(120, 300)),
        rect(0, 430, WIDTH, 245, "#5d6470"),
        rect(0, 500, WIDTH, 8, "#e9e4d4", ' stroke-dasharray="40 30"'),
    ]
    parts += [
        rect(230, 250, 700, 230, "#e4572e", ' rx="28"'),
        *(rect(270 + k * 120, 280, 100, 90, "#d7eef5", ' rx="8"') for k in range(5)),
        rect(850, 280, 60, 150, "#2e3440", ' rx="6"'),
        rect(230, 400, 700, 18, "#f3a712"),
        circle(360, 485, 40, "#22252b"),
        circle(360, 485, 16, "#9aa0a6"),
        circle(790, 485, 40, "#22252b"),
        circle(790, 485, 16, "#9aa0a6"),
        rect(1020, 250, 10, 240, "#2e3440"),
        circle(1025, 250, 34, "#2a9d8f"),
        '<text x="1025" y="262" font-family="sans-serif" font-weight="700"'
        ' font-size="34" fill="#fff" text-anchor="middle">B</text>',
        *(
            circle(290 + k * 120, 330, 14, "#2e3440")
            for k in range(5)
            if rng.random() < 0.9
        ),
    ]
    return svg("A city bus at a stop", *parts)


def housing(rng) -> str:
    parts = [sky("s", "#f0ebe3", "#e6ddd0")]
    blocks = ("#c3a995", "#a68a64", "#d4c4b0", "#b08968")
    for k, x in enumerate(range(-30, WIDTH, 200)):
        h = 280 + (k * 53) % 160
        parts.append(rect(x, 620 - h, 180, h, blocks[k % 4]))
        for wy in range(620 - h + 26, 600, 46):
            parts.extend(
                rect(wx, wy, 22, 28, "#f8f4ec" if rng.random() < 0.7 else "#5e503f")
                for wx in range(x + 20, x + 160, 40)
            )
    parts += [
        rect(0, 620, WIDTH, 55, "#7f6a56"),
        stroke("M60 520 L260 470 L460 440 L660 360 L860 300 L1060 190", "#b3261e", 12),
        path("M1060 150 l44 60 h-88 Z", "#b3261e", ' transform="rotate(30 1060 190)"'),
        stroke(
            "M60 540 L260 525 L460 520 L660 500 L860 495 L1060 470",
            "#264653",
            8,
            ' stroke-dasharray="16 12"',
        ),
    ]
    return svg("Apartment blocks behind a rising line of rents", *parts)


def library_night(rng) -> str:
    parts = [
        sky("s", "#10142b", "#283163"),
        stars(rng, 60, 240),
        circle(180, 120, 50, "#f7f1d0"),
        rect(200, 230, 800, 360, "#3a3f5c"),
        path("M170 230 L600 110 L1030 230 Z", "#2c3050"),
    ]
    for col in range(6):
        x = 250 + col * 125
        parts += [
            rect(x, 280, 80, 220, "#ffd27a", ' rx="40" ry="40"'),
            rect(x, 320, 80, 180, "#ffd27a"),
        ]
        for shelf in range(4):
            parts.append(rect(x + 6, 350 + shelf * 40, 68, 4, "#b57f35"))
            parts.extend(
                rect(
                    x + 8 + b * 10,
                    326 + shelf * 40,
                    7,
                    24,
                    rng.choice(("#8c2f39", "#3d5a80", "#2a9d8f", "#6d597a")),
                )
                for b in range(6)
            )
    parts += [
        rect(160, 590, 880, 30, "#4a4f6e"),
        rect(0, 620, WIDTH, 55, "#1b1f3a"),
        rect(560, 520, 80, 70, "#2c3050"),
    ]
    return svg("The library lit at midnight", *parts)
