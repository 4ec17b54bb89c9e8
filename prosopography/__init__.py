"""Persons, their names, organisations, places, relationships, events, and the
passages of the source documents that are the evidence for all of them."""
