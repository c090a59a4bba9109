"""The demo's illustrations of its life: science, schools, culture, nature."""

from .demo_shapes import (
    HEIGHT,
    WIDTH,
    birds,
    circle,
    hills,
    path,
    rect,
    sky,
    skyline,
    stroke,
    svg,
)


def pollen_lab(rng) -> str:
    parts = [
        sky("s", "#fff4d6", "#ffe3a3"),
        skyline(rng, 470, "#e7c58b", tall=(60, 200)),
        rect(0, 470, WIDTH, 205, "#6c757d"),
    ]
    parts += [
        rect(470, 300, 40, 170, "#495057"),
        rect(420, 250, 140, 60, "#adb5bd", ' rx="10"'),
        path("M440 250 L490 200 L540 250 Z", "#868e96"),
        rect(720, 380, 200, 90, "#f8f9fa", ' rx="6"'),
        rect(740, 400, 160, 12, "#dee2e6"),
    ]
    for _ in range(22):
        x, y, r = rng.randint(40, 1160), rng.randint(60, 420), rng.randint(8, 22)
        colour = rng.choice(("#f4a259", "#e9c46a", "#f6bd60", "#c9a227"))
        spikes = "".join(
            circle(round(x + r * 1.15 * c), round(y + r * 1.15 * s), 3, colour)
            for c, s in (
                (1, 0),
                (-1, 0),
                (0, 1),
                (0, -1),
                (0.7, 0.7),
                (-0.7, 0.7),
                (0.7, -0.7),
                (-0.7, -0.7),
            )
        )
        parts.append(circle(x, y, r, colour, ' opacity=".85"') + spikes)
    for x in range(30, 1200, 60):
        parts.append(
            path(
                f"M{x} 675 q10 -60 {rng.randint(-15, 15)} -110 q4 50 14 110 Z",
                "#588157",
            )
        )
    return svg("Pollen grains drift over a rooftop trap", *parts)


def school_lunch(rng) -> str:
    parts = [rect(0, 0, WIDTH, HEIGHT, "#f1c27d")]
    parts.extend(
        rect(x, 0, 30, HEIGHT, "#ebb56b", ' opacity=".5"') for x in range(0, WIDTH, 60)
    )
    parts += [
        rect(210, 110, 780, 460, "#5b8e7d", ' rx="36"'),
        rect(240, 140, 460, 400, "#6fa596", ' rx="22"'),
        rect(720, 140, 240, 190, "#6fa596", ' rx="22"'),
        rect(720, 350, 240, 190, "#6fa596", ' rx="22"'),
        circle(470, 340, 150, "#fdfcf7"),
        circle(470, 340, 120, "#f4efe1"),
        path("M380 320 q90 -90 180 0 q-90 60 -180 0 Z", "#e9c46a"),
        circle(420, 400, 30, "#76b041"),
        circle(470, 410, 30, "#5d9b34"),
        circle(520, 398, 30, "#76b041"),
        circle(840, 235, 62, "#d62828"),
        path("M840 172 q12 -30 30 -32", "none", ' stroke="#5c3d2e" stroke-width="8"'),
        rect(790, 380, 100, 130, "#fdfcf7", ' rx="6"'),
        path("M790 380 l50 -40 l50 40 Z", "#e0e7ef"),
        rect(805, 420, 70, 40, "#4f86c6"),
        rect(1010, 170, 18, 330, "#ced4da", ' rx="9"'),
        rect(1050, 170, 18, 330, "#ced4da", ' rx="9"'),
    ]
    return svg("A school lunch tray seen from above", *parts)


def theatre(rng) -> str:
    parts = [rect(0, 0, WIDTH, HEIGHT, "#1b0f14")]
    parts.append(path("M600 0 L330 560 L870 560 Z", "#f6e7c1", ' opacity=".18"'))
    parts.append(rect(0, 560, WIDTH, 115, "#3b2418"))
    parts.append(
        '<ellipse cx="600" cy="565" rx="290" ry="40" fill="#f6e7c1" opacity=".35"/>'
    )
    for side in (0, 1):
        for k in range(6):
            x = (k * 44) if side == 0 else (WIDTH - 44 - k * 44)
            parts.append(rect(x, 0, 46, 600 - k * 18, ("#8d1b2d", "#a4243b")[k % 2]))
    parts.append(rect(0, 0, WIDTH, 60, "#6d1422"))
    parts += [
        rect(560, 470, 80, 12, "#5a3825"),
        rect(566, 482, 8, 70, "#5a3825"),
        rect(626, 482, 8, 70, "#5a3825"),
        rect(626, 420, 8, 62, "#5a3825"),
        circle(520, 400, 22, "#2a1a1f"),
        path("M495 425 h50 l12 135 h-74 Z", "#2a1a1f"),
    ]
    return svg("A lone figure on a lit stage", *parts)


