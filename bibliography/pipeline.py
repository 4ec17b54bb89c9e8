"""Parser of the bibliography of Weissman's thesis (001_29ff760426a99548.txt).

The fixture pipeline calls :func:`parse_thesis_bibliography` with the text of the
thesis (read from the seeds directory it is given) and gets plain records back:
works, editions, contributions, relations, holdings and the persons, publishers,
archives, places and periodicals they point to.  Entries the parser cannot
structure are curated by hand in ``fixtures/curated/bibliography_manual.yaml``,
keyed by section and entry; those manual records replace the parser's own, and
the report says, section by section, how many entries were parsed and how many
curated, so that nothing is dropped silently.

Keys are permanent (fixtures/curated/ids.yaml gives them their public ids), so they
are made to stay put: a work's key is its author's key and the slug of its title up
to the first comma (a subtitle completed after a comma does not change it), and a
publisher printed in several ways ("Thames & Hudson", "Thames and Hudson") has one
key, found by the signature of its name (publisher_signature).

Everything here is pure Python: no ORM access, no I/O except reading the manual
YAML file.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from common.text import make_slug, normalize

SOURCE = "001_29ff760426a99548.txt"
MANUAL_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "curated" / "bibliography_manual.yaml"
SERGE = "serge-victor"
RECORD_LISTS = (
    "works",
    "editions",
    "contributions",
    "work_relations",
    "holdings",
    "periodicals",
    "persons",
    "organisations",
    "places",
)


@dataclass
class ParsedBibliography:
    works: list = field(default_factory=list)
    editions: list = field(default_factory=list)
    contributions: list = field(default_factory=list)
    work_relations: list = field(default_factory=list)
    holdings: list = field(default_factory=list)
    periodicals: list = field(default_factory=list)
    persons: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    places: list = field(default_factory=list)
    report: dict = field(default_factory=dict)
    # Filled by cited.py from the works cited elsewhere in the documents.
    work_mentions: list = field(default_factory=list)
    extracts: list = field(default_factory=list)


# --------------------------------------------------------------------------- gazetteers
# Small tables of the names the bibliography uses, so that "NY", "New York" and
# "N.Y." become one place and "Editions Bernard Grasset" and "Grasset" one publisher.

PLACES = {
    "paris": "Paris",
    "london": "London",
    "londres": "London",
    "new york": "New York",
    "ny": "New York",
    "n y": "New York",
    "new york city": "New York",
    "mexico": "Mexico City",
    "mexico city": "Mexico City",
    "mexico df": "Mexico City",
    "barcelona": "Barcelona",
    "montreal": "Montreal",
    "avignon": "Avignon",
    "zurich": "Zurich",
    "buenos aires": "Buenos Aires",
    "san francisco": "San Francisco",
    "montreuil": "Montreuil",
    "edinburgh": "Edinburgh",
    "oxford": "Oxford",
    "cambridge": "Cambridge",
    "harmondsworth": "Harmondsworth",
    "moscow": "Moscow",
    "munich": "Munich",
    "chapel hill": "Chapel Hill",
    "berkeley": "Berkeley",
    "boston": "Boston",
    "chicago": "Chicago",
    "ann arbor": "Ann Arbor",
    "cleveland": "Cleveland",
    "bloomington": "Bloomington",
    "lausanne": "Lausanne",
    "firenze": "Florence",
    "santiago de chile": "Santiago de Chile",
    "la habana": "Havana",
    "greenwich": "Greenwich",
    "lexington": "Lexington",
    "new haven": "New Haven",
    "new brunswick": "New Brunswick",
    "armonk": "Armonk",
    "frankfurt": "Frankfurt",
    "los angeles": "Los Angeles",
    "glasgow": "Glasgow",
    "leningrad": "Leningrad",
    "kharkiv": "Kharkiv",
    "vienna": "Vienna",
    "berlin": "Berlin",
    "brussels": "Brussels",
    "bruxelles": "Brussels",
    "petrograd": "Petrograd",
    "kiev": "Kiev",
    "kieff": "Kiev",
    "hartford": "Hartford",
    "middlesex": "Middlesex",
    "madrid": "Madrid",
}
PLACE_KEYS = {"New York": "new-york", "Mexico City": "mexico-city"}

# Publishers whose names contain a comma, protected before a statement is split on commas.
COMMA_PUBLISHERS = [
    "Holt, Rinehart & Winston",
    "Martin, Secker and Warburg",
    "Routledge, Kegan & Paul",
    "Harcourt Brace, Jovanovich",
    "Longmans, Green Co",
    "Little, Brown and company",
    "Ediciones, Rojas",
]
# Publishers by name, as the bibliography prints them, to one key each.  Names are
# compared by their signature (publisher_signature: "&"/"and", "Ed."/"Editions",
# "Press", "Publishers", "Ltd", "Inc", "Co." and punctuation left out), so that
# "Thames & Hudson" and "Thames and Hudson" are one publisher.  Where the
# bibliography (or the curated files) had given one publisher two keys, the key
# kept is the one with the lower permanent id in fixtures/curated/ids.yaml.
PUBLISHER_ALIASES = {
    "editions bernard grasset": "editions-bernard-grasset",
    "bernard grasset": "editions-bernard-grasset",
    "grasset": "editions-bernard-grasset",
    "editions du seuil": "editions-du-seuil",
    "seuil": "editions-du-seuil",
    "les editions rieder": "editions-rieder",
    "rieder": "editions-rieder",
    "albin michel": "editions-albin-michel",
    "editions de minuit": "editions-de-minuit",
    "editions du sagittaire": "editions-du-sagittaire",
    "thames and hudson": "thames-and-hudson",
    "monthly review press": "monthly-review-press",
    "univ of north carolina press": "univ-of-north-carolina-press",
    "w w norton co": "w-w-norton-co",
    "wildwood house ltd": "wildwood-house-ltd",
    "university of michigan press": "university-of-michigan-press",
    "michigan university press": "university-of-michigan-press",
    "indian university press": "indian-university-press",
    "university of indiana press": "indian-university-press",
    "secker and warburg": "secker-warburg",
    "martin secker and warburg": "secker-warburg",
    "city lights books": "city-lights-books",
    "city light books": "city-lights-books",
    "ediciones quetzal": "ediciones-quetzal",
    "ediciones quetzales": "ediciones-quetzal",
    "cahiers les humbles": "les-humbles",
    "g p putnam s sons": "gp-putnams-sons",
    "merit pamphlet": "merit-publishers",
    "harvard": "harvard-university-press",
    "harvard university press": "harvard-university-press",
    "simon and schuster": "simon-and-schuster",
    "union generale d editions": "union-generale-d-editions",
    "editions gallimard": "gallimard",
    "gallimard": "gallimard",
    "julliard": "julliard",
    "maspero": "maspero",
    "writers readers": "writers-and-readers",
    "writers and readers": "writers-and-readers",
    "writers readers publishing cooperative": "writers-and-readers",
    "writers and readers cooperative": "writers-and-readers",
    "oup": "oxford-university-press",
    "oxford university press": "oxford-university-press",
    "penguin": "penguin-books",
    "penguin books": "penguin-books",
    "pioneer publishers": "pioneer-publishers",
    "pioneer": "pioneer-publishers",
    "spartacus": "cahiers-spartacus",
    "cahiers spartacus": "cahiers-spartacus",
    "spartacus cahiers mensuels": "cahiers-spartacus",
    "editions sociales internationales": "editions-sociales-internationales",
    "librairie de l humanite": "librairie-de-l-humanite",
    "librairie du travail": "librairie-du-travail",
    "new park": "new-park-publications",
    "new park publications": "new-park-publications",
    "new park pub": "new-park-publications",
    "pathfinder": "pathfinder-press",
    "pathfinder press": "pathfinder-press",
    "merit pub": "merit-publishers",
    "merit publishers": "merit-publishers",
    "monad press": "monad-press",
    "pluto press": "pluto-press",
    "doubleday": "doubleday",
    "doubleday co": "doubleday",
    "macmillan": "macmillan",
    "the macmillan company": "macmillan",
    "macmillan company": "macmillan",
    "macmillan co": "macmillan",
}
PUBLISHER_WORDS = re.compile(
    r"\b(?:Ed\.|Editions?|Ediciones|Editorial|Editores|Editoria|Librairie|Libreria|Press|Books|Publishers?|"
    r"Publications|Publishing|Publ?\.?|Co\.?|Company|company|Cooperative|Bibliotheque|Cahiers|Verlag|"
    r"Maspero|Rieder|Grasset|Seuil|Gallimard|Julliard|Doubleday|Gollancz|Amiot-Dumont|Penguin|Methuen|"
    r"Heinemann|Fayard|Flammarion|Verso|Pathfinder|Merit|Hachette|Macmillan|MacMillan|Allen|Hamilton|"
    r"Jarrolds|Warburg|Michel|Readers|Siglo|Spartacus|Actes Sud|Livre de Poche|Breche|Norton|Praeger|"
    r"Bantam|Longmans|Wildwood|Harper|Random House|Sons|Harwood|Unwin|Putnam|Muchnik|Sagittaire|"
    r"Savelli|Tisne|Lefevre|Iles d'Or|Pluto|Dutton|Knopf|Heath|Fawcett|Morrow|Cass|Merlin|Sphere|"
    r"Vintage|Pelican|Fontamara|Domes|Transicion|Quetzales|Mundo|Wishart|Sharpe|Ercilla|Clancier|"
    r"Hurst|Blackett|Cape|Hermitage|Peninsula|Walnut|Nuova Italia|Sinaloa|Plaza|Universit\w+|OUP|"
    r"Rojas|Minuit|EDI|Nicolson|Wiedenfeld|Insight|Meridian|Thames|Hudson|Viking|Jossey-Bass|"
    r"Lawrence|Pantheon|Monthly Review|Transaction|Khronika|Mexicanos|Routledge|Harcourt|Schuster|"
    r"Viewpoints|Ltd|Busby|Book Service|Age d'Homme)\b"
)
PUBLISHER_NOISE = {  # words left out of a publisher's signature
    "and",
    "et",
    "y",
    "the",
    "les",
    "le",
    "la",
    "ed",
    "eds",
    "edition",
    "editions",
    "ediciones",
    "editorial",
    "editores",
    "publisher",
    "publishers",
    "publication",
    "publications",
    "publishing",
    "pub",
    "publ",
    "ltd",
    "inc",
    "co",
    "company",
    "sa",
    "book",
    "books",
}


def publisher_signature(name):
    """What is left of a publisher's name once the words that vary from one citation
    to the next are left out: "Ed. de Minuit" and "Editions de Minuit" are "de minuit",
    "W. W. Norton & Co., Inc." is "norton".  "Press" stays after "University", so that
    a university and its press remain two organisations."""
    words = ["university" if w == "univ" else w for w in normalize(name).split()]
    kept = []
    for i, word in enumerate(words):
        if word == "press" and not (i and words[i - 1] in ("university", "universities")):
            continue
        if word in PUBLISHER_NOISE or len(word) == 1:
            continue
        kept.append(word)
    return " ".join(kept) or normalize(name)


PUBLISHER_BY_SIGNATURE = {}
for _alias, _key in PUBLISHER_ALIASES.items():
    assert PUBLISHER_BY_SIGNATURE.setdefault(publisher_signature(_alias), _key) == _key, _alias

# Persons the bibliography names in several forms, or whose keys the project already fixes.
KNOWN_PERSONS = {
    SERGE: (
        "Victor Serge",
        [
            "victor serge",
            "serge",
            "v serge",
            "vs",
            "le retif",
            "r albert",
            "r a",
            "victor serge kibalchich",
            "victor lvovich kibalchich",
        ],
    ),
    "trotsky-leon": (
        "Leon Trotsky",
        [
            "leon trotsky",
            "trotsky",
            "lev davidovitch trotsky",
            "trotsky lev davidovitch",
            "trotsky leon",
            "l d trotsky",
            "ldt",
            "lt",
            "trotsky ld",
            "trotski",
        ],
    ),
    "sedov-leon": ("Leon Sedov", ["leon sedov", "leon lyovich sedov", "sedov"]),
    "sedova-natalia": ("Natalia Sedova", ["natalia sedova", "natalia sedova trotsky", "sedova natalia"]),
    "istrati-panait": ("Panait Istrati", ["panait istrati", "istrati panait", "istrati"]),
    "rosmer-alfred": ("Alfred Rosmer", ["alfred rosmer", "rosmer", "rosmer alfred"]),
    "greeman-richard": ("Richard Greeman", ["richard greeman", "greeman richard", "greeman"]),
    "sedgwick-peter": ("Peter Sedgwick", ["peter sedgwick", "sedgwick peter"]),
    "weissman-susan": ("Susan Weissman", ["susan weissman", "weissman susan"]),
    "poretsky-elisabeth": ("Elisabeth K. Poretsky", ["elisabeth k poretsky", "poretsky elisabeth k"]),
    "macdonald-dwight": ("Dwight Macdonald", ["dwight macdonald", "macdonald dwight"]),
    "macdonald-nancy": ("Nancy Macdonald", ["nancy macdonald", "macdonald nancy"]),
    "gide-andre": ("André Gide", ["andre gide", "gide andre", "gide"]),
    "rolland-romain": ("Romain Rolland", ["romain rolland", "rolland romain"]),
    "souvarine-boris": ("Boris Souvarine", ["boris souvarine", "souvarine boris"]),
    "wullens-maurice": ("Maurice Wullens", ["maurice wullens", "wullens maurice", "wullens"]),
    "paz-magdeleine": ("Magdeleine Paz", ["magdeleine paz", "paz magdeleine"]),
    "lenin-vladimir": ("Lenin", ["lenin", "v i lenin", "lenin v i", "n lenine", "lenine"]),
    "zinoviev-grigory": ("Grigory Zinoviev", ["grigory zinoviev", "zinoviev"]),
    "shachtman-max": ("Max Shachtman", ["max shachtman", "max schachtman", "shachtman max"]),
    "kibalchich-vlady": ("Vlady Kibalchich", ["vlady", "vlady kibalchich", "kibalchich vlady"]),
    "kibalchich-jeannine": ("Jeannine Kibalchich", ["jeanine kibalchich", "kibalchich jeanine"]),
    "lam-wifredo": ("Wifredo Lam", ["wilfredo lam"]),
    "gorkin-julian": ("Julián Gorkin", ["julian gorkin", "gorkin julian", "gorkin"]),
    "parijanine-maurice": ("Maurice Parijanine", ["maurice parijanine", "parijanine"]),
    "levitas-s-m": ("S.M. Levitas", ["s m levitas", "s levitas", "levitas"]),
    "benedite-daniel": ("Daniel Bénédite", ["daniel benedite", "danny benedite", "benedite daniel"]),
    "shaginian-marietta": ("Marietta Shaginian", ["henriette chaguinian"]),
    "sholokhov-mikhail": ("Mikhail Sholokhov", ["m cholokhov"]),
    "gladkov-fyodor": ("Fyodor Gladkov", ["fedor gladkov"]),
    "fry-varian": ("Varian Fry", ["george varian fry", "fry varian", "varian fry"]),
    "deutscher-isaac": ("Isaac Deutscher", ["deutscher isaac", "isaac deutscher"]),
    "krivitsky-walter": ("Walter Krivitsky", ["krivitsky"]),
    "malaquais-jean": ("Jean Malaquais", ["malaquais jean", "jean malaquais"]),
    "sejourne-laurette": ("Laurette Séjourné", ["laurette sejourne"]),
    "fenwick-james": ("James M. Fenwick", ["james fenwick", "james m fenwick"]),
    "hervens-family": ("Hervens family", ["famille hervens"]),
    "regler-marie-louise": ("Marie Louise Regler", ["marie louise"]),
    "regler-gustav": ("Gustav Regler", ["gustav regler", "gustav", "regler gustav"]),
}
PERSON_ALIASES = {alias: key for key, (_, aliases) in KNOWN_PERSONS.items() for alias in aliases}
SERGE_PSEUDONYMS = {"le retif": "pseudonym", "r albert": "pseudonym", "r a": "initials", "vs": "initials"}
NAME_PARTICLES = {"van", "von", "de", "del", "y", "la", "le", "da", "di"}
NOT_FORENAMES = {
    "in",
    "the",
    "a",
    "an",
    "la",
    "le",
    "les",
    "el",
    "un",
    "una",
    "en",
    "mon",
    "testimony",
    "afterword",
    "collected",
    "selected",
    "us",
}
# Persons the bibliography names by one name only (never given a partner's surname).
MONONYMS = {
    "Audiberti",
    "Giono",
    "Gordon",
    "Raymond",
    "Monatte",
    "Vautheir",
    "Tavernest",
    "Lungdahl",
    "Lapidus",
    "Krivitsky",
    "Reinhardt",
    "Smith",
}
CORPORATE = re.compile(r"Senate|Commissariat|Committee|Department|Dept")

# Archives and libraries where letters and manuscripts are held.
REPOSITORIES = [
    (
        re.compile(r"Sterling Library"),
        "yale-sterling-library",
        "Sterling Memorial Library, Yale University",
        "library",
    ),
    (
        re.compile(r"Hoover"),
        "hoover-institution-archives",
        "Hoover Institution Archives, Stanford University",
        "archive",
    ),
    (re.compile(r"Serge Archive"), "serge-archive-mexico", "Serge Archive, Mexico City", "archive"),
    (re.compile(r"Musee Social"), "musee-social", "Musée Social, Paris", "library"),
]

# Periodicals: (title as key source, place name or None, language); place only when the text says.
PERIODICAL_INFO = {
    "l-anarchie": ("l'Anarchie", None, "fr"),
    "bulletin-communiste": ("Bulletin Communiste", None, "fr"),
    "biulleten-oppozitsii": ("Biulleten oppozitsii", None, "ru"),
    "clarte": ("Clarte", None, "fr"),
    "la-correspondance-internationale": ("La Correspondance Internationale", None, "fr"),
    "the-communist": ("The Communist", "London", "en"),
    "the-communist-international": ("The Communist International", None, "en"),
    "le-crapouillot": ("Le Crapouillot", "Paris", "fr"),
    "l-emancipation-paysanne": ("L'Emancipation Paysanne", None, "fr"),
    "l-en-dehors": ("l'En Dehors", None, "fr"),
    "esprit": ("Esprit", "Paris", "fr"),
    "la-fleche": ("La Fleche", None, "fr"),
    "el-hijo-prodigio": ("El Hijo Prodigio", "Mexico", "es"),
    "horizon": ("Horizon", "London", "en"),
    "l-humanite": ("L'Humanite", None, "fr"),
    "les-humbles": ("Les Humbles", "Paris", "fr"),
    "inprekorr": ("Inprekorr", "Vienna", "de"),
    "international-presse-korrespondenz": ("International Presse-Korrespondenz", None, "de"),
    "international-press-correspondence": ("International Press Correspondence", None, "en"),
    "modern-review": ("Modern Review", None, "en"),
    "mundo-libertad-y-socialismo": ("Mundo, Libertad y Socialismo", None, "es"),
    "new-essays": ("New Essays", None, "en"),
    "the-new-international": ("The New International", "New York", "en"),
    "new-leader": ("New Leader", "New York", "en"),
    "partisan-review": ("Partisan Review", None, "en"),
    "politics": ("Politics", "New York", "en"),
    "la-revolution-proletarienne": ("La Revolution proletarienne", "Paris", "fr"),
    "rumbo": ("Rumbo", "Mexico", "es"),
    "socialist-call": ("Socialist Call", None, "en"),
    "tierra-y-libertad": ("Tierra y Libertad", None, "es"),
    "la-vie-ouvriere": ("La Vie ouvriere", None, "fr"),
    "la-wallonie": ("La Wallonie", None, "fr"),
    "vaplite": ("Vaplite Literaturno-khudozhnii zhurnal", "Kharkiv", "uk"),
    "casa-del-tiempo": ("Casa del Tiempo", None, "es"),
    "temoins": ("Temoins", "Zurich", "fr"),
    "international-socialism": ("International Socialism", "London", "en"),
    "now": ("Now", "London", "en"),
    "les-temps-modernes": ("Les Temps Modernes", "Paris", "fr"),
    "cencrastus": ("Cencrastus", "Edinburgh", "en"),
    "les-feuillets-bleus": ("Les Feuillets bleus", "Paris", "fr"),
    "preuves": ("Preuves", "Paris", "fr"),
    "contemporains": ("Contemporains", None, "fr"),
    "lettres-francaises": ("Lettres francaises", "Buenos Aires", "fr"),
    "masses": ("Masses", "Paris", "fr"),
    "lectures-proletariennes": ("Lectures Proletariennes", "Paris", "fr"),
    "critique": ("Critique", None, "en"),
    "la-lutte-des-classes": ("La lutte des classes", None, "fr"),
    "excelsior": ("Excelsior", "Mexico City", "es"),
    "el-informador": ("El Informador", None, "es"),
    "the-nation": ("The Nation", None, "en"),
    "new-left-review": ("New Left Review", None, "en"),
    "vuelta": ("Vuelta", None, "es"),
    "cahiers-leon-trotsky": ("Cahiers Leon Trotsky", None, "fr"),
    "socialist-register": ("Socialist Register", None, "en"),
    "history-workshop-journal": ("History Workshop Journal", None, "en"),
    "quatrieme-internationale": ("Quatrieme Internationale", "Paris", "fr"),
}
PERIODICAL_ALIASES = {
    "rp": "la-revolution-proletarienne",
    "revolution proletarienne": "la-revolution-proletarienne",
    "pr": "partisan-review",
    "new international": "the-new-international",
    "the new leader": "new-leader",
    "mundo": "mundo-libertad-y-socialismo",
    "les feuilletes bleus": "les-feuillets-bleus",
    "les feuilletts bleus": "les-feuillets-bleus",
    "cahiers les humbles": "les-humbles",
    "humanite": "l-humanite",
    "inprecorr": "international-press-correspondence",
    "international press correspondence inprecorr english edition": "international-press-correspondence",
    "clarte new series": "clarte",
    "critique1": "critique",
    "critique 2": "critique",
    "critique 13": "critique",
    "critique 17": "critique",
    "critique 1": "critique",
}
for _key, (_title, _place, _lang) in PERIODICAL_INFO.items():
    PERIODICAL_ALIASES.setdefault(normalize(_title), _key)

LANGUAGE_NAMES = {
    "english": "en",
    "spanish": "es",
    "french": "fr",
    "italian": "it",
    "german": "de",
    "russian": "ru",
    "ukrainian": "uk",
}
LANGUAGE_OF_PLACE = {
    "paris": "fr",
    "montreal": "fr",
    "avignon": "fr",
    "montreuil": "fr",
    "lausanne": "fr",
    "mexico-city": "es",
    "barcelona": "es",
    "santiago-de-chile": "es",
    "havana": "es",
    "madrid": "es",
    "london": "en",
    "new-york": "en",
    "san-francisco": "en",
    "oxford": "en",
    "edinburgh": "en",
    "middlesex": "en",
    "harmondsworth": "en",
    "boston": "en",
    "cambridge": "en",
    "florence": "it",
}
LANGUAGE_OF_PUBLISHER = {
    key: "fr"
    for key in (
        "gallimard",
        "editions-rieder",
        "editions-bernard-grasset",
        "editions-du-seuil",
        "julliard",
        "maspero",
        "fayard",
        "hachette",
        "editions-de-minuit",
        "editions-albin-michel",
    )
}
STOPWORDS = {
    "fr": {
        "le",
        "la",
        "les",
        "des",
        "du",
        "et",
        "une",
        "sur",
        "au",
        "aux",
        "est",
        "dans",
        "pour",
        "d",
        "l",
        "qu",
        "ce",
        "que",
        "ou",
        "va",
        "contre",
        "apres",
        "revolution",
    },
    "es": {
        "el",
        "los",
        "las",
        "del",
        "y",
        "una",
        "por",
        "sobre",
        "contra",
        "revolucion",
        "ano",
        "como",
        "donde",
        "para",
        "de",
        "mi",
    },
    "en": {"the", "of", "and", "to", "from", "for", "with", "on", "in", "is", "what", "who", "a"},
    "it": {"il", "della", "dal", "dalla", "sull", "e"},
}

# --------------------------------------------------------------------------- dates
MONTHS = {
    "jan": 1,
    "janv": 1,
    "january": 1,
    "janvier": 1,
    "enero": 1,
    "feb": 2,
    "fev": 2,
    "fevr": 2,
    "february": 2,
    "fevrier": 2,
    "febrero": 2,
    "mar": 3,
    "march": 3,
    "mars": 3,
    "marzo": 3,
    "apr": 4,
    "april": 4,
    "avr": 4,
    "avril": 4,
    "abril": 4,
    "may": 5,
    "mai": 5,
    "mayo": 5,
    "jun": 6,
    "june": 6,
    "juin": 6,
    "junio": 6,
    "jul": 7,
    "july": 7,
    "juillet": 7,
    "juil": 7,
    "julio": 7,
    "aug": 8,
    "august": 8,
    "aout": 8,
    "agosto": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "septembre": 9,
    "septiembre": 9,
    "oct": 10,
    "october": 10,
    "octobre": 10,
    "octubre": 10,
    "nov": 11,
    "november": 11,
    "novembre": 11,
    "noviembre": 11,
    "dec": 12,
    "december": 12,
    "decembre": 12,
    "dic": 12,
    "diciembre": 12,
}
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
ROMAN_MONTHS = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}
_MON = r"(?P<{n}>[A-Za-z\u00e0-\u00ff]{{3,10}})\.?"
_YEAR = r"(?P<{n}>1[89]\d\d|\d\d(?!\s*-\s*\d))(?!\d)"
DATE_PATTERNS = [
    (
        "numeric",
        re.compile(r"(?<![\d.])(?P<a>\d{1,2})\.(?P<b>\d{1,2}|[IVX]{1,4})\.(?P<y>\d{2}|\d{4})(?![\d])"),
    ),
    (
        "dmy",
        re.compile(
            r"(?<!\d)(?P<d1>\d{1,2})(?:\s*-\s*(?P<d2>\d{1,2}))?,?\s+(?:de\s+)?"
            + _MON.format(n="m")
            + r",?\s+(?:de\s+)?"
            + _YEAR.format(n="y")
        ),
    ),
    (
        "mdy",
        re.compile(
            _MON.format(n="m")
            + r"\s+(?P<d1>\d{1,2})(?:st|nd|th)?(?:\s*-\s*(?P<d2>\d{1,2}))?(?:,|\s+de)\s*"
            + _YEAR.format(n="y")
        ),
    ),
    (
        "mmy",
        re.compile(
            _MON.format(n="m")
            + r"\s*(?:-|/|&| y | and | a )\s*"
            + _MON.format(n="m2")
            + r",?\s+(?:de\s+)?(?P<y>1[89]\d\d)"
        ),
    ),
    ("my", re.compile(_MON.format(n="m") + r"(?:(?<=\.)|,?\s+)(?:de\s+)?" + _YEAR.format(n="y"))),
    (
        "season",
        re.compile(
            r"(?P<s>Spring|Summer|Autumn|Fall|Winter)(?:\s*-\s*(?P<s2>Spring|Summer|Autumn|Fall|Winter))?"
            r"\s+(?P<y>1[89]\d\d)",
            re.I,
        ),
    ),
    ("years", re.compile(r"(?<![\d\-])(?P<y>1[89]\d\d)\s*(?:-|/|--)\s*(?P<y2>1[89]\d\d|\d\d)(?![\d\-])")),
    ("year", re.compile(r"(?<![\d\-.])(?P<y>1[89]\d\d)(?:\s?(?P<q>\?))?(?![\d])")),
]


def month_number(word):
    """Month number of an English, French or Spanish month name or abbreviation, else None."""
    word = normalize(word)
    return (
        MONTHS.get(word)
        or (MONTHS.get(word[:4]) if len(word) > 4 else None)
        or (MONTHS.get(word[:3]) if len(word) > 3 and not word.startswith("ju") else None)
    )


def _year(text):
    year = int(text)
    return year + 1900 if year < 100 else year


def _edtf(year, month=None, day=None):
    out = f"{year:04d}"
    if month:
        out += f"-{month:02d}"
        if day:
            out += f"-{day:02d}"
    return out


def _date_from_match(kind, m, month_first):
    """EDTF string for one regex match of DATE_PATTERNS, or None if it is not a real date."""
    g = m.groupdict()
    if kind == "numeric":
        a, y = int(g["a"]), _year(g["y"])
        if g["b"] in ROMAN_MONTHS:
            day, month = a, ROMAN_MONTHS[g["b"]]
        else:
            b = int(g["b"])
            day, month = (b, a) if (month_first or b > 12) and a <= 12 else (a, b)
        return _edtf(y, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    if kind == "season":
        if g["s2"]:  # "Spring-Summer 1986"
            return f"{g['y']}-{SEASONS[g['s'].lower()]}/{g['y']}-{SEASONS[g['s2'].lower()]}"
        return f"{g['y']}-{SEASONS[g['s'].lower()]}"
    if kind == "years":
        y1, y2 = int(g["y"]), g["y2"]
        y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
        return f"{y1}/{y2}" if y2 > y1 else None
    if kind == "year":
        return g["y"] + (g["q"] or "")
    month = month_number(g["m"])
    if not month:
        return None
    year = _year(g["y"])
    if kind == "mmy":
        month2 = month_number(g["m2"])
        return f"{_edtf(year, month)}/{_edtf(year, month2)}" if month2 else None
    if kind == "my":
        return _edtf(year, month)
    day1 = int(g["d1"])
    if not 1 <= day1 <= 31:
        return None
    if g.get("d2"):
        day2 = int(g["d2"])
        if day2 > day1:
            return f"{_edtf(year, month, day1)}/{_edtf(year, month, day2)}"
        if day2 < day1 and month > 1:  # "30-1 juillet": from the last day of the month before
            return f"{_edtf(year, month - 1, day1)}/{_edtf(year, month, day2)}"
    return _edtf(year, month, day1)


def find_dates(text, month_first=False):
    """All dates in a text, left to right, as (edtf, start, end); overlapping readings
    give way to the longest one, so "15 mai 1927" is one date, not a year."""
    found = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            value = _date_from_match(kind, m, month_first)
            if value:
                found.append((m.start(), -(m.end() - m.start()), value, m.end()))
    found.sort()
    out, last_end = [], -1
    for start, _, value, end in found:
        if start >= last_end:
            out.append((value, start, end))
            last_end = end
    return out


def first_date(text, month_first=False):
    dates = find_dates(text, month_first)
    return dates[0][0] if dates else ""


def span_of_dates(text, month_first=False):
    """One EDTF value for a text naming several dates: an interval from first to last."""
    dates = [d for d, _, _ in find_dates(text, month_first)]
    if not dates:
        return ""
    if len(dates) == 1:
        return dates[0]
    start, end = dates[0].split("/")[0], dates[-1].split("/")[-1]
    return start if start == end else f"{start}/{end}"


def year_of(edtf):
    m = re.match(r"\d{4}", edtf or "")
    return m.group(0) if m else "nd"


# --------------------------------------------------------------------------- small text helpers
QUOTE_CHARS = '"“”«»'


def clean(text):
    """Collapse whitespace and strip stray punctuation from a fragment of an entry."""
    text = re.sub(r"\s+", " ", text or "").strip()
    return text.strip(" ,;:.").strip()


def clean_title(text):
    """A title without the quotes around it; a quote that closes a quotation inside
    the title ('Marxism and "Really Existing Socialism"') stays."""
    text = clean(text)
    title = clean(text.strip(QUOTE_CHARS + "'").strip())
    if title.count('"') % 2 and text.endswith('"') and not text.startswith('"'):
        title += '"'
    return title


def quoted_strings(text):
    """Titles in double quotes at the start of an entry: several for one issue's articles."""
    titles = []
    rest = text.lstrip("- ").strip()
    while rest.startswith('"'):
        m = re.match(r'"((?:[^"]|"(?=[A-Za-z][^"]*"[,.]?\s*"))+?)[,.]?"[,.;]?\s*(?:(?:&|and)\s+(?="))?', rest)
        if not m:
            break
        titles.append(clean_title(m.group(1)))
        rest = rest[m.end() :]
    return titles, rest


