"""Where CVs are kept: outside MEDIA_ROOT, under names nobody can guess, served only by views
that check who is asking."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    """FileSystemStorage rooted at PRIVATE_MEDIA_ROOT, read when first used (tests move it)."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def cv_storage() -> FileSystemStorage:
    return PrivateStorage(base_url=None, file_permissions_mode=0o600)


def cv_file_name(_profile, _original_name: str) -> str:
    # The uploaded name may carry personal data or path tricks; keep none of it.
    return f"cv/{uuid.uuid4().hex}.pdf"


def application_cv_file_name(_application, _original_name: str) -> str:
    # The CV as it was sent with one application: the graduate's later uploads leave it as is.
    return f"applications/{uuid.uuid4().hex}.pdf"
