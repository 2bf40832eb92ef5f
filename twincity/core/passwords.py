"""Password rules with messages from the site's own catalogue.

Django 5.2.19 renamed the placeholder of its "too short" message, and its Chinese catalogue
still has the old one: a Chinese page would refuse a short password in English. The rule
stays Django's; only its words come from here (settings.AUTH_PASSWORD_VALIDATORS).
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: use at least %(count)d character.",
            "This password is too short: use at least %(count)d characters.",
            self.min_length,
        ) % {"count": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must have at least %(count)d character.",
            "Your password must have at least %(count)d characters.",
            self.min_length,
        ) % {"count": self.min_length}
