"""What the import benchmark imports: persons with their name forms, EDTF dates, ties
and memberships, in the synthetic generator's proportions (dataset/synthetic/), drawn
once so that both paths (the services and COPY) write the same records.

Why a plan of its own rather than the generator itself: the generator writes as it
draws, each table whole (all persons, then all ties), and cites ties to the passages of
its sources; an import through the services goes person by person, so each person here
carries the ties to persons imported before it and its memberships. The proportions
follow the generator's (dataset/synthetic/people.py, evidence.py, vocabulary.BASE):
per person 3 ties and 0.5 memberships, heavy-tailed (Pareto activity, α = 2; the first
person the hub), three ties in four inside a circle of about 80; the name forms with
the generator's odds. The dates take the real data's forms (fixtures/prosopography.json:
of the persons' dates 84% a year, 9% a day, 4% a month, the rest approximate or
intervals), one in a hundred a form only the edtf library reads (a set of two months),
which is what every write pays for such a date. Ties cite no passages (no sources are
imported here).
"""

import random
from dataclasses import dataclass, field

from dataset.synthetic.loader import Weighted, dated
from dataset.synthetic.vocabulary import (
    BASE,
    CALLINGS,
    FIRST,
    LAST,
    PLACE_NAMES,
    PSEUDONYMS,
    RELATIONSHIP_KIND_WEIGHTS,
    SYLLABLES,
)

TIES_PER_PERSON = BASE["relationships"] / BASE["persons"]  # 3
MEMBERSHIPS_PER_PERSON = BASE["memberships"] / BASE["persons"]  # 0.5
PERSONS_PER_ORGANISATION = BASE["persons"] // BASE["organisations"]  # 50
PERSONS_PER_PLACE = BASE["persons"] // BASE["places"]  # 100
ROLES = (["member", "founder", "leader", "editor", "secretary", "delegate"], [70, 5, 5, 8, 6, 6])


@dataclass
class PersonPlan:
    """One person to import; places, organisations and other persons by their index."""

    name: str
    sort_name: str
    description: str
    birth: str
    death: str
    birth_place: int | None
    death_place: int | None
    aliases: list = field(default_factory=list)  # (name, type, language)
    ties: list = field(default_factory=list)  # dicts: subject, object (indexes), kind, dates ...
    memberships: list = field(default_factory=list)  # dicts: organisation (index), role, dates


@dataclass
class ImportPlan:
    persons: list
    places: list  # names
    organisations: list  # names


def life_date(rng, year):
    """An EDTF date in the forms the persons' dates take in the real data."""
    if year is None:
        return ""
    roll = rng.random()
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    if roll < 0.01:
        return f"[{year}-{month:02},{year}-{min(month + 2, 12):02}]"  # the edtf library's path
    if roll < 0.03:
        return f"{year}/{year + 1}"
    if roll < 0.07:
        return f"{year}-{month:02}"
    if roll < 0.16:
        return f"{year}-{month:02}-{day:02}"
    return dated(year, rng)[0]  # a year, one in ten uncertain or approximate


def _pareto(rng, count, alpha):
    return sorted((rng.paretovariate(alpha) for _ in range(count)), reverse=True)


def _surnames(rng, count):
    pool = {
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(count)
    }
    pool = sorted(pool - set(LAST)) + LAST
    rng.shuffle(pool)
    return Weighted(pool, [1 / (rank + 1) ** 0.9 for rank in range(len(pool))], rng)


def _name_forms(rng, first, last, name, firsts, surnames):
    """The generator's name forms and their odds (dataset/synthetic/people.py)."""
    forms = {(name, "preferred", ""), (last, "surname", "")}
    if rng.random() < 0.25:
        pseudonym = rng.choice(PSEUDONYMS) if rng.random() < 0.3 else f"{firsts.pick()} {surnames.pick()}"
        forms.add((pseudonym, "pseudonym", ""))
    if rng.random() < 0.25:
        forms.add((f"{first[0]}. {last}", "initials", ""))
    if rng.random() < 0.2:
        variant = last.replace("v", "w").replace("ch", "tch").replace("i", "y")
        if variant != last:
            forms.add((f"{first} {variant}", "transliteration", "ru"))
    if rng.random() < 0.1:
        forms.add((f"{first} {surnames.pick()}", "birth", ""))
    if rng.random() < 0.1:
        forms.add((f"{first} {last.upper()}", "variant", ""))
    return sorted(forms)


