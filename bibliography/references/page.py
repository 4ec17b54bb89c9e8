"""The readers' "cite this page" block: the CSL webpage item for one of our pages
and every format the block shows (`cite_page`, registered as the "cite_page" hook)."""

from .bibtex import to_bibtex
from .formatted import STYLES, format_references
from .ris import to_ris


def page_to_csl(title, url, accessed_date, site_name):
    """A CSL webpage item for one of our pages. The site is its author, as for
    any institutional web page (and it spares citeproc-py repeating the title
    where a style substitutes it for a missing author)."""
    return {
        "id": "page",
        "type": "webpage",
        "title": title,
        "author": [{"literal": site_name}],
        "container-title": site_name,
        "URL": url,
        "accessed": {"date-parts": [[accessed_date.year, accessed_date.month, accessed_date.day]]},
    }


def cite_page(title, url, accessed_date, site_name):
    """Everything the readers' "cite this page" block shows: Chicago, MLA and APA
    references (plain text, and HTML under "html"), a BibTeX @misc entry, RIS and
    the CSL-JSON item, all with the permanent URL and the access date."""
    item = page_to_csl(title, url, accessed_date, site_name)
    result = {"csl": item, "bibtex": to_bibtex([item]), "ris": to_ris([item]), "html": {}}
    for style in STYLES:
        result[style] = format_references([item], style, output="text")[0]
        result["html"][style] = format_references([item], style, output="html")[0]
    return result
