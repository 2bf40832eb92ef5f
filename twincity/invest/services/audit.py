"""The case's audit trail: every service that changes an enquiry or a project records who did
what, with the values before and after, in the same transaction as the change."""

from typing import Any

from ..models import CaseEvent


def record(
    action: str,
    *,
    actor=None,
    enquiry=None,
    project=None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> CaseEvent:
    """One line of the trail. `before` and `after` hold plain values (JSON-ready)."""
    return CaseEvent.objects.create(
        action=action,
        actor=actor,
        enquiry=enquiry,
        project=project,
        before=before or {},
        after=after or {},
        note=note,
    )
