"""StreamField blocks that several apps' pages share (news articles, event pages)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)
    alt_text = blocks.CharBlock(
        required=False, help_text=_("Describe the image for people who cannot see it.")
    )

    class Meta:
        icon = "image"
        template = "core/blocks/captioned_image.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul", "h2", "h3"])
    image = CaptionedImageBlock()
    quote = blocks.BlockQuoteBlock()
