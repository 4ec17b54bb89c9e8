"""Extension points, so that shared code and the prosopography can offer what a
later app (the bibliography) fills in, without importing it.

An app registers its functions in its AppConfig.ready(); the code that offers
the point calls `hooks.get(name)`. The points (docs/architecture.md lists them):

- "cite_page": (title, url, accessed_date, site_name) -> {"chicago": ..., "bibtex": ...};
  the "cite this page" block of every record page.
- "person_page": (person) -> dict merged into the person page's data
  (the bibliography adds the person's works).
- "place_page": (place) -> dict merged into the place page's data
  (the bibliography adds the periodicals and editions published there).
- "curated_models": () -> list of models whose changes the curators' queue lists
  among the recent changes by others (the bibliography adds works and editions).
"""

from collections import defaultdict

_registry = defaultdict(list)


def register(name, function):
    if function not in _registry[name]:
        _registry[name].append(function)
    return function


def get(name):
    """The functions registered under `name`, in registration order."""
    return list(_registry[name])


def first(name):
    """The one function registered under `name`; LookupError when none is."""
    functions = _registry[name]
    if not functions:
        raise LookupError(f"Nothing is registered for the hook “{name}”.")
    return functions[0]
