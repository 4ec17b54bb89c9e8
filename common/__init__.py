"""Shared machinery: what every kind of record needs, whatever app it belongs to.

Plain Python modules, no models: text normalisation and EDTF dates, the rules of
merged records, search plumbing, the API's base viewsets, serializers, renderers,
pagination, permissions and schema, and the helpers of the readers' pages.

Dependencies run one way (docs/architecture.md): common → prosopography →
bibliography → dataset. Nothing here imports the apps; a test keeps it so.
"""
