"""Reading CSL-JSON items, shared by the BibTeX and RIS serialisations: the
year, a name for display, a page range."""


def _year(item, key="issued"):
    try:
        return item[key]["date-parts"][0][0]
    except (KeyError, IndexError, TypeError):
        return None


def _display_name(name, inverted=True):
    if "literal" in name:
        return name["literal"]
    if inverted:
        return f"{name['family']}, {name['given']}"
    return f"{name['given']} {name['family']}"


def _pages(page):
    first, _, last = page.replace("–", "-").partition("-")
    return first.strip(), last.strip()