def forecast(rng) -> str:
    """A hospital under a winter's forecast: the models' band and what came."""
    parts = [
        sky("s", "#dff0ef", "#f4faf9"),
        *(rect(80, y, 1040, 2, "#c5dede") for y in range(80, 400, 64)),
    ]
    curve = [round(300 - 200 * max(0, 1 - abs(k - 5) / 4.5)) for k in range(11)]
    upper = " ".join(f"{80 + k * 104},{y - 40}" for k, y in enumerate(curve))
    lower = " ".join(
        f"{80 + k * 104},{curve[k] + 50}" for k in reversed(range(len(curve)))
    )
    parts.append(f'<polygon points="{upper} {lower}" fill="#8ecdd0" opacity=".7"/>')
    seen = [
        round(310 - 240 * max(0, 1 - abs(k - 6) / 4)) + rng.randint(-8, 8)
        for k in range(11)
    ]
    parts.append(
        stroke(
            "M" + " L".join(f"{80 + k * 104} {y}" for k, y in enumerate(seen)),
            "#c0392b",
            8,
        )
    )
    parts.extend(circle(80 + k * 104, y, 9, "#c0392b") for k, y in enumerate(seen))
    # the hospital the admissions were counted in
    parts += [
        rect(0, 560, WIDTH, 115, "#4d8b8b"),
        rect(300, 400, 600, 180, "#fbfbf8"),
        rect(520, 340, 160, 240, "#f1f1ec"),
        rect(585, 360, 30, 80, "#d64545"),
        rect(560, 385, 80, 30, "#d64545"),
        rect(560, 500, 80, 80, "#7fb3c8"),
        *(
            rect(x, y, 36, 30, "#9cc8d6")
            for y in (425, 480)
            for x in (*range(330, 500, 60), *range(710, 880, 60))
        ),
    ]
    parts.extend(
        rect(x, 625, 50, 8, "#79aeae", ' rx="4"') for x in range(60, 1180, 120)
    )
    return svg("A forecast band, the season that followed, and the hospital", *parts)


def wetlands(rng) -> str:
    parts = [
        sky("s", "#f8c9a0", "#fbe8d3"),
        circle(860, 330, 90, "#f49d6e"),
        hills(330, 20, "#a7b79a", 0.5),
        rect(0, 400, WIDTH, 275, "#9cc5c9"),
        '<ellipse cx="860" cy="430" rx="120" ry="10" fill="#f49d6e" opacity=".55"/>',
    ]
    for x in range(0, WIDTH, 14):
        if rng.random() < 0.7 and not 380 < x < 700:
            h = rng.randint(60, 170)
            parts.append(
                path(
                    f"M{x} 675 q{rng.randint(-8, 8)} -{h // 2} {rng.randint(-12, 12)}"
                    f" -{h} q4 {h // 2} 8 {h} Z",
                    rng.choice(("#5c7a4e", "#6f8f5c", "#4e6b42")),
                )
            )
    parts.append(
        birds(
            [
                (300, 170, 22),
                (360, 140, 18),
                (420, 190, 20),
                (520, 120, 16),
                (240, 210, 14),
            ],
            "#3b3b3b",
        )
    )
    # a heron standing in the shallows
    parts += [
        path("M560 470 q-10 -70 30 -90 q40 -10 40 40 q-10 40 -70 50 Z", "#6c7a89"),
        path(
            "M605 385 q-10 -60 20 -80 q20 -10 25 8 l30 4 l-32 6"
            " q-10 -4 -16 4 q-16 20 -10 60 Z",
            "#6c7a89",
        ),
        rect(576, 470, 4, 60, "#4a4a4a"),
        rect(592, 470, 4, 60, "#4a4a4a"),
    ]
    return svg("A heron in the restored marsh at dawn", *parts)


def classroom(rng) -> str:
    parts = [
        rect(0, 0, WIDTH, HEIGHT, "#f2e8cf"),
        rect(0, 470, WIDTH, 205, "#bc8a5f"),
        rect(260, 70, 680, 250, "#2f4f4f", ' stroke="#8b5e34" stroke-width="14"'),
        '<text x="300" y="150" font-family="Georgia, serif" font-size="44"'
        ' fill="#e8efe6">Class 4B: 35 pupils</text>',
        stroke("M300 220 q80 -40 160 0 t160 0", "#e8efe6", 4),
        circle(1060, 120, 48, "#fdfdfd", ' stroke="#444" stroke-width="6"'),
        stroke("M1060 120 v-30 M1060 120 h22", "#444", 6),
    ]
    for row in range(3):
        y = 390 + row * 95
        scale = 1 + row * 0.25
        count = 6 - row
        for k in range(count):
            w = 120 * scale
            gap = (WIDTH - count * w) / (count + 1)
            x = round(gap + k * (w + gap))
            parts += [
                circle(
                    round(x + w / 2),
                    round(y - 34 * scale),
                    round(20 * scale),
                    rng.choice(("#6b4226", "#2b2b2b", "#d4a373", "#8d5524")),
                ),
                rect(
                    round(x + w / 2 - 26 * scale),
                    round(y - 16 * scale),
                    round(52 * scale),
                    round(40 * scale),
                    rng.choice(("#e76f51", "#2a9d8f", "#e9c46a", "#457b9d")),
                    ' rx="10"',
                ),
                rect(x, y + 10, round(w), round(16 * scale), "#8b5e34"),
            ]
    return svg("A crowded classroom", *parts)


# What each demo story shows: (file, drawing, caption, credit), in the order
# of demo_text.ARTICLES.
