"""A W3C Reconciliation Service API (0.2 and 1.0-draft) over the prosopography and
bibliography, so that historians can match their spreadsheets in OpenRefine."""
