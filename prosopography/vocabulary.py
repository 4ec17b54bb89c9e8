"""The controlled vocabulary of relationship types, installed by a data migration.

Each row: slug, label (subject → object), inverse slug, kind. A symmetric type is
its own inverse."""

RELATIONSHIP_TYPES = [
    ("parent", "parent of", "child", "family"),
    ("child", "child of", "parent", "family"),
    ("spouse", "spouse of", "spouse", "family"),
    ("partner", "partner of", "partner", "family"),
    ("sibling", "sibling of", "sibling", "family"),
    ("in-law", "in-law of", "in-law", "family"),
    ("grandparent", "grandparent of", "grandchild", "family"),
    ("grandchild", "grandchild of", "grandparent", "family"),
    ("relative", "relative of", "relative", "family"),
    ("comrade", "comrade of", "comrade", "political"),
    ("collaborator", "collaborator of", "collaborator", "political"),
    ("adversary", "adversary of", "adversary", "political"),
    ("informer-on", "informer on", "informed-on-by", "political"),
    ("informed-on-by", "informed on by", "informer-on", "political"),
    ("interrogator-of", "interrogator of", "interrogated-by", "political"),
    ("interrogated-by", "interrogated by", "interrogator-of", "political"),
    ("defender-of", "defender of", "defended-by", "political"),
    ("defended-by", "defended by", "defender-of", "political"),
    ("correspondent", "correspondent of", "correspondent", "correspondence"),
    ("translator-of", "translator of", "translated-by", "literary"),
    ("translated-by", "translated by", "translator-of", "literary"),
    ("editor-of", "editor of", "edited-by", "literary"),
    ("edited-by", "edited by", "editor-of", "literary"),
    ("biographer-of", "biographer of", "biography-subject-of", "literary"),
    ("biography-subject-of", "subject of a biography by", "biographer-of", "literary"),
    ("employer-of", "employer of", "employed-by", "professional"),
    ("employed-by", "employed by", "employer-of", "professional"),
    ("teacher-of", "teacher of", "pupil-of", "personal"),
    ("pupil-of", "pupil of", "teacher-of", "personal"),
    ("friend", "friend of", "friend", "personal"),
    ("acquaintance", "acquaintance of", "acquaintance", "personal"),
]


def install(RelationshipType):
    """Create or update the vocabulary (idempotent), then link the inverses."""
    types = {}
    for slug, label, _, kind in RELATIONSHIP_TYPES:
        types[slug], _ = RelationshipType.objects.update_or_create(
            slug=slug, defaults={"label": label, "kind": kind}
        )
    for slug, _, inverse, _ in RELATIONSHIP_TYPES:
        types[slug].inverse = types[inverse]
        types[slug].save(update_fields=["inverse"])