def _persons(rng, count, places):
    firsts = Weighted(FIRST, [1 / (r + 1) ** 0.7 for r in range(len(FIRST))], rng)
    surnames = _surnames(rng, max(200, count // 5))
    persons = []
    for _ in range(count):
        first, last = firsts.pick(), surnames.pick()
        name = f"{first} {last}"
        birth_year = rng.randint(1840, 1930) if rng.random() < 0.9 else None
        death_year = birth_year + rng.randint(20, 90) if birth_year and rng.random() < 0.85 else None
        persons.append(
            PersonPlan(
                name=name,
                sort_name=f"{last}, {first}",
                description=f"{rng.choice(CALLINGS)} of {rng.choice(PLACE_NAMES)}."
                if rng.random() < 0.3
                else "",
                birth=life_date(rng, birth_year),
                death=life_date(rng, death_year),
                birth_place=rng.randrange(places) if rng.random() < 0.3 else None,
                death_place=rng.randrange(places) if death_year and rng.random() < 0.2 else None,
                aliases=_name_forms(rng, first, last, name, firsts, surnames),
            )
        )
    return persons


def _period(rng, first_year, last_year, dated_share, end_share, longest):
    if rng.random() >= dated_share:
        return "", ""
    year = rng.randint(first_year, last_year)
    end = dated(year + rng.randint(0, longest), rng)[0] if rng.random() < end_share else ""
    return dated(year, rng)[0], end


def _ties(rng, persons, weight):
    """Pairs drawn as the generator draws them (evidence.py: by activity, three in four
    within a circle), each given to the later of its two persons, so that it is written
    once both exist."""
    n = len(persons)
    circles = max(1, n // 80)
    circle_pick = Weighted(range(circles), _pareto(rng, circles, 1.5), rng)
    circle = [circle_pick.pick() for _ in range(n)]
    members = [[] for _ in range(circles)]
    for i in range(n):
        members[circle[i]].append(i)
    in_circle = [Weighted(m, [weight[i] for i in m], rng) for m in members]
    anyone = Weighted(range(n), weight, rng)
    kinds = Weighted(list(RELATIONSHIP_KIND_WEIGHTS), list(RELATIONSHIP_KIND_WEIGHTS.values()), rng)
    pairs = set()
    for _ in range(int(TIES_PER_PERSON * n)):
        subject = anyone.pick()
        for attempt in range(50):
            near = in_circle[circle[subject]]
            obj = near.pick() if attempt < 5 and near and rng.random() < 0.75 else anyone.pick()
            pair = (min(subject, obj), max(subject, obj))
            if subject != obj and pair not in pairs:
                break
        else:
            continue
        pairs.add(pair)
        start, end = _period(rng, 1890, 1947, 0.7, 0.7, 15)
        persons[max(pair)].ties.append(
            {
                "subject": subject,
                "object": obj,
                "kind": kinds.pick(),
                "variant": rng.randrange(1000),  # which type of that kind
                "start": start,
                "end": end,
                "certainty": rng.choices(["certain", "probable", "possible"], [80, 15, 5])[0],
                "rank": "deprecated" if rng.random() < 0.02 else "normal",
            }
        )


def plan(count, seed=1890):
    """The records of `count` persons, the same for the same seed."""
    rng = random.Random(seed)
    places = [f"{PLACE_NAMES[i % len(PLACE_NAMES)]} {i}" for i in range(max(3, count // PERSONS_PER_PLACE))]
    organisations = [
        f"Group {rng.choice(LAST)} {i}" for i in range(max(3, count // PERSONS_PER_ORGANISATION))
    ]
    persons = _persons(rng, count, len(places))
    weight = _pareto(rng, count, 2.0)
    if count > 1:
        weight[0] = weight[1] * 3  # the hub, imported first as Serge is person 1
    _ties(rng, persons, weight)
    anyone = Weighted(range(count), weight, rng)
    organisation_pick = Weighted(range(len(organisations)), _pareto(rng, len(organisations), 1.2), rng)
    for _ in range(int(MEMBERSHIPS_PER_PERSON * count)):
        start, end = _period(rng, 1890, 1945, 0.7, 0.5, 20)
        persons[anyone.pick()].memberships.append(
            {
                "organisation": organisation_pick.pick(),
                "role": rng.choices(*ROLES)[0],
                "start": start,
                "end": end,
            }
        )
    return ImportPlan(persons, places, organisations)
