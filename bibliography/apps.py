from django.apps import AppConfig


class BibliographyConfig(AppConfig):
    name = "bibliography"
    verbose_name = "Bibliography"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The bibliography fills the extension points the prosopography offers
        # (common/hooks.py): works in search, on person and place pages, and "cite this page".
        from common import hooks

        from . import pages, references, search

        search.register_searchers()
        hooks.register("cite_page", references.cite_page)
        hooks.register("person_page", pages.person_works)
        hooks.register("place_page", pages.place_publications)
        hooks.register("curated_models", _curated_models)


def _curated_models():
    """The bibliography's records whose changes the curators' queue shows
    (prosopography.curation.recent_changes)."""
    from . import models

    return [models.Work, models.Edition, models.Periodical, models.Contribution]
