"""Staff edit the directory in the Wagtail admin (Snippets → Organisations, Groups, Projects)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CooperationProject, Group, Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name_en", "name_zh", "kind", "city", "industry"]
    list_filter = ["kind", "city"]
    search_fields = ["name_en", "name_zh", "industry"]


register_snippet(OrganisationViewSet)
register_snippet(Group)
register_snippet(CooperationProject)
