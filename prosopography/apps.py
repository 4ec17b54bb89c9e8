from django.apps import AppConfig


class ProsopographyConfig(AppConfig):
    name = "prosopography"
    verbose_name = "Prosopography"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from common import changes

        from .search import register_searchers

        register_searchers()
        # Every table of the project counted, those added since included.
        post_migrate.connect(changes.install_triggers, sender=self, dispatch_uid="serge.count_changes")