def split_chunks(text):
    """Split a publication statement on commas and semicolons, keeping comma-bearing
    publishers ("Holt, Rinehart & Winston") and parentheses whole."""
    for name in COMMA_PUBLISHERS:
        text = text.replace(name, name.replace(",", "\u201a"))
    text = re.sub(r"\b([A-Z][a-z]{2,8}\.? \d{1,2}(?:-\d{1,2})?), (1[89]\d\d)\b", "\\1\u201a \\2", text)
    chunks, depth, current = [], 0, ""
    for char in text:
        depth += char == "("
        depth -= char == ")" and depth > 0
        if char in ",;" and depth == 0:
            chunks.append(current)
            current = ""
        else:
            current += char
    chunks.append(current)
    return [clean(c.replace("\u201a", ",")) for c in chunks if clean(c)]


def guess_language(text, default=""):
    """Language of a title from its function words: good enough for fr/es/en/it."""
    words = normalize(text).split()
    scores = {lang: sum(w in stop for w in words) for lang, stop in STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    ranked = sorted(scores.values(), reverse=True)
    return best if ranked[0] and ranked[0] > ranked[1] else default


def place_name(chunk):
    """The place a chunk names ("Paris", "NY", "Mexico DF"), else None."""
    return PLACES.get(normalize(chunk.replace("(", " ").replace(")", " ")))


def looks_like_publisher(chunk):
    known = publisher_signature(chunk) in PUBLISHER_BY_SIGNATURE
    return bool(known or PUBLISHER_WORDS.search(chunk)) and not place_name(chunk)


def periodical_key_for(name):
    """Key of a periodical named in an entry, by its table or by its slug."""
    n = normalize(re.sub(r"^(?:in|revue|the journal)\s+", "", clean(name), flags=re.I))
    if n in PERIODICAL_ALIASES:
        return PERIODICAL_ALIASES[n]
    for alias, key in PERIODICAL_ALIASES.items():
        if len(alias) > 3 and (n.startswith(alias + " ") or n == alias):
            return key
    return None


# --------------------------------------------------------------------------- the record store
class Store:
    """Collects records, merges those sharing a key, and hands out unique keys."""

    def __init__(self):
        self.lists = {name: [] for name in RECORD_LISTS}
        self.by_key = {
            name: {} for name in ("works", "editions", "periodicals", "persons", "organisations", "places")
        }
        self.section = self.entry = None
        self.publisher_keys = {}  # publisher signature -> key

    # -- entities
    def _merge(self, kind, record):
        existing = self.by_key[kind].get(record["key"])
        if existing is None:
            self.by_key[kind][record["key"]] = record
            self.lists[kind].append(record)
            return record
        for name, value in record.items():
            if name == "names":
                known = {n["name"] for n in existing["names"]}
                existing["names"] += [
                    {**n, "type": "variant"} if n["type"] == "preferred" else n  # one preferred name
                    for n in value
                    if n["name"] not in known
                ]
            elif name == "about":
                existing["about"] += [k for k in value if k not in existing["about"]]
            elif value not in (None, "", []) and existing.get(name) in (None, "", []):
                existing[name] = value
        return existing

    def place(self, name):
        if not name:
            return None
        name = PLACES.get(normalize(name), name)
        key = PLACE_KEYS.get(name, make_slug(name))
        self._merge("places", {"key": key, "name": name, "kind": "city"})
        return key

    def organisation(self, name, kind="publisher", key=None):
        """Key of an organisation; publishers whose names have the same signature
        (publisher_signature) are one publisher, under the gazetteer's key or else the
        key the first of their names gave."""
        if not name:
            return None
        name = clean(name)
        if kind == "publisher":
            signature = publisher_signature(name)
            key = (
                key
                or PUBLISHER_BY_SIGNATURE.get(signature)
                or self.publisher_keys.get(signature)
                or make_slug(name)
            )
            self.publisher_keys.setdefault(signature, key)
            known = self.by_key["organisations"].get(key)
            if known and make_slug(known["name"]) != key and make_slug(name) == key:
                known["name"] = (
                    name  # the name the key was made from ("Merit Publishers", not "Merit Pamphlet")
                )
        key = key or make_slug(name)
        self._merge("organisations", {"key": key, "name": name, "kind": kind})
        return key

    def periodical(self, title, key=None, place=None, language=""):
        key = key or periodical_key_for(title) or make_slug(title)
        info = PERIODICAL_INFO.get(key)
        if info:
            title, place, language = info[0], place or info[1], language or info[2]
        record = {"key": key, "title": clean(title), "place": self.place(place), "language": language}
        self._merge("periodicals", record)
        return key

    def person(self, name, name_type=None):
        """Key of a person from a printed name; records the printed form as a name."""
        name = clean(re.sub(r"\((?:Ed|ed|eds)\.?\)|\bEd\.$", "", name))
        if re.search(r"(?:^|[\s.])[A-Z]$", name):
            name += "."  # the full stop of a final initial ("Cannon, James P.")
        key, preferred = person_key(name)
        n = normalize(name)
        if name_type is None:
            name_type = SERGE_PSEUDONYMS.get(n, "variant") if key == SERGE else "variant"
            if name == preferred:
                name_type = "preferred"
            elif re.fullmatch(r"(?:[A-Z]\.\s?)+[A-Z]?\.?|[A-Z]{2,3}", name):
                name_type = "initials"
        sort_name = sort_name_of(preferred)
        names = [{"name": preferred, "type": "preferred"}]
        if name != preferred:
            names.append({"name": name, "type": name_type})
        self._merge("persons", {"key": key, "name": preferred, "sort_name": sort_name, "names": names})
        return key

    # -- works and editions
    def person_form(self, key, name, name_type):
        """Record one more printed form of a known person's name."""
        self._merge("persons", {"key": key, "names": [{"name": name, "type": name_type}]})

    def new_work_key(self, base):
        key, n = base, 2
        while key in self.by_key["works"]:
            key, n = f"{base}-{n}", n + 1
        return key

    def work(
        self,
        key,
        title,
        type="other",
        language="",
        status="published",
        written="",
        first_published="",
        description="",
        about=(),
    ):
        record = {
            "key": key,
            "title": clean_title(title),
            "language": language,
            "type": type,
            "status": status,
            "written": written,
            "first_published": first_published,
            "description": description,
            "section": self.section,
            "entry": self.entry,
            "about": list(about),
        }
        return self._merge("works", record)["key"]

    def edition(
        self,
        work,
        title,
        language="",
        publisher=None,
        place=None,
        date="",
        series="",
        periodical=None,
        volume="",
        issue="",
        pages="",
        translation_of=None,
        note="",
    ):
        base = f"{work}--{language or 'xx'}-{year_of(date)}"
        n = 1
        while f"{base}-{n}" in self.by_key["editions"]:
            n += 1
        record = {
            "key": f"{base}-{n}",
            "work": work,
            "title": clean_title(title),
            "language": language,
            "publisher": publisher,
            "place": place,
            "date": date,
            "series": series,
            "periodical": periodical,
            "volume": clean(volume),
            "issue": clean(issue),
            "pages": clean(pages),
            "translation_of": translation_of,
            "note": note,
        }
        self.by_key["editions"][record["key"]] = record
        self.lists["editions"].append(record)
        return record["key"]

    def contribute(self, person, role, work=None, edition=None, credited_as=""):
        existing = [c for c in self.lists["contributions"] if (c["work"], c["edition"]) == (work, edition)]
        if any(c["person"] == person and c["role"] == role for c in existing):
            return
        self.lists["contributions"].append(
            {
                "person": person,
                "work": work,
                "edition": edition,
                "role": role,
                "credited_as": credited_as,
                "order": len(existing),
            }
        )

    def relate(self, subject, type, object, order=0):
        if subject == object:
            return
        record = {"subject": subject, "type": type, "object": object, "order": order}
        if record not in self.lists["work_relations"]:
            self.lists["work_relations"].append(record)

    def hold(self, work, repository, item_count=None, shelfmark="", description=""):
        self.lists["holdings"].append(
            {
                "work": work,
                "repository": repository,
                "item_count": item_count,
                "shelfmark": shelfmark,
                "description": description,
            }
        )

    def find_work(self, title_fragment, author=SERGE):
        """Key of an author's work whose original or edition title starts with a fragment."""
        wanted = normalize(title_fragment)
        if not wanted:
            return None
        authored = {c["work"] for c in self.lists["contributions"] if c["person"] == author and c["work"]}
        for edition in self.lists["editions"]:
            if edition["work"] in authored and normalize(edition["title"]).startswith(wanted):
                return edition["work"]
        for work in self.lists["works"]:
            if work["key"] in authored and normalize(work["title"]).startswith(wanted):
                return work["key"]
        return None


def person_key(name):
    """(key, preferred name) for a printed name: "Surname, Forename" or "Forename Surname"."""
    n = normalize(name)
    if n in PERSON_ALIASES:
        key = PERSON_ALIASES[n]
        return key, KNOWN_PERSONS[key][0]
    if "," in name:
        surname, forename = (re.sub(r"\s+", " ", p).strip(" ,;:") for p in name.split(",", 1))
    else:
        tokens = name.split()
        cut = len(tokens) - 1
        while cut > 1 and tokens[cut - 1].lower() in NAME_PARTICLES:
            cut -= 1
        if cut > 1 and tokens[cut] == "y":
            cut -= 1
        surname, forename = " ".join(tokens[cut:]), " ".join(tokens[:cut])
    forename_tokens = forename.replace(".", ". ").split()
    if forename_tokens and len(forename_tokens[0].strip(".")) > 1:
        given = forename_tokens[0]
    else:
        given = " ".join(t.strip(".") for t in forename_tokens)
    key = "-".join(p for p in (make_slug(surname), make_slug(given) if given else "") if p)
    preferred = clean(f"{forename} {surname}")
    return key, preferred


def sort_name_of(preferred):
    if preferred in {v[0] for v in KNOWN_PERSONS.values()} and " " not in preferred:
        return preferred
    tokens = preferred.split()
    if len(tokens) < 2:
        return preferred
    cut = len(tokens) - 1
    while cut > 1 and tokens[cut - 1].lower() in NAME_PARTICLES:
        cut -= 1
    return f"{' '.join(tokens[cut:])}, {' '.join(tokens[:cut])}"


def split_names(text):
    """Persons in "A, B and C" or "Lucien Laurat et Marcelle Pommera"."""
    text = re.sub(r"\s+and friends\b", "", clean(text))
    parts = [
        p
        for p in (clean(p) for p in re.split(r",\s*|\s+(?:and|et|&|y)\s+", text))
        if p and not p.lower().startswith("by ")
    ]
    surname = parts[-1].split()[-1] if parts and len(parts[-1].split()) > 1 else ""
    if parts and not surname and len(parts[0].split()) > 1:
        surname = parts[0].split()[-1]  # "Wilfredo Lam et Helen"
    return [
        f"{p} {surname}"
        if surname
        and len(p.split()) == 1
        and normalize(p) not in PERSON_ALIASES
        and p[0].isupper()
        and p not in MONONYMS
        else p
        for p in parts
    ]


# --------------------------------------------------------------------------- sections
SECTIONS = [
    ("I.A", "A. Works on History", "serge_books"),
    ("I.B", "B. Novels", "serge_books"),
    ("I.C", "C. Poetry", "serge_books"),
    ("I.D", "D. Published Correspondence", "correspondence"),
    ("I.E", "E. Unpublished Correspondence", "correspondence"),
    ("I.F", "F. Works Confiscated", "confiscated"),
    ("I.G", "G. Translations", "translations"),
    ("I.H", "H. Unpublished manuscripts", "manuscripts"),
    ("I.I", "I. Journalism", "journalism"),
    ("II", "II. Interviews", "interviews"),
    ("III", "III. Intelligence Files", "intelligence"),
    ("IV.A", "A. Theses", "others"),
    ("IV.B", "B. Articles, Reviews and Essays", "others"),
    ("IV.C", "C. Secondary Sources", "others"),
]
PART_HEADINGS = ("I. Works by Victor Serge", "IV. Secondary Sources")


def split_sections(text):
    """The bibliography's sections, in order: (id, heading, lines).  Headings are found in
    their known order, so that "I. Journalism" is not taken for part I."""
    lines = text.splitlines()
    start = max(i for i, line in enumerate(lines) if line.strip() == "BIBLIOGRAPHY")
    sections, current, position = [], None, 0
    for line in lines[start + 1 :]:
        line = re.sub(r"~~[^~]*~~\s*", "", line)  # words struck out in the transcription
        stripped = line.strip()
        if position < len(SECTIONS) and stripped.startswith(SECTIONS[position][1]):
            current = (SECTIONS[position][0], stripped, [])
            sections.append(current)
            position += 1
        elif stripped.startswith(PART_HEADINGS):
            current = None
        elif current is not None:
            current[2].append(line.rstrip())
    return sections


@dataclass
class Entry:
    """One entry of a section, with its label and raw text (and sub-items or further lines)."""

    label: str
    text: str
    items: list = field(default_factory=list)
    context: dict = field(default_factory=dict)


def numbered_entries(lines):
    """Entries numbered "1." "2." ...; wrapped and page-broken lines join the entry,
    dash lines after an entry (and everything after them) are its sub-items."""
    entries = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        m = re.match(r"^(\d{1,2})\.\s+(.*)", stripped)
        if m:
            entries.append(Entry(m.group(1), m.group(2)))
        elif entries and (stripped.startswith("-") or entries[-1].items):
            entries[-1].items.append(clean(stripped.lstrip("-")))
        elif entries:
            entries[-1].text = f"{entries[-1].text} {stripped}"
    return entries


def paragraph_entries(lines, skip_intro=True):
    """Entries separated by blank lines (the unpublished manuscripts, the theses)."""
    blocks, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if (
        skip_intro
        and blocks
        and not re.search(r"\d", blocks[0][:0] or "x")
        and blocks[0].startswith(("It is impossible", "These are"))
    ):
        blocks = blocks[1:]
    return [Entry(str(i), block) for i, block in enumerate(blocks, 1)]


def line_entries(lines):
    """One entry per non-empty line (interviews, works by others)."""
    return [
        Entry(str(i), clean(line.strip().lstrip("-")))
        for i, line in enumerate((ln for ln in lines if ln.strip()), 1)
    ]


def lettered_entries(lines):
    """Serge's translations: groups "1. Fiction", items "a." "b." ..., further lines
    of an item (more works by the same author) kept as its items."""
    entries, group = [], ""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        g = re.match(r"^(\d)\.\s+([A-Z][\w ]+)$", stripped)
        m = re.match(r"^-?\s*([a-g])\.\s+(.*)", stripped)
        if g:
            group = g.group(1)
            group_name = g.group(2)
        elif m:
            entries.append(Entry(group + m.group(1), m.group(2), context={"group": group_name}))
        elif entries:
            entries[-1].items.append(stripped)
    return entries


def journalism_entries(lines):
    """Articles listed under periodical headings; notes ("Excerpts from ...:", "RP
    Articles about Serge:") set the context of the articles after them."""
    entries, periodical, context = [], None, {}
    counts = Counter()
    content = [ln.strip() for ln in lines if ln.strip()]
    for i, line in enumerate(content):
        body = line.lstrip("- ").strip()
        if i == 0 and '"' not in line:
            continue  # the section's introductory sentence
        if re.match(r"^p+\.\s*\d", body) and entries:
            entries[-1].text += " " + body
            continue
        is_entry = (
            '"' in line
            or line.startswith("-")
            or body.startswith("R. Albert")
            or re.match(r"^[A-Z][a-z]+, \"", body)
        )
        if is_entry:
            counts[periodical["key"]] += 1
            entries.append(
                Entry(
                    f"{periodical['key']}:{counts[periodical['key']]}",
                    body,
                    context={"periodical": periodical, **context},
                )
            )
        elif body.endswith(":"):
            context = {"note": body}
        elif body.startswith("(") and periodical:
            periodical["note"] = clean(body.strip("()"))
        else:
            periodical, context = journalism_heading(body), {}
    return entries


def journalism_heading(text):
    """A periodical heading: "Clarte, 1922-27 Directeur Henri Barbusse", "Inprekorr, Vienna"."""
    title = clean(re.split(r",|\s\(|\s\d", text)[0])
    place = None
    for chunk in re.findall(r"\(([^)]*)\)|,\s*([A-Z][a-z]+)\s*$", text):
        candidate = place_name(chunk[0] or chunk[1])
        place = place or candidate
    key = periodical_key_for(text) or periodical_key_for(title) or make_slug(title)
    return {"key": key, "title": title, "place": place, "heading": text}


SEGMENTERS = {
    "serge_books": numbered_entries,
    "correspondence": numbered_entries,
    "confiscated": numbered_entries,
    "intelligence": numbered_entries,
    "translations": lettered_entries,
    "manuscripts": paragraph_entries,
    "journalism": journalism_entries,
    "interviews": line_entries,
    "others": line_entries,
}


def section_entries(section_id, kind, lines):
    if section_id == "IV.A":
        return paragraph_entries(lines, skip_intro=False)
    return SEGMENTERS[kind](lines)


# --------------------------------------------------------------------------- publication statements
@dataclass
class Imprint:
    """What one publication statement says: publisher, place, date, periodical data."""

    publisher: str = ""
    place: str = ""
    date: str = ""
    series: str = ""
    periodical: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    title: str = ""
    notes: list = field(default_factory=list)
    editors: list = field(default_factory=list)
    remarks: list = field(default_factory=list)  # notes that are remarks, never a periodical's name
    bare_issue: bool = False  # the issue was a bare number ("Tri-Quarterly, 8")

    def empty(self):
        return not (self.publisher or self.place or self.date or self.periodical)


ISSUE_RE = re.compile(
    r"(?:\b(?:No|no|Num|nos|Nos|numero|Number|Cahiers)|#)\.?\s*#?\s*(\d[\d\s\-&\[\]/]*(?:\s*\[\d+\])?)"
)
VOLUME_RE = re.compile(r"\b(?:Vol|Volume|vol|T)\.?\s+([IVXLC]+|\d+)\b")
PAGES_RE = re.compile(r"\bpp?\.\s*(\d[\d\s\-–,]*(?:\s*(?:and|et|&)\s*\d+)?)")


def parse_imprints(chunks):
    """Group the chunks after a title into imprints, each closed by its date:
    "Doubleday, New York, 1969, Gollancz, London 1970" gives two."""
    imprints, current = [], Imprint()
    split = []
    for chunk in chunks:
        m = re.match(r"^(.*\b1[89]\d\d)\s+and\s+(.+)$", chunk)
        split += [m.group(1), m.group(2)] if m else [chunk]
    for i, chunk in enumerate(split):
        if (
            current.date
            and not continues_imprint(chunk)
            and not remark_chunk(chunk)
            and (current.publisher or current.periodical or current.place)  # "(1986), forthcoming in ..."
            and not (  # "..., Nov-Dec. 1947, Paris": the place of the imprint just dated
                place_name(chunk)
                and not current.place
                and not any(find_dates(later) for later in split[i + 1 :])
            )
        ):
            imprints.append(current)
            current = Imprint()
            new_title = re.sub(r"^and\s+", "", chunk)
            if (
                (chunk.startswith("and ") or not re.search(r"\d", chunk))
                and not looks_like_publisher(new_title)
                and not place_name(new_title)
                and not CONTAINER_RE.match(new_title)
                and not re.match(r"^re(?:published|printed|issued)\b", new_title, re.I)
            ):
                current.title = clean_title(new_title)
                continue
        read_chunk(chunk, current)
    if not current.empty() or not imprints:
        imprints.append(current)
    return imprints


def remark_chunk(chunk):
    """A remark about the imprint before it, never the start of another one."""
    return bool(re.match(r"^\(.*\)$|^(?:first published|this \w+ was first published)\b", chunk, re.I))


def continues_imprint(chunk):
    """A chunk that completes the imprint before it (pages, issue, volume, "ano 33")
    rather than opening another one."""
    return bool(
        PAGES_RE.search(chunk)
        or ISSUE_RE.match(chunk)
        or VOLUME_RE.match(chunk)
        or re.match(r"^(?:ano|year|annee)\s+\d+$|^\d+\s*pp\.?$", chunk, re.I)
    )


# Chunks that say nothing about an edition: a company's legal form, a weekday.
NOISE_CHUNKS = {
    "inc",
    "ltd",
    "s a",
    "sa",
    "co",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
}
# What follows a town to name its state or region ("Lexington, Mass", "Frankfurt, Main").
PLACE_QUALIFIERS = {"mass", "conn", "ny", "n y", "calif", "main", "england", "usa"}
CONTAINER_RE = re.compile(
    r"^(?P<how>forthcoming|published posthumously|reprinted|also)?\s*"
    r"\b(?:in|revue)\s+(?:(?:the\s+)?revue\s+)?(?P<name>.+)$",
    re.I,
)


def paren_note(text, imprint):
    """A parenthesis of an imprint: a date ("(1986)", "(fev.1959)"), a place
    ("Now (London)") or a remark."""
    inner = clean(text.strip().strip("()"))
    if ISSUE_RE.search(inner) or VOLUME_RE.search(inner):  # "(no. 3, April 1937)"
        for part in split_chunks(inner):
            read_chunk(part, imprint)
        return
    dates = find_dates(inner)
    if dates and not re.search(r"[A-Za-z]{3,}", _without(inner, dates)):
        imprint.date = imprint.date or dates[0][0]
    elif place_name(inner):
        imprint.place = imprint.place or place_name(inner)
    elif inner:
        imprint.notes.append(inner)
        imprint.remarks.append(inner)


def several_places(text):
    """The first of places joined by "and" or "&" ("New York & Oxford"), else None."""
    parts = re.split(r"\s+(?:and|&)\s+", text)
    places = [place_name(p) for p in parts]
    return places[0] if len(parts) > 1 and all(places) else None


def read_chunk(chunk, imprint):
    """Put what one chunk says into an imprint."""
    rest = re.sub(r"^and\s+", "", chunk)
    if rest.startswith("("):
        depth, end = 0, None
        for i, char in enumerate(rest):
            depth += char == "("
            depth -= char == ")"
            if depth == 0:
                end = i + 1
                break
        if end is not None:
            paren_note(rest[:end], imprint)
            if clean(rest[end:]):
                read_chunk(clean(rest[end:]), imprint)
            return
    trailing = re.match(r"^(.*\S)\s*(\([^()]*\))$", rest)
    if trailing:
        read_chunk(trailing.group(1), imprint)
        paren_note(trailing.group(2), imprint)
        return
    n = normalize(rest)
    if n in NOISE_CHUNKS or imprint.place and n in PLACE_QUALIFIERS:
        return
    reprint = re.match(
        r"^re(?:published|printed|issued)(?: with an? (introduction|preface|afterword) by (.+))?$", rest, re.I
    )
    if reprint:
        imprint.notes.append(clean(rest))
        imprint.remarks.append(clean(rest))
        if reprint.group(1):
            role = "preface" if reprint.group(1).lower() == "preface" else "introduction"
            imprint.editors.append((reprint.group(2), role))
        return
    if re.match(r"^(?:first published|this \w+ was first published)\b", rest, re.I):
        imprint.notes.append(clean(rest))
        imprint.remarks.append(clean(rest))
        return
    series = re.match(r"^(Cahiers [A-Z][\w' ]+?),?\s+no\.?\s*(\d+)$", rest)
    if series and imprint.publisher == "" and not imprint.periodical:
        imprint.series = f"{series.group(1)}, no. {series.group(2)}"
        return
    volume_pages = re.match(r"^(\d{1,4}):(\d+(?:\s*-\s*\d+)?)$", rest)
    if volume_pages:
        imprint.volume = imprint.volume or volume_pages.group(1)
        imprint.pages = imprint.pages or volume_pages.group(2).replace(" ", "")
        return
    if re.fullmatch(r"\d{1,3}", rest) and imprint.periodical and not imprint.issue:
        imprint.issue, imprint.bare_issue = rest, True
        return
    role = re.match(r"^(?:[Ee]dited(?: and (introduced))?|[Ii]ntroduced) by\s+(.+)$", rest)
    if role:
        imprint.editors.append((role.group(2), "editor"))
        if role.group(1):
            imprint.editors.append((role.group(2), "introduction"))
        return
    special = re.match(r"^special issue of\s+(.+)$", rest, re.I)
    if special:
        imprint.periodical = clean(special.group(1))
        imprint.notes.append("special issue")
        return
    pages = PAGES_RE.search(rest)
    if pages:
        imprint.pages = clean(pages.group(1))
        rest = rest[: pages.start()] + rest[pages.end() :]
    issue = ISSUE_RE.search(rest)
    if issue and (imprint.periodical or re.search(r"revue|special", chunk, re.I) or not imprint.publisher):
        if imprint.bare_issue and not imprint.volume:  # "Esprit, 16, No. 1": 16 was the volume
            imprint.volume, imprint.bare_issue = imprint.issue, False
        imprint.issue = clean(issue.group(1).replace(" ", ""))
        rest = rest[: issue.start()] + rest[issue.end() :]
    volume = VOLUME_RE.search(rest)
    if volume:
        imprint.volume = volume.group(1)
        issue_of_volume = re.match(r"^:(\d{1,3})\b", rest[volume.end() :])  # "Vol. 5:1"
        if issue_of_volume and not imprint.issue:
            imprint.issue = issue_of_volume.group(1)
            rest = rest[: volume.end()] + rest[volume.end() + issue_of_volume.end() :]
        rest = rest[: volume.start()] + rest[volume.end() :]
    dates = find_dates(rest)
    if (
        dates
        and not re.search(r"[A-Za-z]{4,}", _without(rest, dates) or "")
        or (
            dates
            and place_name(_without(rest, dates))
            or dates
            and looks_like_publisher(_without(rest, dates))
        )
    ):
        imprint.date = imprint.date or dates[0][0]
        rest = _without(rest, dates)
    for inner in re.findall(r"\([^()]*\)", rest):  # "Now (London)", "No. 2 (New Series) Winter 1987"
        paren_note(inner, imprint)
        rest = rest.replace(inner, " ")
    rest = clean(re.sub(r"\(\s*\)|^\(|\)$", "", clean(rest)))
    if not rest or normalize(rest) in NOISE_CHUNKS:
        return
    m = CONTAINER_RE.match(rest)
    if m or periodical_key_for(rest) and not looks_like_publisher(rest):
        name = clean(m.group("name") if m else rest)
        dates = find_dates(name)
        if dates and re.search(r"[A-Za-z]{3,}", _without(name, dates)):  # "in L'Humanite 26 juin 1930"
            imprint.date = imprint.date or dates[0][0]
            name = _without(name, dates)
        if m and m.group("how"):
            imprint.notes.append(m.group("how").lower())
            imprint.remarks.append(m.group("how").lower())
        number = re.match(
            r"^(.*[A-Za-z].*?)\s+(\d{1,4})$", name
        )  # "New Left Review 159", "Socialist Register 1986"
        if number and re.fullmatch(r"1[89]\d\d", number.group(2)):
            name, imprint.date = number.group(1), imprint.date or number.group(2)
        elif number:
            name, imprint.issue = number.group(1), imprint.issue or number.group(2)
        imprint.periodical = clean(name)
    elif place_name(rest):
        imprint.place = place_name(rest)
    elif several_places(rest):
        imprint.place = imprint.place or several_places(rest)
    elif re.match(r"^(?:paris|london|mexico)\s+\S", rest, re.I) and place_name(rest.split()[0]):
        imprint.place = place_name(rest.split()[0])
        imprint.publisher = imprint.publisher or clean(rest.split(None, 1)[1])
    elif re.match(r"^(?:coll\.|series|serie)", rest, re.I):
        imprint.series = clean_title(re.sub(r"^(?:coll\.|series|serie)\s*", "", rest, flags=re.I))
    elif re.search(r"special issue|numero special|supplement", rest, re.I):
        imprint.notes.append(rest)
    elif not imprint.publisher and looks_like_publisher(rest):
        imprint.publisher = rest
    else:
        imprint.notes.append(rest)


def _without(text, dates):
    for _, start, end in sorted(dates, key=lambda d: -d[1]):
        text = text[:start] + text[end:]
    return clean(text)


def title_and_rest(text):
    """Split "Title, publisher, place, year" into the title and the other chunks;
    a quoted title is taken whole, commas and all."""
    titles, rest = quoted_strings(text)
    if titles:
        return titles[0], split_chunks(rest)
    m = re.match(r'^([^"]+?)[,.]?"\s*(.*)$', text)  # a title whose opening quote was lost
    if m and text.count('"') == 1:
        return clean_title(m.group(1)), split_chunks(m.group(2))
    chunks = split_chunks(text)
    if not chunks:
        return "", []
    title, chunks = chunks[0], chunks[1:]
    glued = re.match(
        r"^(.+?)\s+((?:Paris|London|New York)(?:\s+(?:and|&)\s+(?:Paris|London|New York|Oxford))?)$", title
    )
    if glued:  # "In Stalin's Secret Service New York and London"
        title, chunks = glued.group(1), [glued.group(2)] + chunks
    paren = re.match(r"^(.+?)\s*\(([^()]+)\)$", title)
    if paren and (VOLUMES_RE.search(paren.group(2)) or looks_like_publisher(paren.group(2))):
        # "The Communist Movement (Two Volumes)", "World Without Visa (Doubleday & Co.)"
        extra = paren.group(2) if looks_like_publisher(paren.group(2)) else f"({paren.group(2)})"
        title, chunks = paren.group(1), [extra] + chunks
    return clean_title(title), chunks


GENERIC_TITLES = {"testimony"}  # a title that names a kind of text; what follows says where it is
DESCRIPTIVE = re.compile(
    r"unpublished|forthcoming|typescript|treatment for|dissertation|thesis|testimonial|\bessay\b|"
    r"interview with|review of|in progress|\d+\s*pp\b",
    re.I,
)
UNPUBLISHED = re.compile(r"unpublished|forthcoming|typescript|in progress|treatment for")
VOLUMES_RE = re.compile(r"\b(?:\d+|two|three|four|five)\s+volumes?\b|\bTome\b", re.I)
ROLE_RE = re.compile(
    r"^(?:ed\.|eds\.|trans\.|"
    r"(?:edited|translated|introduced|introduction|presented|preface|afterword|with an?)\b)",
    re.I,
)


def title_part(chunk, later=()):
    """Whether a chunk after a title goes on with the title rather than start the imprint
    (`later`: the chunks after it)."""
    chunk = clean(chunk)
    if not chunk or chunk[0] in "([" or not re.search(r"[A-Za-z]|1[89]\d\d\s*-", chunk):
        return False
    if (
        looks_like_publisher(chunk)
        or place_name(chunk)
        or several_places(chunk)
        or periodical_key_for(chunk)
        or CONTAINER_RE.match(chunk)
        or remark_chunk(chunk)
        or ROLE_RE.match(chunk)
        or DESCRIPTIVE.search(chunk)
        or PAGES_RE.search(chunk)
        or ISSUE_RE.search(chunk)
        or VOLUME_RE.search(chunk)
        or VOLUMES_RE.search(chunk)
        or normalize(chunk) in NOISE_CHUNKS | PLACE_QUALIFIERS
    ):
        return False
    span = re.compile(r"\b1[89]\d\d\s*-\s*(?:1[89])?\d\d\b")
    if find_dates(span.sub("", chunk)):
        return False
    # a span of years ("Trotsky: 1879-1921") is part of a title, unless it is the only date
    return not span.search(chunk) or any(find_dates(c) for c in later)


def names_periodical(chunk):
    """Whether the chunk after an article's title names the periodical it is in: not a
    place, a date, a number, a remark or a role ("Tri-Quarterly", "Cahiers Leon Trotsky")."""
    chunk = clean(chunk)
    return bool(
        re.search(r"[A-Za-z]{3,}", chunk)
        and chunk[0] not in "(["
        and (periodical_key_for(chunk) or not looks_like_publisher(chunk))
        and not (place_name(chunk) or several_places(chunk) or find_dates(chunk))
        and not (CONTAINER_RE.match(chunk) or remark_chunk(chunk) or ROLE_RE.match(chunk))
        and not DESCRIPTIVE.search(chunk)
        and not (PAGES_RE.search(chunk) or VOLUME_RE.match(chunk) or ISSUE_RE.match(chunk))
        and normalize(chunk) not in NOISE_CHUNKS
    )


def is_name_of(chunk, persons):
    """Whether a chunk is the printed name of one of the persons ("..., Varian Fry, Random House")."""
    return bool(re.fullmatch(r"(?:[A-Z][\w.'\-]*\s?){2,4}", chunk)) and person_key(chunk)[0] in persons


def corporate_author(text):
    """The body an entry names as its author ("United States Senate", "People's Commissariat
    of Justice of the USSR"), else None."""
    head = text.split(",")[0]
    if CORPORATE.search(head) and ":" not in head and len(head.split()) <= 8:
        return head
    return None


# --------------------------------------------------------------------------- shared edition writer
class Parser:
    """Turns the entries of each section into records, using the store's helpers."""

    def __init__(self, store):
        self.store = store

    # -- editions from imprints, shared by every section that lists publications
    def add_editions(self, work, title, imprints, language, translation_of=None, note=""):
        """One edition per imprint; returns the edition keys."""
        keys = []
        for imprint in imprints:
            if imprint.empty() and keys:
                continue
            periodical = self.store.periodical(imprint.periodical) if imprint.periodical else None
            place = self.store.place(imprint.place) if imprint.place else None
            publisher = None if periodical else self.store.organisation(imprint.publisher)
            notes = [note] if note else []
            notes += imprint.notes
            if periodical and imprint.publisher:
                notes.append(imprint.publisher)
            keys.append(
                self.store.edition(
                    work,
                    imprint.title or title,
                    language,
                    publisher=publisher,
                    place=place,
                    date=imprint.date,
                    series=imprint.series,
                    periodical=periodical,
                    volume=imprint.volume,
                    issue=imprint.issue,
                    pages=imprint.pages,
                    translation_of=translation_of,
                    note="; ".join(n for n in notes if n),
                )
            )
            for name, role in imprint.editors:
                self.store.contribute(self.store.person(name), role, edition=keys[-1])
        return keys

    def language_of(self, title, imprint, default):
        place = self.store.place(imprint.place) if imprint.place else None
        if imprint.periodical:
            info = PERIODICAL_INFO.get(periodical_key_for(imprint.periodical) or "")
            if info:
                return info[2]
        if place in LANGUAGE_OF_PLACE:
            return LANGUAGE_OF_PLACE[place]
        if imprint.publisher:
            signature = publisher_signature(imprint.publisher)
            publisher = PUBLISHER_BY_SIGNATURE.get(signature) or make_slug(imprint.publisher)
            if publisher in LANGUAGE_OF_PUBLISHER:
                return LANGUAGE_OF_PUBLISHER[publisher]
        if re.match(r"^(?:Ediciones|Editorial)", imprint.publisher or ""):
            return "es"
        return guess_language(title, default)

    # ---------------------------------------------------------------- Serge's books (A, B, C)
    SEGMENT_SPLIT = re.compile(
        r"[,.;]?\s+(?:and\s+(?!as\b))?(?=(?:(?:English|Spanish|Italian|German) translation\b|[Rr]eprinted\b|"
        r"[Rr]epublished\b|[Rr]eissued\b|Also published\b|also as\b|also in\b|Published as\b|and as\b))"
    )
    TYPES_BY_SECTION = {"I.A": "essay", "I.B": "novel", "I.C": "poem"}

    def serge_book(self, entry, section):
        """A work by Serge and its editions, translations and reprints."""
        text = entry.text
        notes = []
        credited = re.search(r"published under the name ([A-Z][\w.]*(?: [A-Z][\w.]*)*)", text)
        signed = re.search(r'signed "([^"]+?),?"', text)
        written = ""
        m = re.search(r"\(?,?\s*written (?:in )?(\d{4}(?:-\d{2,4})?)\)?,?", text)
        if m:
            written = first_date(m.group(1))
            text = text[: m.start()] + "," + text[m.end() :]
        for paren in re.findall(r"\(([^()]{12,})\)\.?", text):
            if not re.search(r"\d{4}\)?$", paren) or "published" in paren:
                notes.append(clean(paren))
                text = text.replace(f"({paren})", "")
        text = re.sub(r"\.\s+(?:A pamphlet|This|An English translation|Part of|Another)\b.*$", "", text)
        segments = self.SEGMENT_SPLIT.split(text)
        co_authors = self.co_authors(segments[0])
        segments[0] = re.sub(
            r",\s*by Victor Serge[^,]*(?:,[^,]*?)*? and [A-Z][\w.\-]*(?: [A-Z][\w.\-]*)*", "", segments[0]
        )
        collaborator = re.search(r"(?:written )?in collaboration with ((?:[A-Z][\w.]*\s?)+)", text)
        text = re.sub(r",?\s*(?:written )?in collaboration with ((?:[A-Z][\w.]*\s?)+)", "", text)
        segments = [
            re.sub(r",?\s*(?:written )?in collaboration with ((?:[A-Z][\w.]*\s?)+)", "", s) for s in segments
        ]
        title, chunks = title_and_rest(segments[0])
        if not title:
            return False
        kind = self.TYPES_BY_SECTION[section]
        if "(nouvelle)" in title:
            title, kind = clean(title.replace("(nouvelle)", "")), "short_story"
        if re.search(r"pamphlet|brochure", entry.text, re.I):
            kind = "pamphlet"
        imprints = parse_imprints(chunks)
        language = self.language_of(title, imprints[0], "fr")
        work = self.store.work(
            self.store.new_work_key(f"serge-{make_slug(title)}"),
            title,
            kind,
            language,
            written=written,
            first_published=imprints[0].date,
            description="; ".join(notes),
        )
        self.store.contribute(SERGE, "author", work=work)
        originals = [None] if imprints[0].empty() else self.add_editions(work, title, imprints, language)
        if collaborator:
            self.store.contribute(self.store.person(clean(collaborator.group(1))), "co-author", work=work)
        if credited:
            self.store.contribute(
                self.store.person(credited.group(1)),
                "credited",
                edition=originals[0],
                credited_as=credited.group(1),
            )
            self.store.contribute(SERGE, "author", edition=originals[0])
        if signed:
            self.store.person(signed.group(1), "pseudonym")
            self.store.contribute(SERGE, "author", edition=originals[0], credited_as=signed.group(1))
        for co_author in co_authors:
            self.store.contribute(co_author, "co-author", work=work)
        last_title = {language: title}
        for segment in segments[1:]:
            self.later_edition(work, segment, language, originals[0], last_title)
        return any(e["work"] == work for e in self.store.lists["editions"])

    def co_authors(self, text):
        m = re.search(
            r",\s*by ((?:[A-Z][\w.\-]+ ?)+(?:,\s*(?:[A-Z][\w.\-]+ ?)+)*(?:,? and (?:[A-Z][\w.\-]+ ?)+))", text
        )
        if not m:
            return []
        return [self.store.person(n) for n in split_names(m.group(1)) if person_key(n)[0] != SERGE]

    def later_edition(self, work, segment, original_language, original, last_title):
        """A translation, reprint or re-edition named after the first publication."""
        segment = clean(re.sub(r"^and\s+", "", segment.strip()))
        translator = None
        tr = re.match(r"^(\w+) translation(?: by ((?:[A-Z][\w.\-]*\s?)+?))?(?:,|\s+as)\s+(.*)$", segment)
        if tr:
            language = LANGUAGE_NAMES[tr.group(1).lower()]
            translator = tr.group(2)
            title, chunks = title_and_rest(tr.group(3))
        else:
            language = None
            m = re.match(
                r"^[Rr]e(?:printed|published|issued)\s+by\s+(.+?)\s+in\s+(\d{4})(?:\s+and\s+(\d{4}))?(.*)$",
                segment,
            )
            if m:
                for year in filter(None, (m.group(2), m.group(3))):
                    self.add_editions(
                        work,
                        last_title[original_language],
                        [Imprint(publisher=m.group(1), date=year)],
                        original_language,
                        note="reprint",
                    )
                return
            m = re.match(
                r"^[Rr]e(?:printed|published|issued)(?: with [^,]*?)?\s+(?:as|by|in)\s+(.*)$", segment
            )
            n = re.match(r"^(?:Also published as|also as|Published as|and as|also in)\s+(.*)$", segment)
            body = (m or n).group(1) if (m or n) else segment
            if segment.startswith(("reprinted by", "Reprinted by")):
                title, chunks = last_title[original_language], split_chunks(body)
            elif segment.startswith("also in"):
                chunks = split_chunks(body)
                title, chunks = last_title[original_language], ["in " + chunks[0]] + chunks[1:]
            else:
                title, chunks = title_and_rest(body)
        imprints = parse_imprints(chunks)
        language = language or self.language_of(title, imprints[0], original_language)
        translation_of = original if language != original_language else None
        note = "" if translation_of else "reprint"
        keys = self.add_editions(work, title, imprints, language, translation_of=translation_of, note=note)
        last_title[language] = title
        if translator:
            person = self.store.person(translator)
            for key in keys:
                self.store.contribute(person, "translator", edition=key)

    def poems(self, entry, work_keys):
        """Sub-items of "Poems found in Serge Archive": one unpublished poem each."""
        for item in entry.items:
            titles, rest = quoted_strings(item)
            title = (
                titles[0]
                if titles
                else ("Untitled poem" if item.lower().startswith("no title") else clean(item.split(",")[0]))
            )
            date = first_date(rest if titles else item)
            published = re.search(r"Pub\. in (.+)$", rest)
            key = self.store.work(
                self.store.new_work_key(f"serge-{make_slug(title)}"),
                title,
                "poem",
                guess_language(title, "fr"),
                status="published" if published else "unpublished",
                written=date,
                description="Poem found in the Serge Archive, Mexico",
            )
            self.store.contribute(SERGE, "author", work=key)
            self.store.hold(
                key,
                self.store.organisation("Serge Archive, Mexico City", "archive", "serge-archive-mexico"),
                1,
            )
            if published:
                self.add_editions(key, title, parse_imprints(split_chunks(published.group(1))), "fr")
            work_keys.append(key)

    # ---------------------------------------------------------------- correspondence (D, E)
    def correspondence(self, entry, section):
        """A collection of letters between Serge and others, published (D) or held (E)."""
        if entry.items:
            return self.archive_letters(entry)
        text = entry.text
        m = re.match(
            r"^(?:Correspondence with\s+)?(.+?),\s*((?:1[89]\d\d)(?:-\d{1,4})?)\s*[:,.]\s*(.*)$", text
        )
        if not m:
            return False
        names, years, rest = m.groups()
        persons = [self.store.person(n) for n in split_names(names)]
        title = f"Correspondence with {clean(names)}"
        status = "published" if section == "I.D" else "unpublished"
        work = self.store.work(
            self.store.new_work_key(f"serge-{make_slug(title)}"),
            title,
            "correspondence",
            "fr" if section == "I.D" else "",
            status=status,
            written=first_date(years.replace("-", "/", 1)) if "-" in years else years,
        )
        self.letter_parties(work, persons, both_ways=True)
        repository = next((r for r in REPOSITORIES if r[0].search(rest)), None)
        if repository:
            chunks = split_chunks(re.sub(r"\(.*?\)", "", rest))
            count = re.search(r"(\d+) letters", rest)
            self.store.hold(
                work,
                self.store.organisation(repository[2], repository[3], repository[1]),
                int(count.group(1)) if count else None,
                shelfmark=chunks[0] if chunks else "",
                description="hundreds of letters" if "hundreds" in rest else "",
            )
        else:
            title_in, chunks = title_and_rest(re.sub(r"^published in\s+", "", rest))
            imprints = parse_imprints(chunks)
            imprint = imprints[0]
            if periodical_key_for(title_in):
                imprint.periodical = title_in
                title_in = title
            self.add_editions(work, title_in, imprints, "fr")
        return True

    def letter_parties(self, work, persons, both_ways=True, serge_sends=True, others_send=True):
        if serge_sends:
            self.store.contribute(SERGE, "sender", work=work)
        for person in persons:
            if others_send:
                self.store.contribute(person, "sender", work=work)
        if others_send:
            self.store.contribute(SERGE, "recipient", work=work)
        for person in persons:
            if serge_sends:
                self.store.contribute(person, "recipient", work=work)

    def archive_letters(self, entry):
        """Letters from each correspondent held at the Serge Archive in Mexico City."""
        archive = self.store.organisation("Serge Archive, Mexico City", "archive", "serge-archive-mexico")
        period = span_of_dates(entry.text)
        for item in entry.items:
            m = re.match(r"^([^(]+?)\s*(?:\((.*?)\))?\s*(?:\((.*?)\))?\s*,?$", item)
            names, count_text, extra = m.group(1), m.group(2) or "", m.group(3) or ""
            if count_text and not re.match(r"\d", count_text):
                count_text, extra = "", count_text
            received = re.match(r"(\d+)", count_text)
            sent = re.search(r"(\d+) from VS", count_text)
            persons = [self.store.person(n) for n in split_names(names)]
            title = f"Letters between Victor Serge and {clean(names)}"
            work = self.store.work(
                self.store.new_work_key(f"serge-letters-{make_slug(names)}"),
                title,
                "correspondence",
                status="unpublished",
                written=period,
                description=clean(extra),
            )
            self.letter_parties(work, persons, serge_sends=bool(sent))
            total = (int(received.group(1)) if received else 0) + (int(sent.group(1)) if sent else 0)
            self.store.hold(
                work,
                archive,
                total or None,
                description=f"{count_text} letters" if count_text else "number not given",
            )
        return True

    # ---------------------------------------------------------------- confiscated (F)
    def confiscated(self, entry, section):
        title, rest = clean(entry.text.split(",")[0]), clean(entry.text.split(",", 1)[1])
        existing = self.store.find_work(title)
        kind = next(
            (
                t
                for word, t in (
                    ("novel", "novel"),
                    ("memoir", "memoir"),
                    ("poem", "poem"),
                    ("History", "history"),
                )
                if word in rest
            ),
            "manuscript",
        )
        if existing:
            self.store.by_key["works"][existing]["description"] += (
                "; manuscript confiscated by the Soviet censorship"
            )
            return True
        work = self.store.work(
            self.store.new_work_key(f"serge-{make_slug(title)}"),
            title,
            kind,
            "fr",
            status="confiscated",
            description=rest,
        )
        self.store.contribute(SERGE, "author", work=work)
        sequel = re.search(r"sequel to ([A-Z][\w ]+?),", rest)
        if sequel and self.store.find_work(sequel.group(1)):
            self.store.relate(work, "sequel-to", self.store.find_work(sequel.group(1)))
        return True

    # ---------------------------------------------------------------- Serge's translations (G)
    def translation(self, entry, section):
        """A work by another author translated from Russian by Serge; further lines are
        further works of the same author."""
        authors_text, _, rest = entry.text.partition(", ")
        authors = [self.store.person(n) for n in split_names(authors_text)]
        kind = "novel" if entry.context.get("group") == "Fiction" else "book"
        for text in [rest] + entry.items:
            co_translators = re.findall(r"\(translated with ([^)]+)\)", text)
            text = re.sub(r"\(translated with [^)]+\)", "", text)
            m = re.match(
                r"^(.+?)\s+which was published in\s+(.+?)\s+in\s+(\d{4})\s+and appeared in\s+(.*)$", text
            )
            if m:
                text = f"{m.group(1)}, {m.group(2).replace('(', '').replace(')', ',')} {m.group(3)}"
            title, chunks = title_and_rest(text)
            imprints = parse_imprints(chunks)
            if not (imprints[0].date or imprints[0].publisher):
                return False
            author_key = authors[0]
            work = self.store.work(
                self.store.new_work_key(f"{author_key}-{make_slug(title)}"),
                title,
                kind,
                "ru",
                first_published="",
                description="Translated from Russian into French by Serge",
            )
            for order, author in enumerate(authors):
                self.store.contribute(author, "author" if order == 0 else "co-author", work=work)
            for key in self.add_editions(work, title, imprints, "fr"):
                self.store.contribute(SERGE, "translator", edition=key)
                for name in co_translators:
                    self.store.contribute(self.store.person(name), "translator", edition=key)
            if m:
                self.add_editions(work, title, parse_imprints(split_chunks(m.group(4))), "fr")
        return True

    # ---------------------------------------------------------------- manuscripts (H)
    LETTER_TO = re.compile(
        r"(?:^Serge to|[Ll]etters? (?:from Serge )?to|[Ll]ettre a|cover letter to)\s+"
        r"((?:[A-Z][\w.]*\.?\s?)+?(?:\s+(?:and|et)\s+(?:[A-Z][\w.]*\s?)+)?)(?=\s*[,(]|\s+(?:of|sur|on)\b|$)"
    )

    def manuscript(self, entry, section):
        """An unpublished essay, review or letter: title, date of writing, recipients."""
        text = entry.text
        typescript = text.startswith("Typescript")
        body = re.sub(r"^Typescript,\s*", "", text)
        titles, rest = quoted_strings(body)
        if titles:
            title = titles[0]
        else:
            title = clean_title(
                re.split(r"\s\(|,\s|\s(?=\d{1,2}\s\w+\.?\s\d)|\s(?=(?:fin\s)?[A-Za-z]+\.?\s\d{2}\b)", body)[0]
            )
            rest = body[len(title) :]
        if re.match(r"^(?:no title|no date)", title, re.I) or not title:
            title = "Untitled typescript"
        if re.fullmatch(r"No title", title.split(",")[0], re.I):
            title = "Untitled typescript"
        kind = "manuscript"
        if re.search(r"\breview\b", text, re.I):
            kind = "review"
        letter = self.LETTER_TO.search(text)
        if letter or re.match(r"^(?:Lettre|Letter|Two letters|Serge to)", text):
            kind = "letter"
        written = span_of_dates(re.sub(r"\d+\s*pp\b|Books|\(\d+ pp", "", rest or text))
        if not written and re.search(r"\b\d{2}\b", rest or ""):
            written = ""
        work = self.store.work(
            self.store.new_work_key(f"serge-{make_slug(title)}"),
            title,
            kind,
            guess_language(title, "fr"),
            status="unpublished",
            written=written,
            description="Typescript" if typescript else "",
        )
        self.store.contribute(SERGE, "sender" if kind == "letter" else "author", work=work)
        if letter:
            for name in split_names(letter.group(1)):
                self.store.contribute(self.store.person(name), "recipient", work=work)
        return True

    # ---------------------------------------------------------------- journalism (I)
    def journalism(self, entry, section):
        """Articles in one periodical issue: one work of type article each, with its edition."""
        context = entry.context
        periodical = context["periodical"]
        periodical_key = self.store.periodical(periodical["title"], periodical["key"], periodical["place"])
        language = self.store.by_key["periodicals"][periodical_key]["language"]
        text = entry.text
        by_others = "about Serge" in context.get("note", "")
        author_name = None
        m = re.match(r'^([A-Z][a-z]+), (".*)$', text)
        if m:
            author_name, text = m.group(1), m.group(2)
        titles, rest = quoted_strings(text)
        if not titles and text.startswith('"'):
            title = re.split(r"[:,]", text[1:])[0]
            titles, rest = [clean_title(title)], text[len(title) + 1 :]
        if not titles:
            titles, rest = [self.untitled(text)], text
        credited = re.search(r"(?:par\s+)?\b(R\. Albert|R\.A\.)", rest)
        by = re.search(r"(?:,\s*|\bby\s+)(Jacques Mesnil|Magdeleine Paz)\b", rest)
        if by_others and by:
            author_name = by.group(1)
        dateline = re.search(r"\((Berlin|Kiev|Kieff|Moscow|Paris)\)", rest)
        editors = "(the Editors)" in rest
        imprint = self.article_imprint(rest)
        works = []
        for title in titles:
            about = (
                [SERGE]
                if (by_others or editors or "Serge" in title)
                and not (title.startswith("Letter from Victor Serge") or "de Victor Serge" in title)
                else []
            )
            kind = "review" if "review" in rest.lower() else "article"
            if "de Victor Serge" in title:
                about = [SERGE]
            if "(poem)" in rest:
                kind = "poem"
            if title.startswith(("Lettre", "Letter", "Lettres")) or "letter" in title.lower():
                kind = "letter"
            author = (
                self.store.person(author_name) if author_name else (None if (by_others or editors) else SERGE)
            )
            key = self.store.new_work_key(f"{work_prefix(author)}-{make_slug(title)}")
            work = self.store.work(
                key,
                title,
                kind,
                language,
                first_published=imprint.date,
                description=("Unsigned article" if by_others and not author else ""),
                about=about,
            )
            if author:
                self.store.contribute(author, "author", work=work)
            co = re.search(r"written with ([A-Z][\w.]*(?: [A-Z][\w.]*)+)", rest)
            if co:
                self.store.contribute(self.store.person(co.group(1)), "co-author", work=work)
            edition = self.store.edition(
                work,
                title,
                language,
                periodical=periodical_key,
                date=imprint.date,
                volume=imprint.volume,
                issue=imprint.issue,
                pages=imprint.pages,
                note="; ".join(
                    filter(None, [f"datelined {dateline.group(1)}" if dateline else "", *imprint.notes])
                ),
            )
            if credited:
                self.store.person(credited.group(1))
                self.store.contribute(SERGE, "author", edition=edition, credited_as=credited.group(1))
            works.append((work, title))
            excerpt = re.search(r"Excerpts from Serge's (.+?) printed", context.get("note", ""))
            if excerpt:
                source = self.store.find_work(EXCERPT_SOURCES.get(excerpt.group(1), excerpt.group(1)))
                if source:
                    self.store.relate(work, "excerpt-of", source)
            reviewed = re.match(r"^(.+?),? de Victor Serge$", title)
            if reviewed and self.store.find_work(reviewed.group(1)):
                self.store.relate(work, "review-of", self.store.find_work(reviewed.group(1)))
        self.articles.extend((w, t, periodical_key, imprint.date) for w, t in works)
        return bool(imprint.date or imprint.issue or imprint.pages or by_others)

    def untitled(self, text):
        m = re.match(r"^((?:Note on|Review of) [^,]+)", text)
        if m:
            return m.group(1)
        m = re.match(r"^\((.+?)\)", text)
        return clean(m.group(1)) if m else "Untitled article"

    def article_imprint(self, rest):
        """Volume, issue, date and pages of an article, in whatever order they come."""
        imprint = Imprint()
        rest = re.sub(r"\([^)]*(?:Berlin|Kiev|Kieff|Moscow|Paris|Editors)\)", " ", rest)
        rest = re.sub(r"(?:par\s+)?\bR\. ?Albert\b|\bR\.A\.", " ", rest)
        pages = PAGES_RE.search(rest)
        if pages:
            imprint.pages = clean(pages.group(1))
            rest = rest[: pages.start()] + " " + rest[pages.end() :]
        volume = re.search(r"\b(?:Vol|vol|Volume)\.?\s+([IVXLC]+|\d{1,3})\b", rest)
        if volume:
            imprint.volume = volume.group(1)
            rest = rest[: volume.start()] + " " + rest[volume.end() :]
        issue = re.search(
            r"(?:\b(?:No|no|Num|nos|Nos|Number)\.?|#)\s*(\d{1,3}(?:\s*-\s*\d{1,3})?(?:\s*\[\d+\])?)(?!\d)",
            rest,
        )
        if issue:
            imprint.issue = re.sub(r"\s+", "", issue.group(1)).replace("[", " [")
            rest = rest[: issue.start()] + " " + rest[issue.end() :]
        leading = re.match(
            r"^[\s,.]*(\d{1,3}(?:-\d{1,3})?)(?=[,.\s])(?!\s*(?:-\s*\d+\s+)?[A-Za-z]{3,}\.?\s+\d{2,4})", rest
        )
        if leading and not imprint.issue:
            value = leading.group(1)
            if issue is None and not re.match(r"^\s*,?\s*(?:No|no)\b", rest[leading.end() :]):
                imprint.issue = value
            rest = rest[leading.end() :]
        elif leading and not imprint.volume and re.match(r"^\d{1,3}$", leading.group(1)):
            imprint.volume = leading.group(1)
            rest = rest[leading.end() :]
        m = re.match(r"^[\s,.]*(\d{2,3})\s+(?=[A-Za-z]{3,}\.?\s+\d{4})", rest)
        if m and int(m.group(1)) > 31:
            imprint.issue = imprint.issue or m.group(1)
            rest = rest[m.end() :]
        dates = find_dates(rest)
        imprint.date = max(dates, key=lambda d: (len(d[0].split("/")[0]), -d[1]))[0] if dates else ""
        series = re.search(r"(New Series|Section \d+|special issue|numero special)", rest, re.I)
        if series:
            imprint.notes.append(series.group(1))
        return imprint

    def link_series(self):
        """Articles sharing a series title ("Notes d'Allemagne", "... (I)" to "(V)")
        become parts of a work of type series, ordered by date."""
        groups = {}
        for work, title, periodical, date in self.articles:
            base = series_base(title)
            if base:
                groups.setdefault(normalize(base), []).append((date, work, base, periodical))
        for parts in groups.values():
            if (
                len(parts) < 2
                or len({p[3] for p in parts}) > 1
                and "notes d allemagne" != normalize(parts[0][2])
            ):
                continue
            base = parts[0][2]
            members = {p[1] for p in parts}
            series = next(
                (
                    w["key"]
                    for w in self.store.lists["works"]
                    if w["key"] not in members
                    and normalize(w["title"]) == normalize(base)
                    and w["type"] in ("series", "history", "essay")
                ),
                None,
            )
            if series:
                self.store.by_key["works"][series]["type"] = "series"
            else:
                section, entry = self.store.section, self.store.entry
                self.store.entry = "series"
                series = self.store.work(
                    self.store.new_work_key(f"serge-{make_slug(base)}-series"),
                    base,
                    "series",
                    self.store.by_key["works"][parts[0][1]]["language"],
                    first_published=min(p[0] for p in parts if p[0]) if any(p[0] for p in parts) else "",
                    description="Series of articles",
                )
                self.store.contribute(SERGE, "author", work=series)
                self.store.entry = entry
                self.store.section = section
            for order, (_, work, _, _) in enumerate(sorted(parts, key=lambda p: (p[0] or "9999", p[1])), 1):
                self.store.relate(work, "part-of", series, order)

    # ---------------------------------------------------------------- interviews (II)
    def interview(self, entry, section):
        m = re.match(r"^([^,(]+?)\s*(?:,|\()\s*(.*)$", entry.text)
        if not m:
            return False
        name, rest = m.groups()
        interviewee = self.store.person(name)
        by = re.search(r"conducted by ([A-Z][\w.]*(?: [A-Z][\w.]*)+)", rest)
        interviewer = self.store.person(by.group(1)) if by else "weissman-susan"
        if not by:
            self.store.person("Susan Weissman")
        work = self.store.work(
            self.store.new_work_key(f"interview-{interviewee}"),
            f"Interview with {clean(name)}",
            "other",
            status="unpublished",
            written=span_of_dates(rest),
            description="Interview for the thesis"
            + (f"; {clean(m2.group(1))}" if (m2 := re.search(r"\(([^)]*wife[^)]*)\)", rest)) else ""),
            about=[interviewee],
        )
        self.store.contribute(interviewer, "author", work=work)
        return True

    # ---------------------------------------------------------------- intelligence files (III)
    def intelligence(self, entry, section):
        text = entry.text
        dates = find_dates(text, month_first=True)
        title = clean_title(re.split(r",\s*(?=\d|[A-Z][a-z]{2}\.? \d)|;", text)[0])
        if re.match(r"^[\d\s.]+$|^\d{1,2} \w+", title) or re.match(r"^\d", title):
            title = clean_title(
                re.sub(r"^[^,]*\d{4},\s*|^\d[\d.]*,\s*", "", text).split(",")[0].split(";")[0]
            )
        work = self.store.work(
            self.store.new_work_key(f"intelligence-file-{entry.label}"),
            f"Intelligence file: {title}",
            "other",
            "en",
            status="unpublished",
            written=dates[0][0] if dates else "",
            description="US intelligence report on Serge, released under the Freedom of Information Act",
            about=[SERGE],
        )
        return bool(work)

    # ---------------------------------------------------------------- works by others (IV)
    def other_work(self, entry, section):
        """A book, article, thesis or review by another author; lines without an author
        continue the previous author's list."""
        text = entry.text
        authors, roles, rest = self.leading_authors(text)
        corporate = None
        if authors is None:
            corporate = corporate_author(text)
            if corporate:  # "United States Senate, Scope of Soviet Activity ...": no person wrote it
                authors, roles, rest = [], [], text[len(corporate) :].lstrip(" ,")
            else:
                authors, roles = self.previous_authors[0], ["author"] * len(self.previous_authors[0])
                rest = text
        if re.search(r"\(Unsigned", text):
            authors, roles = [], []
        joint = re.match(r"^[A-Z][a-z]+ and [A-Z][a-z]+,", text) and authors
        # after "Carr and Davies, ...", the lines without an author are Carr's again
        self.previous_authors = (authors[:1], roles[:1]) if joint else (authors, roles)
        editor_inline = re.match(r"^\(Ed\.\)\s*", rest)
        if editor_inline:
            roles = ["editor"] * len(authors)
            rest = rest[editor_inline.end() :]
        # "Paris, Rieder, 1929. republished with ...": a new imprint, not a sentence of the old one
        rest = re.sub(r"(\b1[89]\d\d)\.\s+(?=re(?:published|printed|issued)\b)", r"\1, ", rest)
        titles, _ = quoted_strings(rest)
        title, chunks = title_and_rest(rest)
        if not title:
            return False
        quoted = rest.lstrip().startswith('"')
        short_title = title  # the key is made from the title up to its first comma, as it always was
        if not titles:  # a title without quotes, or whose closing quote was lost, runs on over commas
            title, chunks = self.whole_title(title, chunks, authors)
        translator, book_editors = None, []
        has_publisher = any(looks_like_publisher(c) for c in chunks if not c.startswith("Ed. "))
        for chunk in list(chunks):
            t = re.match(r"^(?:Translated|edited and translated) by (.+)$", chunk, re.I)
            e = re.match(r"^(?:Ed\. by|[Ee]dited by|ed\. by|ed\.(?= [A-Z])) (.+)$", chunk)
            if not e and has_publisher:  # "Ed. Naomi Allen, Pathfinder Press": "Ed." names the editor
                e = re.match(r"^Ed\. ([A-Z][a-z]+(?: [A-Z][a-z]+)+)$", chunk)
            if t:
                translator = t.group(1)
                chunks.remove(chunk)
            elif e:
                chunks.remove(chunk)
                book_editors.append(e.group(1))
        if quoted and chunks and names_periodical(chunks[0]):
            chunks[0] = "in " + chunks[0]  # an article: the chunk after its title names the periodical
        imprints = parse_imprints(chunks)
        imprint = imprints[0]
        lower = text.lower()
        thesis = re.search(r"dissertation|thesis", lower)
        if quoted and not imprint.periodical and not thesis:
            # an article: the first chunk after its title that is not a remark names the periodical
            candidates = [n for n in imprint.notes if n not in imprint.remarks and not DESCRIPTIVE.search(n)]
            if candidates:
                imprint.periodical = candidates[0]
                imprint.notes.remove(candidates[0])
        chapter = [
            i for i in imprints if i.periodical and i.publisher and not periodical_key_for(i.periodical)
        ]
        for part in chapter:  # "in Their Morals and Ours, Merit Publishers": a book, not a periodical
            part.notes.insert(0, f"In {part.periodical}")
            part.periodical = ""
        kind = "article" if quoted or imprint.periodical else "book"
        if thesis:
            kind = "thesis"
        elif (
            re.search(r"\breview(?:ed)? (?:of|by)\b|\(review\b", lower)
            or (m := re.match(r"^Victor Serge, (.+)$", title))
            and self.store.find_work(m.group(1))
            or " par V. Serge" in title
        ):
            kind = "review"
        elif re.search(r"memoir|journal de russie|diary|autobiography", lower):
            kind = "memoir"
        elif re.search(r"biography", lower):
            kind = "biography"
        elif re.search(r"\bpamphlet\b", lower):
            kind = "pamphlet"
        status = "unpublished" if UNPUBLISHED.search(lower) else "published"
        about = [SERGE] if section in ("IV.A", "IV.B") or "Serge" in title else []
        language = self.language_of(title, imprint, guess_language(title, "en"))
        dates = [i.date for i in imprints if i.date]
        dates += [
            m.group(1)
            for i in imprints
            for n in i.notes
            if (m := re.search(r"first published in (\d{4})", n, re.I))
        ]
        date = min(dates, key=lambda d: (year_of(d), dates.index(d))) if dates else ""
        notes = [n for i in imprints for n in i.notes] + [i.publisher for i in imprints if i.publisher]
        made = status == "published" or imprint.periodical
        work = self.store.work(
            self.store.new_work_key(
                f"{work_prefix(authors[0] if authors else None)}-{make_slug(short_title)}"
            ),
            title,
            kind,
            language,
            status=status,
            first_published=date if status == "published" else "",
            written=imprint.date if status != "published" else "",
            description="; ".join(
                ([f"Issued by {corporate}"] if corporate else []) + ([] if made else notes)
            ),
            about=about,
        )
        for order, (author, role) in enumerate(zip(authors, roles, strict=True)):
            self.store.contribute(
                author, role if (role != "author" or order == 0) else "co-author", work=work
            )
        keys = []
        if made:
            if status != "published":
                for part in imprints:  # forthcoming: the date is the paper's, not the issue's
                    part.date = ""
            keys = self.add_editions(work, title, imprints, language)
            if translator:
                for key in keys:
                    self.store.contribute(self.store.person(translator), "translator", edition=key)
        for name in book_editors:
            if chapter and keys:  # the editor of the book the text is in
                self.store.contribute(self.store.person(name), "editor", edition=keys[0])
            else:
                self.store.contribute(self.store.person(name), "editor", work=work)
        for other in titles[1:]:  # '"OGPU Threatens ..." and "The OGPU in Mexico"': one work each
            key = self.store.work(
                self.store.new_work_key(f"{work_prefix(authors[0] if authors else None)}-{make_slug(other)}"),
                other,
                kind,
                language,
                status=status,
                first_published=date if status == "published" else "",
                about=about,
            )
            if made:
                self.add_editions(key, other, imprints, language)
        if kind == "review" or about:
            target = reviewed_work(self.store, text)
            if target:
                self.store.relate(work, "review-of", target)
        return True

    def whole_title(self, title, chunks, authors):
        """The title and the chunks after it, the title taken on over the commas of its
        subtitle ("The Look of Things, Selected Essays and Articles, Harmondsworth, ...")
        up to the first chunk that is part of the imprint: a place, a publisher, a date
        (a span of years, "1928-1931", is part of a title), a volume or page count, a
        parenthesis, a role ("Ed. by"), a remark.  An author's name repeated after the
        title is left out."""
        chunks = [c for c in chunks if not (authors and is_name_of(c, authors))]
        if normalize(title) in GENERIC_TITLES:
            return title, chunks
        while chunks:
            chunk = chunks[0]
            span = re.match(
                r"^(\(1[89]\d\d\s*-\s*(?:1[89])?\d\d\))\s*(.*)$", chunk
            )  # "(1926-1927) (presented by ...)"
            if span:
                title = f"{title}, {span.group(1)}"
                chunks = ([span.group(2)] if span.group(2) else []) + chunks[1:]
                continue
            if " * " in chunk:  # "1923-1924 * A History of Soviet Russia, Vol. IV": the series after the star
                head, _, series = chunk.partition(" * ")
                if not title_part(head, chunks[1:]):
                    break
                title = f"{title}, {head}"
                chunks = [f"series {series}"] + chunks[1:]
                break
            glued = re.match(r"^(.+?)\s+(\S+)$", chunk)  # "Trotsky 1929-1940 OUP"
            if (
                glued
                and publisher_signature(glued.group(2)) in PUBLISHER_BY_SIGNATURE
                and title_part(glued.group(1), chunks[1:])
            ):
                title = f"{title}, {glued.group(1)}"
                chunks = [glued.group(2)] + chunks[1:]
                break
            if not title_part(chunk, chunks[1:]):
                break
            title = f"{title}, {chunk}"
            chunks = chunks[1:]
        return clean_title(title), chunks

    FORENAME = r"(?:[A-Z][a-z\u00e0-\u00ff'\-]+|(?:[A-Z]\.\s?)+[A-Z]?\.?|[A-Z]{2,3})"

    def leading_authors(self, text):
        """Authors at the head of an entry: "Surname, Forename," "Forename Surname,"
        "Surname, F. and Surname2, F2," with "(Ed.)" or "Ed." for editors."""
        rest, authors, roles = text, [], []
        name_re = re.compile(
            r"^(?P<surname>(?:(?:[Vv]an|[Dd]e) )?[A-Z][\w'\-]+(?: (?:y|van|de) [A-Z][\w'\-]+)?)"
            r",\s+(?P<forename>"
            + self.FORENAME
            + r"(?:\s+"
            + self.FORENAME
            + r"){0,2})(?P<end>\s*(?:\(Ed\.\)|,\s*Ed\.|,\s*\(Ed\.\))?"
            r"\s*(?:[,:]|(?=\s*\")|\s+and\s+|\s*&\s*|(?=\s+[A-Z])))"
        )
        forward_re = re.compile(
            r"^(?P<name>(?:[A-Z][\w'\-]+|(?:[A-Z]\.\s?)+)(?:\s+(?:[A-Z][\w'\-]*\.?|y|van|de))*\s+[A-Z][\w'\-]+)"
            r"(?P<end>(?:,\s*Ed\.)?,\s*|:\s*)"
        )
        mononym = re.match(r"^([A-Z][a-z]+),\s+", rest)
        if mononym and mononym.group(1) in MONONYMS:
            return [self.store.person(mononym.group(1))], ["author"], rest[mononym.end() :]
        if CORPORATE.match(rest.split(",")[0]) or CORPORATE.search(rest.split(",")[0]):
            return None, None, text
        known_as = re.match(r"^([A-Z][a-z]+) \(([A-Z][^)]+)\),\s+", rest)
        if known_as:  # "Volin (Vsevolod Mikhailovich Eichenbaum), La Revolucion ..."
            key = self.store.person(known_as.group(1))
            self.store.person_form(key, known_as.group(2), "variant")
            return [key], ["author"], rest[known_as.end() :]
        previous = self.previous_authors[0]
        pair = re.match(r"^([A-Z][a-z]+) and ([A-Z][a-z]+),\s+", rest)
        if pair and previous and previous[0].startswith(make_slug(pair.group(1)) + "-"):
            # "Carr and Davies, Foundations of ...", after the entries of "Carr, E.H."
            return [previous[0], self.store.person(pair.group(2))], ["author", "author"], rest[pair.end() :]
        while True:
            couple = re.match(r"^([A-Z][\w'\-]+),\s+([A-Z][a-z]+) et ([A-Z][a-z]+),\s*", rest)
            if couple and authors:  # "... & Rosmer, Alfred et Marguerite, Correspondance ..."
                for forename in couple.group(2, 3):
                    authors.append(self.store.person(f"{couple.group(1)}, {forename}"))
                    roles.append(roles[0])
                rest = rest[couple.end() :]
                break
            m = name_re.match(rest)
            if (
                m
                and m.group("forename").split()[0].lower() not in NOT_FORENAMES
                and m.group("surname").lower() not in NOT_FORENAMES
                and not looks_like_publisher(m.group("forename"))
                and not place_name(m.group("forename"))
            ):
                forename = m.group("forename")
                if m.group("end").strip() == "" and len(forename.split()) > 1:
                    # "Cannon, James P. The History of ...": the forename and its initials
                    tokens = forename.split()
                    initials = 1
                    while initials < len(tokens) and re.fullmatch(r"(?:[A-Z]\.)+", tokens[initials]):
                        initials += 1
                    forename = " ".join(tokens[:initials])
                    end = len(m.group("surname")) + 2 + len(forename)
                else:
                    end = m.end()
                authors.append(self.store.person(f"{m.group('surname')}, {forename}"))
                roles.append("editor" if "Ed." in m.group("end") else "author")
                rest = rest[end:].lstrip(" ,:")
                more = re.match(r"^(?:and|&)\s+", rest) or re.search(r"(?:and|&)\s*$", m.group("end"))
                if more:
                    rest = rest[more.end() :] if more.re.pattern.startswith("^") else rest
                    fwd = re.match(r"^([A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*)+?)(?=,)", rest)
                    if fwd and not name_re.match(rest):
                        authors.append(self.store.person(fwd.group(1)))
                        roles.append(roles[0])
                        rest = rest[fwd.end() :].lstrip(" ,")
                        break
                    continue
                break
            f = forward_re.match(rest)
            if f and not authors:
                after = split_chunks(rest[f.end() :])
                head = f.group("name").split()
                if (
                    head[0].lower() not in NOT_FORENAMES
                    and after
                    and not place_name(re.split(r" and | & |\s*\(", after[0])[0])
                    and not looks_like_publisher(after[0])
                    and not looks_like_publisher(f.group("name"))
                ):
                    authors.append(self.store.person(f.group("name")))
                    roles.append("editor" if "Ed." in f.group("end") else "author")
                    rest = rest[f.end() :]
                    break
            single = re.match(r"^([A-Z][a-z]+),\s+(?=[\"A-Z])", rest)
            if (
                single
                and not authors
                and single.group(1).lower() not in NOT_FORENAMES
                and not re.match(r"^[A-Z][a-z]+,\s+[A-Z][a-z]+,", rest)
            ):
                authors.append(self.store.person(single.group(1)))
                roles.append("author")
                rest = rest[single.end() :]
            break
        return (authors, roles, rest) if authors else (None, None, text)


def work_prefix(author):
    """Work keys start with the author's key, "serge" for Serge, "anon" for unsigned works."""
    return "serge" if author == SERGE else (author or "anon")


EXCERPT_SOURCES = {"Year One": "L'An I de la revolution russe", "Pages of a Diary": "Pages de Journal"}
REVIEWED_ALIASES = {"rtya": "Russia Twenty Years After", "serge's memoirs": "Memoirs of a Revolutionary"}


def series_base(title):
    """The series a title belongs to: "Notes d'Allemagne" in "La Greve ...: Notes
    d'Allemagne", "La lutte des classes ..." in "... (IV)", "Lenine 1917." itself."""
    if re.search(r"Notes d'Allemagne", title):
        return "Notes d'Allemagne"
    m = re.match(r"^(.+?)[,\s]*\((?:Part\s+)?[IVX]+\)$|^(.+?),\s+[IVX]+$", title)
    if m:
        return clean(m.group(1) or m.group(2))
    m = re.match(r"^(.+?)\s*[:;]\s+\S", title)
    if m and len(m.group(1)) > 12:
        return clean(m.group(1))
    return clean(title)


def reviewed_work(store, text):
    """The work by Serge that a review or study names ("Review of RTYA", "Victor Serge,
    Year One of the Russian Revolution")."""
    for alias, title in REVIEWED_ALIASES.items():
        if alias in text.lower():
            return store.find_work(title)
    candidates = re.findall(r"(?:[Rr]eview of |Victor Serge, |Victor Serge's \")([^,()\"]+)", text)
    candidates += re.findall(r'"([^"]+?) par V\. Serge', text)
    for candidate in candidates:
        if len(candidate.strip()) < 4:  # "L'Affaire Victor Serge, in ..."
            continue
        work = store.find_work(candidate.strip())
        if work:
            return work
    return None


# --------------------------------------------------------------------------- manual curation
def load_manual(path=MANUAL_PATH):
    if not Path(path).exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def manual_entries(manual):
    """{(section, entry): {list name: [records]}} from the manual file, whose records
    carry the section and entry they replace."""
    by_entry = {}
    for name in ("works", "editions", "contributions", "work_relations", "holdings"):
        for record in manual.get(name) or []:
            slot = by_entry.setdefault((record["section"], str(record["entry"])), {})
            slot.setdefault(name, []).append(record)
    for item in manual.get("entries") or []:
        by_entry.setdefault((item["section"], str(item["entry"])), {})
    return by_entry


def apply_manual(store, records):
    """Add the hand-curated records of one entry to the store."""
    for record in records.get("works", []):
        record = {
            k: ("" if v is None and k in ("written", "first_published", "description") else v)
            for k, v in record.items()
        }
        store.work(
            record["key"],
            record["title"],
            record.get("type", "other"),
            record.get("language", ""),
            record.get("status", "published"),
            str(record.get("written") or ""),
            str(record.get("first_published") or ""),
            record.get("description") or "",
            record.get("about") or [],
        )
    for record in records.get("editions", []):
        record = {k: v for k, v in record.items() if k not in ("section", "entry")}
        record.setdefault("translation_of", None)
        full = {
            "key": record["key"],
            "work": record["work"],
            "title": record.get("title", ""),
            "language": record.get("language", ""),
            "publisher": record.get("publisher"),
            "place": record.get("place"),
            "date": str(record.get("date") or ""),
            "series": record.get("series", ""),
            "periodical": record.get("periodical"),
            "volume": str(record.get("volume") or ""),
            "issue": str(record.get("issue") or ""),
            "pages": str(record.get("pages") or ""),
            "translation_of": record.get("translation_of"),
            "note": record.get("note", ""),
        }
        store.by_key["editions"][full["key"]] = full
        store.lists["editions"].append(full)
    for record in records.get("contributions", []):
        store.contribute(
            record["person"],
            record["role"],
            work=record.get("work"),
            edition=record.get("edition"),
            credited_as=record.get("credited_as", ""),
        )
    for record in records.get("work_relations", []):
        store.relate(record["subject"], record["type"], record["object"], record.get("order", 0))
    for record in records.get("holdings", []):
        store.hold(
            record["work"],
            record["repository"],
            record.get("item_count"),
            record.get("shelfmark", ""),
            record.get("description", ""),
        )


def add_manual_entities(store, manual):
    """Persons, organisations, places and periodicals curated by hand (merged by key)."""
    for record in manual.get("persons") or []:
        store._merge(
            "persons",
            {
                "key": record["key"],
                "name": record["name"],
                "sort_name": record.get("sort_name") or sort_name_of(record["name"]),
                "names": record.get("names") or [{"name": record["name"], "type": "preferred"}],
            },
        )
    for record in manual.get("organisations") or []:
        store._merge("organisations", {"key": record["key"], "name": record["name"], "kind": record["kind"]})
        if record["kind"] == "publisher":
            store.publisher_keys.setdefault(publisher_signature(record["name"]), record["key"])
    for record in manual.get("places") or []:
        store._merge("places", {"key": record["key"], "name": record["name"], "kind": "city"})
    for record in manual.get("periodicals") or []:
        store._merge(
            "periodicals",
            {
                "key": record["key"],
                "title": record["title"],
                "place": record.get("place"),
                "language": record.get("language", ""),
            },
        )


# --------------------------------------------------------------------------- entry point
HANDLERS = {
    "serge_books": "serge_book",
    "correspondence": "correspondence",
    "confiscated": "confiscated",
    "translations": "translation",
    "manuscripts": "manuscript",
    "journalism": "journalism",
    "interviews": "interview",
    "intelligence": "intelligence",
    "others": "other_work",
}


def parse_thesis_bibliography(text: str, manual: dict | None = None) -> ParsedBibliography:
    """Parse the whole thesis text's BIBLIOGRAPHY into records; hand-curated entries
    (``manual``, by default the curated YAML file) replace the parser's reading."""
    manual = load_manual() if manual is None else manual
    curated = manual_entries(manual)
    store = Store()
    store.person("Victor Serge")
    add_manual_entities(store, manual)
    parser = Parser(store)
    parser.articles = []
    parser.previous_authors = ([], [])
    report = {"sections": [], "unparsed": []}
    for section_id, heading, lines in split_sections(text):
        kind = next(k for s, _, k in SECTIONS if s == section_id)
        entries = section_entries(section_id, kind, lines)
        stats = {
            "section": section_id,
            "heading": heading,
            "entries": len(entries),
            "parsed": 0,
            "curated": 0,
        }
        parser.previous_authors = ([], [])
        for entry in entries:
            store.section, store.entry = section_id, entry.label
            if (section_id, entry.label) in curated:
                apply_manual(store, curated[(section_id, entry.label)])
                stats["curated"] += 1
                continue
            before = {name: len(records) for name, records in store.lists.items()}
            ok = getattr(parser, HANDLERS[kind])(entry, section_id)
            if section_id == "I.C" and entry.items:
                parser.poems(entry, [])
            if ok:
                stats["parsed"] += 1
            else:
                rollback(store, before)
                report["unparsed"].append(entry.text)
        report["sections"].append(stats)
    store.section, store.entry = "I.I", "series"
    parser.link_series()
    check_references(store)
    result = ParsedBibliography(**{name: store.lists[name] for name in RECORD_LISTS}, report=report)
    return result


def rollback(store, before):
    """Forget what a failed entry added, so that an unparsed entry leaves no half records."""
    for name, count in before.items():
        for record in store.lists[name][count:]:
            if name in store.by_key and "key" in record:
                store.by_key[name].pop(record["key"], None)
        del store.lists[name][count:]


def check_references(store):
    """Every key a record points to must exist: add missing persons from their keys
    (curated contributions may name persons the parser never met)."""
    persons = store.by_key["persons"]
    for contribution in store.lists["contributions"]:
        if contribution["person"] not in persons:
            surname, _, forename = contribution["person"].partition("-")
            name = clean(f"{forename.replace('-', ' ').title()} {surname.replace('-', ' ').title()}")
            store._merge(
                "persons",
                {
                    "key": contribution["person"],
                    "name": name,
                    "sort_name": sort_name_of(name),
                    "names": [{"name": name, "type": "preferred"}],
                },
            )
