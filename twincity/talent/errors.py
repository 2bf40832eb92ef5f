"""Named errors of the talent services; each carries a message a person can read, translated."""


class TalentError(Exception):
    """A request the rules refuse; `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(TalentError):
    """The user may not do this, or may not see this (someone else's data)."""


class ApplicationError(TalentError):
    pass


class BookingError(TalentError):
    pass


class AssignmentError(TalentError):
    pass
