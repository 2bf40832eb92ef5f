"""Named errors of the events services; each carries a translated message a person can read."""


class EventsError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(EventsError):
    """The user may not manage this event, or see this registration."""


class RegistrationError(EventsError):
    pass


class CheckInError(EventsError):
    pass


class BoothError(EventsError):
    pass


class LockBusy(RegistrationError, BoothError):
    """The lock a change needs stayed taken longer than settings.EVENTS_LOCK_WAIT_MS: nothing
    changed, and the person may simply try again. A registration's error and a booth decision's
    alike, so each page shows it as it shows its own refusals."""
