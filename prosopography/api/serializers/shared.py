"""Small helpers shared by the serializers of several kinds of record: a name form as the
API shows it, and the URL of a record's reader page.
"""


def name_form(name):
    """A name form as the API shows it; `printed` is false for a curator's
    normalisation that no document prints, null where nobody checked."""
    return {"name": name.name, "type": name.type, "language": name.language, "printed": name.printed}


def page_of(record, request):
    """The absolute URL of a record's reader page (None where pages are not routed)."""
    url = record.get_absolute_url()
    return request.build_absolute_uri(url) if url and request else url
