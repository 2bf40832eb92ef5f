"""Named errors of the events services; each carries a translated message a person can read."""

from twincity.core.errors import UserFacingError


class EventsError(UserFacingError):
    """A request the events' rules refuse; `message` says why, in the user's language."""


class NotAllowed(EventsError):
    """The user may not manage this event, or see this registration."""


class RegistrationError(EventsError):
    pass


class AlreadyRegistered(RegistrationError):
    """The e-mail address already holds an active registration of the ticket type: its link
    was mailed to that address (again), and `message` says so without showing the ticket."""


class CheckInError(EventsError):
    pass


class BoothError(EventsError):
    pass


class LockBusy(RegistrationError, BoothError):
    """The lock a change needs stayed taken longer than settings.EVENTS_LOCK_WAIT_MS: nothing
    changed, and the person may simply try again. A registration's error and a booth decision's
    alike, so each page shows it as it shows its own refusals."""
