from django.apps import AppConfig


class ProsopographyConfig(AppConfig):
    name = "prosopography"
    verbose_name = "Prosopography"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .search import register_searchers

        register_searchers()
