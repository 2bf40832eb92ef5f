"""PDF rendering with WeasyPrint, for any app (tourism's guidebooks and trip plans today).

Chinese needs a CJK font: the templates name "Noto Sans CJK SC" (Debian's fonts-noto-cjk),
which WeasyPrint finds through fontconfig; no font is fetched. Nothing else is fetched either:
the URL fetcher allows only local files and data: URLs, so a template that links to a web
font or a tile server renders without it instead of reaching out at run time.
"""

from django.conf import settings
from django.template.loader import render_to_string

PDF_CONTENT_TYPE = "application/pdf"
LOCAL_PROTOCOLS = {"file", "data"}


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    """The template rendered to HTML, then to PDF bytes (A4, as the template's CSS says)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, context, request=request)
    fetcher = URLFetcher(allowed_protocols=LOCAL_PROTOCOLS)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf()
