"""What the events app tells the apps above it, which it must not import (pretix's signals).

A new registration is written by one SQL statement (registration_statement.py), so Django's
`post_save` never fires for it: `registration_created` does, once the row exists. Cancelling
saves the row and so sends `post_save` as usual.
"""

from django.dispatch import Signal

# sender=Registration, registration=<the Registration, status set>; sent inside no transaction
# of its own: receivers that act later use transaction.on_commit.
registration_created = Signal()
