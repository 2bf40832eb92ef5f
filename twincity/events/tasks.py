"""E-mails to people who register, sent by the worker after the change that causes them commits.

The task is given the registration's id only and reads it when it runs, so the e-mail says what
was committed, in the registrant's language; the confirmation carries the event's .ics.
"""

from django.utils import translation
from django_tasks import task

from twincity.core import mail
from twincity.core.localisation import localised

from .calendar import event_ics, page_in_language
from .models import Registration

WITH_CALENDAR = {"confirmed"}


def email_after_commit(registration: Registration, template: str) -> None:
    """Queue `events/email/<template>.txt` to the registrant once the transaction commits."""
    mail.enqueue_after_commit(send_registration_email, registration.pk, template)


@task()
def send_registration_email(registration_id: int, template: str) -> None:
    registration = (
        Registration.objects.select_related("ticket_type__event").filter(pk=registration_id).first()
    )
    if registration is None:
        return
    language = registration.language
    event = page_in_language(registration.ticket_type.event, language)
    with translation.override(language):
        context = {
            "registration": registration,
            "event": event,
            "ticket_type": localised(registration.ticket_type, "name"),
            "ticket_url": mail.absolute_url("events:ticket", language, registration.access_token),
            "confirm_url": mail.absolute_url(
                "events:email-confirm", language, registration.access_token
            ),
        }
    attachments = []
    if template in WITH_CALENDAR:
        ics = event_ics(event, language).decode()
        attachments.append((f"{event.slug}.ics", ics, "text/calendar"))
    mail.send_templated(
        f"events/email/{template}.txt", registration.email, language, context, attachments
    )
