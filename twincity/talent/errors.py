"""Named errors of the talent services; each carries a message a person can read, translated."""

from twincity.core.errors import UserFacingError


class TalentError(UserFacingError):
    """A request the job fair's rules refuse; `message` says why, in the user's language."""


class NotAllowed(TalentError):
    """The user may not do this, or may not see this (someone else's data)."""


class ApplicationError(TalentError):
    pass


class BookingError(TalentError):
    pass


class AssignmentError(TalentError):
    pass


class AccountExists(TalentError):
    """An address that has an account already: the sign-up forms never show this (they answer
    the same for every address), but code that makes accounts directly is told."""


class ConfirmationError(TalentError):
    """A link to confirm an e-mail address that is made up, changed or too old."""
