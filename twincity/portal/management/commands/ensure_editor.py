"""Create the local editor account once, and say how to sign in."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "editor"


class Command(BaseCommand):
    help = "Create the 'editor' account (a Wagtail administrator) if it is missing."

    def handle(self, **options):
        password_file = settings.VAR_DIR / "editor-password.txt"
        User = get_user_model()
        if not User.objects.filter(username=USERNAME).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(USERNAME, "editor@twincity.local", password)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        password = (
            password_file.read_text().strip() if password_file.exists() else "(as you set it)"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Editors sign in at {settings.WAGTAILADMIN_BASE_URL}/admin/ "
                f"as '{USERNAME}' with password {password}\n"
                f"(kept in {password_file}; change it with: manage.py changepassword {USERNAME})"
            )
        )
