"""The shared mapping from the database to CSL: contribution roles to CSL name
variables, work types to CSL item types, and persons and credits to CSL names
(pseudonyms, credited names and roles without a CSL variable go to notes)."""

from common.text import normalize

from ..models import Contribution, WorkStatus, WorkType

# How a contribution's role reads in CSL. Prefaces and introductions have no
# CSL name variable; they go to the item's note instead.
_CSL_ROLE = {
    Contribution.Role.AUTHOR: "author",
    Contribution.Role.COAUTHOR: "author",
    Contribution.Role.CREDITED: "author",
    Contribution.Role.SENDER: "author",
    Contribution.Role.TRANSLATOR: "translator",
    Contribution.Role.EDITOR: "editor",
    Contribution.Role.ILLUSTRATOR: "illustrator",
    Contribution.Role.RECIPIENT: "recipient",
}

_CSL_TYPE = {
    # CSL 1.0's type for letters; "letter" is not in the CSL-JSON schema.
    WorkType.LETTER: "personal_communication",
    WorkType.CORRESPONDENCE: "book",
    WorkType.THESIS: "thesis",
    WorkType.MANUSCRIPT: "manuscript",
    WorkType.PAMPHLET: "pamphlet",
    WorkType.REVIEW: "review",
}
# Short pieces: an article in a periodical, a chapter in a book, else a manuscript.
_PIECES = {
    WorkType.ARTICLE,
    WorkType.REVIEW,
    WorkType.SHORT_STORY,
    WorkType.POEM,
    WorkType.SERIES,
    WorkType.LETTER,
}


def _is_pseudonym(contribution):
    """Whether the name a contribution was credited under hides the person: it is
    recorded as one of their pseudonyms, or shares no word with their name ("Le
    Rétif" for Victor Serge, unlike the initials "V. Serge")."""
    credited = normalize(contribution.credited_as)
    person = contribution.person
    if any(alias.normalized == credited for alias in person.aliases.all()):
        return True
    return not set(credited.split()) & set(normalize(person.name).split())


def csl_name(person):
    """{"family", "given"} from the sort name "Surname, Forename", else a literal."""
    sort_name = person.sort_name or person.name
    family, comma, given = sort_name.partition(",")
    if comma and family.strip() and given.strip():
        return {"family": family.strip(), "given": given.strip()}
    return {"literal": person.name}


def _names(contributions):
    """CSL name lists by role, plus notes about credits, from contributions."""
    names, notes = {}, []
    for contribution in sorted(contributions, key=lambda c: (c.order, c.id)):
        person, credited = contribution.person, contribution.credited_as.strip()
        role = _CSL_ROLE.get(contribution.role)
        if role is None:
            notes.append(f"{contribution.get_role_display().capitalize()}: {person.name}.")
            continue
        name = csl_name(person)
        if credited and credited != person.name:
            if _is_pseudonym(contribution):
                name = {"literal": credited}
                notes.append(f"{credited}: pseudonym of {person.name}.")
            else:
                notes.append(f"{person.name} credited as “{credited}”.")
        if name not in names.get(role, []):  # a letter's author is also its sender
            names.setdefault(role, []).append(name)
    return names, notes


def _csl_type(work, edition):
    if edition is not None and edition.periodical_id:
        # Periodical records do not say whether they are newspapers or reviews, so
        # every periodical piece is an article-journal (citeproc-py also renders
        # article-newspaper with a stray "Edition" in Chicago).
        return "article-journal"
    if work.type in _PIECES and getattr(work, "part_of_relations", None):
        return "chapter"
    if work.status != WorkStatus.PUBLISHED and work.type != WorkType.LETTER:
        return "manuscript"
    if work.type in _PIECES and work.type not in _CSL_TYPE:
        return "manuscript" if edition is None else "article"
    return _CSL_TYPE.get(work.type, "book")
