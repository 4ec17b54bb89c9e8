"""IPIF, the International Prosopography Interchange Format, served read-only under /ipif/.

An app of its own so that the exchange format stays a thin layer over the
database's evidence: it owns no tables, only the mapping (statements.py), the
bounded reads (selectors.py) and the spec's shapes (views.py)."""
