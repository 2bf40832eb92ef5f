"""Guidebooks as pages and as PDFs with Chinese set in the system's Noto CJK fonts."""

import io

import pytest
from pypdf import PdfReader


def pdf_fonts(reader: PdfReader) -> set[str]:
    """Base names of the fonts each page uses, including the CID fonts inside Type0 fonts."""
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            for descendant in font.get("/DescendantFonts", []):
                names.add(str(descendant.get_object()["/BaseFont"]))
    return names


@pytest.mark.django_db
def test_city_guide_sections_best_first(client):
    response = client.get("/en/travel/guide-chengdu/")
    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("Dining", "Accommodation", "Shopping", "Entertainment", "Getting around"):
        assert f">{heading}</h2>" in page
    assert "Chen Mapo Tofu" in page and "Chengdu East Railway Station" in page
    assert "Hongyadong" not in page  # a Chengdu guide: no Chongqing places
    sections = {section.key: section for section in response.context["sections"]}
    dining = sections["dining"].cities[0].places
    assert [p.popularity for p in dining] == sorted((p.popularity for p in dining), reverse=True)


@pytest.mark.django_db
def test_campaign_guide_covers_both_cities_and_the_rail(client):
    page = client.get("/en/travel/guide-tale-of-two-cities/").content.decode()
    assert "High-speed rail between Chengdu and Chongqing" in page
    assert "1 h 5 min to 1 h 30 min" in page
    assert "Chengdu East Railway Station" in page and "Chongqing North Railway Station" in page
    partners = page[page.index('id="partners-heading"') :]
    assert "A Tale of Two Cities" in partners
    assert "Kuanzhai Alleys" in partners and "Hongyadong" in partners
    chinese = client.get("/zh-hans/travel/guide-tale-of-two-cities/").content.decode()
    assert "成渝" in chinese or "成都与重庆之间的高铁" in chinese
    assert "双城记" in chinese


@pytest.mark.django_db
def test_guidebook_pdf_in_chinese_uses_noto_cjk(client):
    response = client.get("/zh-hans/travel/guide-tale-of-two-cities/?format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    for words in ("双城记", "宽窄巷子", "洪崖洞", "陈麻婆豆腐", "成都东站"):
        assert words in text
    fonts = pdf_fonts(reader)
    assert fonts and all("Noto-Sans-CJK" in name or "Noto-Serif-CJK" in name for name in fonts), (
        fonts
    )


@pytest.mark.django_db
def test_english_pdf(client):
    response = client.get("/en/travel/guide-chongqing/?format=pdf")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Chongqing guidebook" in text and "Hongyadong" in text
    assert "Kuanzhai" not in text
