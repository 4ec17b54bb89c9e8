"""Create (or bring up to date) the curators' role groups, and optionally give
accounts a role. Run again after adding a model: permissions are set afresh.

    python manage.py setup_roles
    python manage.py setup_roles --assign alice=editor --assign bob=reviewer

- editors: view, add and change every record of the database (persons, names,
  ties, readings, sources, mentions, works ...): edit, merge, rank readings,
  revert; nothing is ever deleted (records are merged);
- reviewers: view every record, change mentions only (confirm or reject them);
- curators: as editors (the group the API has always treated as curators).

An assigned account is made staff (to sign in to the admin). See docs/curators.md."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from common.api.permissions import CURATORS, EDITORS, REVIEWERS

# The apps whose records curators keep (app labels, so that no layer imports another).
DATABASE_APPS = ("prosopography", "bibliography")
ROLES = {"editor": EDITORS, "reviewer": REVIEWERS, "curator": CURATORS}


def _permissions(actions, models=None):
    wanted = []
    for label in DATABASE_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.auto_created or model.__name__.startswith("Historical"):
                continue
            if models is not None and model._meta.label_lower not in models:
                continue
            ct = ContentType.objects.get_for_model(model)
            codenames = [f"{action}_{model._meta.model_name}" for action in actions]
            wanted += Permission.objects.filter(content_type=ct, codename__in=codenames)
    return wanted


def role_permissions():
    """{group name: [Permission]}: the one definition of what each role may do."""
    editing = _permissions(["view", "add", "change"])
    reviewing = _permissions(["view"]) + _permissions(["change"], models={"prosopography.mention"})
    return {EDITORS: editing, CURATORS: editing, REVIEWERS: reviewing}


class Command(BaseCommand):
    help = "Create the editors, reviewers and curators groups with their permissions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--assign",
            action="append",
            default=[],
            metavar="USERNAME=ROLE",
            help="editor, reviewer or curator",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        for name, permissions in role_permissions().items():
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.set(permissions)
            self.stdout.write(f"{name}: {len(permissions)} permissions")
        User = get_user_model()
        for assignment in options["assign"]:
            username, _, role = assignment.partition("=")
            if role not in ROLES:
                raise CommandError(f"Unknown role “{role}” for {username}: choose one of {', '.join(ROLES)}.")
            try:
                user = User.objects.get(username=username)
            except User.DoesNotExist as exc:
                raise CommandError(f"No account “{username}”.") from exc
            user.groups.remove(*Group.objects.filter(name__in=ROLES.values()))
            user.groups.add(Group.objects.get(name=ROLES[role]))
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            self.stdout.write(f"{username}: {role}")
