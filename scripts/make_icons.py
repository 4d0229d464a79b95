"""Draws the app icons the web app manifest names (run once; the PNGs are committed).

A white leaf on the header's dark green (#083f28). The maskable icon keeps the leaf inside the central 80% "safe
zone" that Android's masks never cut (https://web.dev/articles/maskable-icon), on a full-bleed background.

    .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

GREEN = (8, 63, 40, 255)
WHITE = (255, 255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "speciosa" / "static" / "speciosa" / "icons"
SCALE = 4  # drawn large and scaled down: smooth edges without an anti-aliasing option in ImageDraw


def leaf(size: int, *, inset: float, rounded: bool) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=GREEN)
    else:
        draw.rectangle((0, 0, big, big), fill=GREEN)
    pad = big * inset
    box = (pad, pad, big - pad, big - pad)
    width = box[2] - box[0]
    # A leaf: the lens where two circles overlap, its axis on the diagonal (stalk bottom left, tip top right).
    half = width / 2 * 1.3  # half the leaf's length along the diagonal
    radius, offset = half * 1.336, half * 0.886  # a lens about 0.45 times as wide as it is long
    mid_x, mid_y = big / 2, big / 2
    step = offset / 2 ** 0.5
    lens = []
    for sign in (1, -1):
        cx, cy = mid_x + sign * step, mid_y + sign * step
        disc = Image.new("L", (big, big), 0)
        ImageDraw.Draw(disc).ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=255)
        lens.append(disc)
    image.paste(WHITE, (0, 0), ImageChops.multiply(lens[0], lens[1]))
    reach = half / 2 ** 0.5
    line = max(2, int(width * 0.035))
    draw.line((mid_x - reach * 1.25, mid_y + reach * 1.25, mid_x - reach, mid_y + reach), fill=WHITE, width=line * 2)
    draw.line((mid_x - reach * 0.85, mid_y + reach * 0.85, mid_x + reach * 0.7, mid_y - reach * 0.7), fill=GREEN,
              width=line)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        leaf(size, inset=0.18, rounded=True).save(OUT / f"icon-{size}.png", optimize=True)
    leaf(512, inset=0.26, rounded=False).save(OUT / "maskable-512.png", optimize=True)
    leaf(180, inset=0.2, rounded=False).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
