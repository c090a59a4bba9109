"""
The demo's lead images: flat editorial illustrations, drawn by code, one per
story's topic (a night train on the coast, a council chamber, a marsh at dawn).

They are written once as SVG files into the demo's static folder and committed
(`python -m parley.newsroom.demo_art` writes them again after a change here;
a test checks that the files are what this module draws). Every scene is built
from the same few shapes on its own palette, so the front page looks like one
illustrator's work without two pictures looking alike.
"""

import random
import sys
from pathlib import Path

from .demo_scenes_life import (
    classroom,
    forecast,
    pollen_lab,
    school_lunch,
    theatre,
    wetlands,
)
from .demo_scenes_town import (
    bus,
    council_chamber,
    housing,
    library_night,
    market_street,
    night_train,
    river_flood,
)

FOLDER = Path(__file__).resolve().parents[1] / "core" / "static" / "parley" / "demo"
URL_PREFIX = "/static/parley/demo/"

SCENES = [
    (
        "market-street.svg",
        market_street,
        "Stallholders on the old market street, where cars could soon be banned.",
        "Illustration: Nadia Brook",
    ),
    (
        "river-quarter.svg",
        river_flood,
        "The river quarter, where the new maps add four hundred homes to the top band.",
        "Illustration: Jonas Veldt",
    ),
    (
        "city-bus.svg",
        bus,
        "Route 14 at the station stop: the operator's busiest month since 2019.",
        "Illustration: Amara Quist",
    ),
    (
        "pollen-rooftop.svg",
        pollen_lab,
        "The rooftop trap has counted the city's pollen every summer since 1984.",
        "Illustration: Nadia Brook",
    ),
    (
        "school-lunch.svg",
        school_lunch,
        "A lunch tray at a primary school taking part in the pilot.",
        "Illustration: Teo Marsh",
    ),
    (
        "playhouse-stage.svg",
        theatre,
        "The last act of the Playhouse's Three Sisters, played almost without light.",
        "Illustration: Amara Quist",
    ),
    (
        "rents.svg",
        housing,
        "Rents (red) and wages (dashed) over five years, on the east side's estates.",
        "Illustration: Jonas Veldt",
    ),
    (
        "flu-forecast.svg",
        forecast,
        "The forecasts' range (shaded) and the admissions that followed (red).",
        "Illustration: Teo Marsh",
    ),
    (
        "library-midnight.svg",
        library_night,
        "The central library's reading room, open until midnight since exam season.",
        "Illustration: Nadia Brook",
    ),
    (
        "council-chamber.svg",
        council_chamber,
        "The council chamber from the public gallery, ahead of the budget vote.",
        "Illustration: Jonas Veldt",
    ),
    (
        "wetlands.svg",
        wetlands,
        "A grey heron on the restored marsh, where wader counts have doubled.",
        "Illustration: Amara Quist",
    ),
    (
        "classroom.svg",
        classroom,
        "Teachers counted the pupils in their largest classes for us.",
        "Illustration: Teo Marsh",
    ),
    (
        "night-train.svg",
        night_train,
        "The sleeper leaves the coast line's cliffs behind at dusk.",
        "Illustration: Nadia Brook",
    ),
]


def draw(index: int) -> str:
    """Return the SVG of the demo story at this index (the same every time)."""
    _file, drawing, _caption, _credit = SCENES[index]
    return drawing(random.Random(index))  # noqa: S311 (a picture, not a secret)


def lead_image(index: int) -> tuple[str, str, str]:
    """Return the demo story's lead image: its address, caption and credit."""
    file, _drawing, caption, credit = SCENES[index]
    return URL_PREFIX + file, caption, credit


def write_all(folder: Path = FOLDER) -> None:
    for index, (file, *_rest) in enumerate(SCENES):
        (folder / file).write_text(draw(index), encoding="utf-8")


if __name__ == "__main__":
    write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER)
