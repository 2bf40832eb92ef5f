"""What needs a partner's key: writes, and reading its own events' registrations."""

from ninja import Router

router = Router()
