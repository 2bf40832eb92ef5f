"""A graduate's saved job searches."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import NotAllowed, TalentError

MAX_SAVED_SEARCHES = 20


@transaction.atomic
def save_search(user: User, name: str, query: str):
    if not user.is_authenticated:
        raise NotAllowed(_("Sign in to save searches."))
    name = name.strip()[:100] or _("My search")
    if user.saved_searches.count() >= MAX_SAVED_SEARCHES:
        raise TalentError(
            _("You can keep %(most)d saved searches; delete one first.")
            % {"most": MAX_SAVED_SEARCHES}
        )
    search, _created = user.saved_searches.update_or_create(query=query, defaults={"name": name})
    return search


def my_saved_search(user: User, search_id: int):
    search = user.saved_searches.filter(pk=search_id).first() if user.is_authenticated else None
    if search is None:
        raise NotAllowed(_("This is not your saved search."))
    return search


def open_saved_search(user: User, search_id: int):
    """The user looks at a saved search's results: what is new is counted from now on."""
    search = my_saved_search(user, search_id)
    search.last_seen_at = timezone.now()
    search.save(update_fields=["last_seen_at"])
    return search


def delete_saved_search(user: User, search_id: int) -> None:
    my_saved_search(user, search_id).delete()
