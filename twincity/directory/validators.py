from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .credit_code import problem_kind


def validate_credit_code(value: str) -> None:
    """Django validator with translated messages (the engine's words are for logs and tests)."""
    kind = problem_kind(value)
    if kind is None:
        return
    if kind == "length":
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="length",
            params={"count": len(value)},
        )
    if kind == "check":
        raise ValidationError(
            _(
                "The last character of this credit code does not match the others: please check for a typo."
            ),
            code="check",
        )
    raise ValidationError(
        _(
            "A unified social credit code uses only digits and the capital letters A–Y without I, O, S, V."
        ),
        code="characters",
    )
