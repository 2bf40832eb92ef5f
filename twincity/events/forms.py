"""The events' visitor forms: registration (a ticket type, who is coming, and the event's own
questions) and the filters of the events listing (city, kind, month, upcoming or past).

The registration form as posted knows no event: it checks what it can alone (formats), and the
service checks the rest against the event (a required phone number, the invitation code). Shown
for an event, it asks only what that event asks: the phone number where the event wants one,
the invitation code where a ticket type on sale is by invitation."""

import uuid
from collections.abc import Iterable
from datetime import date, datetime

from django import forms
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from twincity.core.cities import City, city_choices
from twincity.core.localisation import localised
from twincity.core.navigation import query_to_keep

from .models import EventKind, PhoneQuestion, Question, Registration, TicketType
from .phones import MAX_TYPED_LENGTH, normalised_phone
from .selectors import EventFilters, price_text
from .services import YES_NO, choice_labels, choice_values

QUESTION_PREFIX = "question_"


def ticket_type_label(ticket_type: TicketType) -> str:
    """ "Visitor · Free — 12 seats left", or that the seats are gone and a waiting list is
    open; "by invitation" for a ticket type that needs a code."""
    name = localised(ticket_type, "name")
    if ticket_type.by_invitation:
        name = _("%(name)s (by invitation)") % {"name": name}
    name = f"{name} · {price_text(ticket_type.price, ticket_type.price, several=False)}"
    left = ticket_type.capacity - ticket_type.taken
    if left <= 0 or ticket_type.waiting:
        return _("%(name)s — fully booked: join the waiting list") % {"name": name}
    seats = ngettext("%(count)d seat left", "%(count)d seats left", left) % {"count": left}
    return f"{name} — {seats}"


class TicketTypeChoice(forms.RadioSelect):
    """Radio buttons of the ticket types; those by invitation are marked for register.js,
    which shows the invitation code field only when one of them is chosen."""

    def __init__(self, *args, by_invitation: frozenset[int] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.by_invitation = by_invitation

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.by_invitation:
            option["attrs"]["data-by-invitation"] = "true"
        return option


class PhoneField(forms.CharField):
    """A mainland mobile number or an international one, kept compact (phones.py)."""

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})
    default_error_messages = {
        "required": gettext_lazy("Please give your mobile phone number."),
        "invalid": gettext_lazy(
            "Give a mainland mobile number (11 digits starting with 1) or an international "
            "number starting with +."
        ),
    }

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_TYPED_LENGTH, **kwargs)

    def clean(self, value) -> str:
        typed = super().clean(value)
        number = normalised_phone(typed)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


def question_field(question: Question, language: str) -> forms.Field:
    label = localised(question, "text", language)
    if question.kind == Question.Kind.TEXT:
        return forms.CharField(label=label, required=question.required, max_length=2000)
    if question.kind == Question.Kind.CHOICE:
        choices = list(
            zip(choice_values(question), choice_labels(question, language), strict=False)
        )
    else:
        choices = list(zip(YES_NO, [_("Yes"), _("No")], strict=True))
    return forms.ChoiceField(
        label=label, required=question.required, choices=choices, widget=forms.RadioSelect
    )


