from django.apps import AppConfig


class IpifConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ipif"
    verbose_name = "IPIF (prosopography interchange)"
