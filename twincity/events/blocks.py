"""The programme of an event: sessions with times, rooms and speakers."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SessionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    starts_at = blocks.DateTimeBlock(label=_("starts at"))
    ends_at = blocks.DateTimeBlock(label=_("ends at"), required=False)
    room = blocks.CharBlock(label=_("room"), required=False)
    speakers = blocks.ListBlock(blocks.CharBlock(label=_("speaker")), label=_("speakers"))
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "time"
        template = "events/blocks/session.html"


class ProgrammeBlock(blocks.StreamBlock):
    session = SessionBlock()
