"""Where CVs are kept: outside MEDIA_ROOT, under names nobody can guess, served only by views
that check who is asking."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def cv_storage() -> FileSystemStorage:
    # A callable, so that settings (and tests' overrides) are read when a file is stored.
    return FileSystemStorage(
        location=settings.PRIVATE_MEDIA_ROOT, base_url=None, file_permissions_mode=0o600
    )


def cv_file_name(_profile, _original_name: str) -> str:
    # The uploaded name may carry personal data or path tricks; keep none of it.
    return f"cv/{uuid.uuid4().hex}.pdf"
