"""The API machinery every app shares (see common/__init__.py)."""
