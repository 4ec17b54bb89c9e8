from rest_framework import permissions

# The role groups `manage.py setup_roles` creates (docs/curators.md). Reviewers
# confirm or reject mentions; they edit nothing else, in the admin or the API.
CURATORS, EDITORS, REVIEWERS = "curators", "editors", "reviewers"


def is_curator(user):
    """Curators are staff users (they also edit in the admin) or members of the
    “curators” group."""
    return bool(
        user and user.is_authenticated and (user.is_staff or user.groups.filter(name=CURATORS).exists())
    )


def may_write(user, model):
    """Whether a curator may write records of `model` through the API. A member of a
    role group (editors, reviewers) writes what the group's model permissions allow;
    other curators (staff, the curators group) write everything, as before roles."""
    if not is_curator(user):
        return False
    if user.is_superuser or model is None:
        return True
    if (
        not user.groups.filter(name__in=[EDITORS, REVIEWERS]).exists()
        or user.groups.filter(name=CURATORS).exists()
    ):
        return True
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


class IsCuratorOrReadOnly(permissions.BasePermission):
    """Anyone may read; only an authenticated curator may write (a reviewer: only
    what the reviewers' group may change)."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        method = request.method.lower()
        if method not in getattr(view, "http_method_names", [method]) or not hasattr(view, method):
            return True  # a method the view does not answer: 405, not 403 (nothing is written)
        return may_write(request.user, _model_of(view))


def _model_of(view):
    queryset = getattr(view, "queryset", None)
    if queryset is None and hasattr(view, "get_queryset"):
        try:
            queryset = view.get_queryset()
        except Exception:  # a view with no records of its own
            queryset = None
    return getattr(queryset, "model", None)
