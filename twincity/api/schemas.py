"""Schemas shared by the API's operations: the one error shape, links to the site's pages."""

import json

from django.http import HttpResponse
from ninja import Field, Schema


class FieldError(Schema):
    field: str = Field(description="The parameter or field at fault.")
    message: str


class Error(Schema):
    """Every 4xx answer has this shape; `detail` is in the language asked for."""

    detail: str = Field(examples=["Not found.", "未找到。"])
    errors: list[FieldError] | None = Field(
        None, description="One entry per bad parameter (422 only)."
    )


ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 405: Error, 422: Error, 429: Error}
READ_ERRORS = {401: Error, 404: Error, 422: Error, 429: Error}
LIST_ERRORS = {401: Error, 422: Error, 429: Error}


def error_response(status: int, detail: str, errors: list[dict] | None = None) -> HttpResponse:
    """The error shape, for answers given before ninja runs (the API middleware)."""
    body = {"detail": str(detail)}
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/json"
    )
    response["Cache-Control"] = "no-store"
    return response
