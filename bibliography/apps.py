from django.apps import AppConfig


class BibliographyConfig(AppConfig):
    name = "bibliography"
    verbose_name = "Bibliography"
    default_auto_field = "django.db.models.BigAutoField"
