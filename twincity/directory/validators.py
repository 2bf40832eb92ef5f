from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .credit_code import LENGTH, credit_code_problem


def validate_credit_code(value: str) -> None:
    """Django validator with translated messages (the engine's words are for logs and tests)."""
    problem = credit_code_problem(value)
    if problem is None:
        return
    if len(value) != LENGTH:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(count)d."),
            code="length",
            params={"count": len(value)},
        )
    if "check character" in problem:
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
