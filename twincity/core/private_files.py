"""Private files (CVs) sent after the view's permission check.

Without TWINCITY_PRIVATE_ACCEL_PREFIX, Django sends the file itself (FileResponse). Behind
nginx, with the prefix set (for example "/_private/"), the answer is empty and says
`X-Accel-Redirect: <prefix><path under PRIVATE_MEDIA_ROOT>`: nginx sends the file from an
`internal` location (deploy/nginx) that maps the prefix onto PRIVATE_MEDIA_ROOT, so a gunicorn
worker is not held for the whole download. The headers are the same either way.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

PRIVATE_CACHE_CONTROL = "private, no-store"


def private_file_response(
    file: FieldFile, filename: str, content_type: str = "application/pdf"
) -> HttpResponse:
    """The download of `file` (stored under PRIVATE_MEDIA_ROOT) as `filename`; call it only
    once the person is known to be allowed to read it."""
    prefix = settings.TWINCITY_PRIVATE_ACCEL_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(relative_path(file))
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(
            file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = PRIVATE_CACHE_CONTROL
    return response


def relative_path(file: FieldFile) -> str:
    """The file's path under PRIVATE_MEDIA_ROOT (ValueError for a file elsewhere: nginx's
    location serves that folder only)."""
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    return Path(file.path).resolve().relative_to(root).as_posix()
