"""The style guide in the admin's Help menu, for whoever writes templates or content."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_help_menu_item")
def register_styleguide_menu_item():
    return MenuItem(
        _("Style guide"), reverse_lazy("portal:styleguide"), icon_name="doc-full", order=1000
    )
