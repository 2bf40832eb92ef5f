"""Staff edit the directory in the Wagtail admin (Snippets → Organisations, Groups, Projects)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from twincity.core.hooks import DEMO_LOADERS, SEARCH_SOURCES

from .admin_views import OrganisationImportView, OrganisationIndexView
from .models import CooperationProject, Group, Organisation
from .services import COLUMNS


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    index_view_class = OrganisationIndexView
    # "listed" shows staff which enterprises still wait for a sign-up's approval.
    list_display = ["name_en", "name_zh", "kind", "city", "industry", "listed"]
    list_filter = ["kind", "city", "listed"]
    search_fields = ["name_en", "name_zh", "industry"]
    # Staff search the names as typed (the database's icontains), not the site's index.
    search_backend_name = None
    # Shows the listing's "Download CSV / XLSX" buttons; OrganisationIndexView writes the files.
    list_export = list(COLUMNS)
    export_filename = "organisations"


register_snippet(OrganisationViewSet)
register_snippet(Group)
register_snippet(CooperationProject)


class PermittedMenuItem(MenuItem):
    """Shown only to staff who may add organisations."""

    def is_shown(self, request) -> bool:
        return request.user.has_perm("directory.add_organisation")


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("directory/import/", OrganisationImportView.as_view(), name="directory_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return PermittedMenuItem(
        _("Import organisations"), reverse("directory_import"), icon_name="upload", order=1000
    )


@hooks.register(DEMO_LOADERS, order=20)
def load_directory_demo(homes, locales) -> str:
    """The seed's vocational education group, its schools, enterprises and associations."""
    from .demo import load_directory_demo

    return f"{load_directory_demo()} directory rows added"


@hooks.register(SEARCH_SOURCES, order=20)
def searched_organisations():
    from .search import ORGANISATIONS

    return ORGANISATIONS
