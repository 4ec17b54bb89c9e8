from rest_framework import permissions


def is_curator(user):
    """Curators are staff users (they also edit in the admin) or members of the
    “curators” group."""
    return bool(
        user and user.is_authenticated and (user.is_staff or user.groups.filter(name="curators").exists())
    )


class IsCuratorOrReadOnly(permissions.BasePermission):
    """Anyone may read; only an authenticated curator may write."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or is_curator(request.user)
