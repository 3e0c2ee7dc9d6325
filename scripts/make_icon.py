"""Draw the app icon (a report page with a red 年 header and a red check mark) into resources/icon.ico and icon.png.

Needs Pillow (`pip install pillow`, not a dependency of the app) and a CJK font (fonts-wqy-microhei).
Every size of the .ico is drawn at its own size (4× supersampled), with less detail the smaller it is.
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256
CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
SUPERSAMPLE = 4

RED = (200, 16, 46, 255)
PAGE_EDGE = (70, 96, 140, 255)
FOLD = (214, 224, 240, 255)
TEXT_LINE = (150, 162, 182, 255)
WHITE = (255, 255, 255, 255)


def _draw(size: int) -> Image.Image:
    """The icon at `size` px: the design is laid out on a 256-unit grid and scaled."""
    px = size * SUPERSAMPLE
    u = px / 256  # one grid unit in supersampled pixels
    img = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    edge = (10 if size >= 64 else 14) * u  # thicker strokes at small sizes stay visible

    left, top, right, bottom, fold = 34 * u, 10 * u, 206 * u, 246 * u, 50 * u
    page = [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)]
    d.polygon(page, fill=WHITE)
    d.line(page + [page[0]], fill=PAGE_EDGE, width=round(edge), joint="curve")
    d.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD, outline=PAGE_EDGE)
    d.line([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=PAGE_EDGE,
           width=round(edge * 0.8), joint="curve")

    if size >= 48:  # the 红头: 年 over a red rule
        font = ImageFont.truetype(CJK_FONT, round(78 * u))
        d.text(((left + right - fold) / 2 + 10 * u, 58 * u), "年", font=font, fill=RED, anchor="mm")
        rule_y = 108 * u
    else:
        rule_y = 64 * u
    d.rectangle([left + 22 * u, rule_y, right - 22 * u, rule_y + (8 if size >= 48 else 16) * u], fill=RED)

    lines = (136, 164, 192) if size >= 32 else (112, 150)
    for y in lines:
        d.rectangle([left + 24 * u, y * u, left + 96 * u, (y + (8 if size >= 48 else 14)) * u], fill=TEXT_LINE)

    check = [(112 * u, 180 * u), (150 * u, 220 * u), (238 * u, 112 * u)]
    stroke = (30 if size >= 48 else 40) * u
    d.line(check, fill=WHITE, width=round(stroke + 18 * u), joint="curve")  # halo over the page edge
    d.line(check, fill=RED, width=round(stroke), joint="curve")
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    """Write resources/icon.png (256 px) and resources/icon.ico (every size in ICO_SIZES)."""
    images = {size: _draw(size) for size in ICO_SIZES}
    out = ROOT / "resources"
    images[PNG_SIZE].save(out / "icon.png")
    largest = images[max(ICO_SIZES)]
    largest.save(out / "icon.ico", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])


if __name__ == "__main__":
    main()
