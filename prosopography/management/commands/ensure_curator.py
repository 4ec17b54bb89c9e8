"""Create the local curator account if it does not exist yet.

The password comes from SERGE_CURATOR_PASSWORD; without it a random one is
generated and printed once. Refuses to run with DEBUG off: production accounts
are made with `createsuperuser`."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the local 'curator' account (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="curator")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Only for a local site; use createsuperuser in production.")
        User = get_user_model()
        if User.objects.filter(username=options["username"]).exists():
            self.stdout.write(f"Curator account '{options['username']}' exists.")
            return
        password = os.environ.get("SERGE_CURATOR_PASSWORD") or secrets.token_urlsafe(12)
        user = User.objects.create_superuser(options["username"], "", password)
        user.groups.add(Group.objects.get_or_create(name="curators")[0])
        shown = "from SERGE_CURATOR_PASSWORD" if os.environ.get("SERGE_CURATOR_PASSWORD") else password
        self.stdout.write(f"Created curator account '{user.username}' with password: {shown}")