class RegistrationForm(forms.Form):
    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    # Any id passes the form: the service says why a ticket type is not for sale (withdrawn,
    # closed since the form was shown, of another event); `offer` lists those on sale.
    ticket_type = forms.IntegerField(label=gettext_lazy("Ticket type"), widget=TicketTypeChoice)
    invitation_code = forms.CharField(
        label=gettext_lazy("Invitation code"),
        max_length=40,
        required=False,
        help_text=gettext_lazy(
            "Only for a ticket type by invitation: type the code the organisers sent you."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=100)
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        help_text=gettext_lazy("Your ticket is sent here."),
    )
    phone = PhoneField(
        label=gettext_lazy("Mobile phone number"),
        required=False,
        help_text=gettext_lazy(
            "A mainland mobile number (11 digits starting with 1), or an international number "
            "starting with +. The organisers use it only to reach you about this event."
        ),
    )
    organisation_name = forms.CharField(
        label=gettext_lazy("Organisation"), max_length=200, required=False
    )
    city_of_origin = forms.ChoiceField(
        label=gettext_lazy("Coming from"),
        choices=Registration.Origin.choices,
        widget=forms.RadioSelect,
    )
    # Recorded with the notice's version (core.consent) when the registration goes through.
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I agree that the organisers keep my name, e-mail address and answers to run this "
            "event; I can download or erase them at any time from my ticket."
        ),
        error_messages={"required": gettext_lazy("Please agree to the privacy notice.")},
    )

    def __init__(
        self,
        *args,
        questions: Iterable[Question] = (),
        phone: str = PhoneQuestion.OPTIONAL,
        **kwargs,
    ):
        """`phone` is the event's PhoneQuestion; the form as posted, without an event, takes
        a phone number and leaves it to the service to say whether one is needed."""
        super().__init__(*args, **kwargs)
        self.initial.setdefault("submission_token", uuid.uuid4())
        if phone == PhoneQuestion.OFF:
            del self.fields["phone"]
        else:
            self.fields["phone"].required = phone == PhoneQuestion.REQUIRED
        language = get_language() or "en"
        for question in questions:
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = question_field(question, language)

    def offer(self, on_sale: list[TicketType]) -> None:
        """Show the ticket types on sale (annotated by `services.on_sale`), price and seats
        left beside each; only these are offered. The invitation code is asked only if one of
        them is by invitation."""
        field = self.fields["ticket_type"]
        field.widget.choices = [(ticket.pk, ticket_type_label(ticket)) for ticket in on_sale]
        field.widget.by_invitation = frozenset(t.pk for t in on_sale if t.by_invitation)
        if not field.widget.by_invitation:
            del self.fields["invitation_code"]
        if len(on_sale) == 1:
            self.initial.setdefault("ticket_type", on_sale[0].pk)

    def answers(self) -> dict[str, str]:
        """The answers to the event's questions as sent, by question id: the service checks
        them, so a registration needs no question fields (and no query) to go through."""
        return {
            name.removeprefix(QUESTION_PREFIX): value
            for name, value in self.data.items()
            if name.startswith(QUESTION_PREFIX)
        }


# --- The events listing's filters ---------------------------------------------------------------

WHEN_CHOICES = [
    ("", gettext_lazy("Upcoming and past")),
    ("upcoming", gettext_lazy("Upcoming")),
    ("past", gettext_lazy("Past")),
]


class MonthField(forms.Field):
    """A month as the browser's <input type="month"> sends it: YYYY-MM."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2027-05", "maxlength": 7})
    default_error_messages = {
        "invalid": gettext_lazy("Give the month as year and month, e.g. 2027-05.")
    }

    def to_python(self, value) -> date | None:
        value = (value or "").strip()
        if not value:
            return None
        try:
            return datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class EraseDataForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand that my registrations are cancelled and my data erased for good."
        ),
        error_messages={"required": gettext_lazy("Tick the box to confirm the erasure.")},
    )


class EventFilterForm(forms.Form):
    city = forms.ChoiceField(
        label=gettext_lazy("City"),
        choices=[("", gettext_lazy("Either city")), *city_choices(City.BOTH)],
        required=False,
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("All kinds")), *EventKind.choices],
        required=False,
    )
    month = MonthField(label=gettext_lazy("Month"), required=False)
    when = forms.ChoiceField(label=gettext_lazy("When"), choices=WHEN_CHOICES, required=False)

    def filters(self) -> EventFilters:
        """The valid filters; one that was not understood is left out (the page says so)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return EventFilters(
            city=data.get("city", ""),
            kind=data.get("kind", ""),
            month=data.get("month"),
            when=data.get("when", ""),
        )

    def query_to_keep(self) -> str:
        """The valid filters as the pagination carries them from page to page."""
        chosen = self.filters()
        return query_to_keep(
            city=chosen.city,
            kind=chosen.kind,
            month=chosen.month.strftime("%Y-%m") if chosen.month else "",
            when=chosen.when,
        )
