"""The base of every refusal a person sees, and the one way a form shows it."""


class UserFacingError(Exception):
    """A request the rules refuse. `message` says why, translated, in words the person can act
    on; `field` names the form field it concerns, or None for the request as a whole.
    Each app names its kinds (talent's `ApplicationError`, events' `RegistrationError`)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def show_on_form(form, error: UserFacingError) -> None:
    """A service's refusal as the form's error: at its field when the form has that field,
    above the form otherwise. What the person typed stays in the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
