"""Illustrations for the demo content (news articles, campaigns), drawn on the spot so the
repository ships no photos."""

from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

DRAWINGS = {
    "corridor": {
        "title": "Bashu Culture and Tourism Corridor (demo illustration)",
        "caption": {
            "en": "Hongyadong (left) and Kuanzhai Alleys (right): the two ends of the corridor. Demo illustration.",
            "zh": "洪崖洞（左）与宽窄巷子（右）：巴蜀文化旅游走廊的两端。示意图。",
        },
        "labels": ("洪崖洞 Hongyadong", "宽窄巷子 Kuanzhai Alleys"),
    },
}


def font(size: int):
    return (
        ImageFont.truetype(str(CJK_FONT), size) if CJK_FONT.exists() else ImageFont.load_default()
    )


def draw_corridor(labels: tuple[str, str]) -> bytes:
    """Two stylised skylines joined by a rail line, night-blue and tea-house red."""
    image = PILImage.new("RGB", (1200, 630), "#13294b")
    draw = ImageDraw.Draw(image)
    for floor in range(7):  # Hongyadong's stilted floors, lit at night
        top = 200 + floor * 45
        draw.rectangle((80, top, 420, top + 34), fill="#f2a900" if floor % 2 else "#c9731e")
    for roof in range(4):  # Kuanzhai's courtyard roofs
        left = 740 + roof * 100
        draw.polygon([(left, 360), (left + 45, 320), (left + 90, 360)], fill="#8a1c1c")
        draw.rectangle((left + 10, 360, left + 80, 470), fill="#d9c7a7")
    draw.line((420, 520, 740, 520), fill="#ffffff", width=6)
    draw.text((80, 560), labels[0], font=font(36), fill="#ffffff")
    draw.text((740, 560), labels[1], font=font(36), fill="#ffffff")
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def demo_image(name: str):
    """The named illustration as a Wagtail image (created once), with its captions."""
    drawing = DRAWINGS[name]
    Image = get_image_model()
    image = Image.objects.filter(title=drawing["title"]).first()
    if image is None:
        file = ImageFile(BytesIO(draw_corridor(drawing["labels"])), name=f"demo-{name}.png")
        image = Image.objects.create(title=drawing["title"], file=file)
    return image, drawing["caption"]
