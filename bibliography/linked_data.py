"""Works as schema.org JSON-LD, for the reader pages and the API alike (the
shared rules are in common/linked_data.py)."""

from common.linked_data import add_date, record_node, same_as

# Our work types -> schema.org classes; the others are CreativeWorks. The one mapping
# for pages and API (they used to disagree on five types).
SCHEMA_ORG_TYPES = {
    "novel": "Book",
    "history": "Book",
    "essay": "Book",
    "memoir": "Book",
    "biography": "Book",
    "book": "Book",
    "collection": "Book",
    "correspondence": "Book",
    "diary": "Book",
    "article": "Article",
    "series": "Article",
    "review": "Review",
    "letter": "Message",
    "thesis": "Thesis",
    "short_story": "ShortStory",
    "poem": "CreativeWork",
}

AUTHOR_ROLES = ("author", "co-author")


def schema_org_type(work_type):
    return SCHEMA_ORG_TYPES.get(work_type, "CreativeWork")


def _person(person, url_of):
    return {"@type": "Person", "@id": url_of(person), "name": person.name}


def work_node(work, *, page_url, api_url, contributions, about, editions, identifiers, url_of):
    """`contributions`: the work's own credits; `editions`: its editions, each with
    `contributions` prefetched; `url_of(record)`: a record's page URL."""
    node = record_node(schema_org_type(work.type), work, page_url, api_url, work.title)
    node["genre"] = work.get_type_display()
    for role, term in (("author", "author"), ("translator", "translator"), ("editor", "editor")):
        roles = AUTHOR_ROLES if role == "author" else (role,)
        people = [_person(c.person, url_of) for c in contributions if c.role in roles]
        if people:
            node[term] = people
    if work.language:
        node["inLanguage"] = work.language
    add_date(node, "dateCreated", work.written)
    add_date(node, "datePublished", work.first_published)
    if work.description:
        node["description"] = work.description
    if about:
        node["about"] = [_person(person, url_of) for person in about]
    examples = [_edition_node(edition, url_of) for edition in editions]
    if examples:
        node["workExample"] = examples
    links = same_as(identifiers)
    if links:
        node["sameAs"] = links
    return node


def _edition_node(edition, url_of):
    example = {"@type": "CreativeWork", "name": edition.title}
    add_date(example, "datePublished", edition.date)
    if edition.language:
        example["inLanguage"] = edition.language
    if edition.publisher:
        example["publisher"] = {"@type": "Organization", "name": edition.publisher.name}
    translators = [c.person for c in edition.contributions.all() if c.role == "translator"]
    if translators:
        example["translator"] = [_person(person, url_of) for person in translators]
    return example
