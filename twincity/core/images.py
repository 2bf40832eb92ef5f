"""Images on cards, lead images and banners: one rendition size per place where an image is
shown, asked for the same way everywhere, so that a list's renditions come in one query.

Sizes are `fill-…` crops: an editor's photograph of any shape fills its box, and the team's SVG
illustrations stay vector (`preserve-svg` keeps only the operations an SVG can take).
"""

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from wagtail.images import get_image_model

IMAGE_SIZES = {
    "thumb": "fill-320x180",  # a small picture beside a headline
    "card": "fill-640x360",  # a card of a listing or of a home-page section
    "lead": "fill-1280x720",  # the picture at the top of an article, event or place
    "banner": "fill-1600x600",  # the home page's banner
}


def rendition_spec(size: str) -> str:
    return f"{IMAGE_SIZES[size]}|preserve-svg"


def prefetch_images(objects, *sizes: str, field: str = "image"):
    """`objects` with the image of `field` (a lookup such as "organisation__logo") and that
    image's renditions of `sizes` loaded: two queries for any number of objects.

    A queryset comes back with the prefetch added; a list of instances is filled in place.
    The objects must not have the image from `select_related` already (it would be kept, and
    its renditions not prefetched), and a queryset narrowed by `only()` must include `field`.
    """
    specs = (IMAGE_SIZES.get(size, size) for size in sizes)  # a size's name or a filter spec
    images = get_image_model().objects.prefetch_renditions(*specs)
    prefetch = Prefetch(field, queryset=images)
    if isinstance(objects, QuerySet):
        return objects.prefetch_related(prefetch)
    prefetch_related_objects(list(objects), prefetch)  # the same instances, filled in place
    return objects
