"""`manage.py draw_app_icons`: the committed icons are drawn by it."""

from io import StringIO

from django.core.management import call_command
from PIL import Image


def test_it_draws_each_icon_at_its_size(tmp_path):
    call_command("draw_app_icons", out=tmp_path, stdout=StringIO())
    sizes = {
        "pwa/icons/icon-192.png": 192,
        "pwa/icons/icon-512.png": 512,
        "pwa/icons/icon-maskable-512.png": 512,
        "pwa/icons/apple-touch-icon.png": 180,
    }
    for path, size in sizes.items():
        with Image.open(tmp_path / path) as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"
