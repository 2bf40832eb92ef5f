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


# The team's own illustrations, hand-written SVG (flat, the site's palette, 1600×900), shipped
# with the code so that the demo shows pictures without fetching any. Each file's <title> says
# what it shows; its Chinese description is in ILLUSTRATION_TEXTS.
ILLUSTRATIONS_DIR = Path(__file__).resolve().parent / "data" / "illustrations"
ILLUSTRATION_TEXTS = {
    "bullet-train": "示意图：往来成渝两地的高速列车。",
    "cableway": "示意图：横跨长江的重庆长江索道。",
    "chaotianmen-bridge": "示意图：黄昏时分横跨长江的朝天门大桥。",
    "chengdu-skyline": "示意图：成都天际线，电视塔、天府广场与锦江。",
    "chongqing-skyline": "示意图：长江与嘉陵江之间半岛上的重庆天际线。",
    "cooperation": "示意图：成都与重庆两座城市由一条铁路相连。",
    "exhibition-hall": "示意图：插着旗帜、人来人往的会展中心。",
    "festival": "示意图：挂满红灯笼的美食节夜市街。",
    "hongyadong": "示意图：夜色中的洪崖洞，吊脚楼层层亮灯，俯临嘉陵江。",
    "hotpot": "示意图：一锅九宫格红汤重庆火锅与几碟菜品。",
    "industrial-park": "示意图：产业园区的厂房、烟囱与物流货车。",
    "job-fair": "示意图：招聘会现场，企业展位前的毕业生。",
    "kuanzhai-alleys": "示意图：宽窄巷子青瓦院门与红灯笼。",
    "logistics": "示意图：物流仓库的货架、包裹与冷链货车。",
    "mapo-tofu": "示意图：成都名菜麻婆豆腐与一碗担担面。",
    "pandas": "示意图：两只正在吃竹子的大熊猫。",
    "teahouse": "示意图：树下的四川茶馆，竹椅与盖碗茶。",
    "workshop": "示意图：职业院校实训车间，机械臂、车床与学员。",
}


def illustration_title(name: str) -> str:
    """The English description: the <title> of the SVG file."""
    svg = (ILLUSTRATIONS_DIR / f"{name}.svg").read_text(encoding="utf-8")
    return svg.split("<title>", 1)[1].split("</title>", 1)[0]


def illustration_texts(name: str) -> dict[str, str]:
    """What the illustration shows, by language: for alt texts and captions."""
    return {"en": illustration_title(name), "zh": ILLUSTRATION_TEXTS[name]}


def illustration(name: str):
    """The named SVG illustration as a Wagtail image, imported once (found by its title)."""
    Image = get_image_model()
    title = illustration_title(name)
    image = Image.objects.filter(title=title).first()
    if image is None:
        path = ILLUSTRATIONS_DIR / f"{name}.svg"
        with path.open("rb") as handle:
            image = Image(title=title, file=ImageFile(handle, name=f"demo-{name}.svg"))
            image.save()
    return image
