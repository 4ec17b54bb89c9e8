"""APIS's data shape, the same for both systems: 10,000 persons, 500 organisations,
2,000 works and 30,000 relations, drawn from a seed (standard library only, so that
both Python 3.11 for ours and Python 3.13 for APIS import it and get the same rows).

    python benchmarks/apis/shape.py            # prints the counts and a few rows

Relations: 22,000 between persons (parent, spouse, comrade, correspondent, friend),
5,000 memberships (person -> organisation), 3,000 authorships (person -> work).
Who takes part is heavy-tailed (Pareto, alpha = 2), as in `dataset.synthetic`, so
a few persons are hubs. One surname in six carries an accent or a diacritic
(Maîtrejean, Lefèvre, Dvořák ...): the name search is asked both ways.

Persons, organisations and works are listed in the order the loaders write them,
so that on a fresh database the n-th person has the n-th id of its table (APIS:
the persons' ids start at 1 as they are written first).
"""

import bisect
import itertools
import random

SEED = 1890
PERSONS, ORGANISATIONS, WORKS = 10_000, 500, 2_000
PERSON_TIES, MEMBERSHIPS, AUTHORSHIPS = 22_000, 5_000, 3_000

# (our relationship type slug, APIS relation class) for ties between persons.
TIE_TYPES = [
    ("parent", "IsParentOf"),
    ("spouse", "IsSpouseOf"),
    ("comrade", "IsComradeOf"),
    ("correspondent", "CorrespondedWith"),
    ("friend", "IsFriendOf"),
]
TIE_WEIGHTS = [1, 1, 4, 3, 3]

FORENAMES = (
    "Victor Vlady Liuba Jeannine Rirette Boris Lev Natalia Anita Otto Ernst Paul Marcel "
    "Pierre Jean Louis André Henri Jacques Marie Anne Louise Sophie Olga Vera Nadezhda "
    "Ivan Nikolai Sergei Alexei Mikhail Andreu Joaquín Julián José María Dolores Ángel "
    "Élie Émile Éva Hélène Zoé Jérôme Benoît Günther Jürgen Józef Wanda Čestmír Dušan"
).split()
PLAIN_SURNAMES = (
    "Serge Kibalchich Souvarine Rosmer Trotsky Sedova Nin Gorkin Maslow Rühle Pivert "
    "Wullens Poulaille Martinet Guilloux Chazé Lazarévitch Ghezzi Naville Cilliga "
    "Dubois Bernard Martin Durand Petit Moreau Laurent Simon Michel Garcia Roux Fournier "
    "Ivanov Petrov Smirnov Popov Volkov Sokolov Kuznetsov Orlov Belov Frolov Zaitsev "
    "Schmidt Fischer Weber Wagner Becker Hoffmann Koch Richter Klein Wolf Neumann "
    "Rossi Russo Ferrari Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti "
    "Nowak Kowalski Wójcik Kamiński Lewandowski Zieliński Szymański Woźniak Kozłowski"
).split()
ACCENTED_SURNAMES = (
    "Maîtrejean Lefèvre Dvořák Müller Gödel Čapek Sánchez Núñez Łukasiewicz Hervé "
    "Brontë Aragón Ibáñez Böhm Schrödinger Jaurès Pétain Valéry Désiré Ferré"
).split()
ORGANISATION_WORDS = (
    "Union Parti Fédération Comité Ligue Groupe Cercle Syndicat Bureau Conseil "
    "Internationale Opposition Jeunesse Société Association Front Bloc Alliance"
).split()
ORGANISATION_QUALIFIERS = (
    "ouvrier socialiste communiste anarchiste révolutionnaire syndicaliste libertaire "
    "de gauche internationaliste populaire des écrivains des travailleurs"
).split(" ")
WORD_POOL = (
    "ville conquise naissance notre force année première mémoires révolutionnaire "
    "affaire Toulaév destin ombre hommes prison temps cerises minuit siècle carnets "
    "lettres vie mort Lénine Russie Moscou Paris Mexico Barcelone Leningrad exil chemin "
    "nuit jour tempête feu pain liberté"
).split()


class _Weighted:
    def __init__(self, count, rng, alpha=2.0):
        self.rng = rng
        weights = [rng.paretovariate(alpha) for _ in range(count)]
        self.cum = list(itertools.accumulate(weights))

    def pick(self):
        return bisect.bisect(self.cum, self.rng.random() * self.cum[-1])


def generate(seed=SEED):
    """The data set as plain lists of dicts; relations refer to list indexes."""
    rng = random.Random(seed)
    persons = []
    for _ in range(PERSONS):
        accented = rng.random() < 1 / 6
        surname = rng.choice(ACCENTED_SURNAMES if accented else PLAIN_SURNAMES)
        birth = rng.randint(1850, 1930) if rng.random() < 0.7 else None
        death = birth + rng.randint(20, 90) if birth and rng.random() < 0.8 else None
        persons.append(
            {
                "forename": rng.choice(FORENAMES),
                "surname": surname,
                "gender": rng.choice(["male", "female", "male", "unknown"]),
                "birth": birth,
                "death": death,
            }
        )
    organisations = [
        {
            "label": f"{rng.choice(ORGANISATION_WORDS)} {rng.choice(ORGANISATION_QUALIFIERS)} {i + 1}",
            "founded": rng.randint(1880, 1945),
        }
        for i in range(ORGANISATIONS)
    ]
    works = [
        {
            "title": " ".join(rng.choice(WORD_POOL) for _ in range(rng.randint(2, 5))).capitalize(),
            "year": rng.randint(1900, 1950),
        }
        for _ in range(WORKS)
    ]
    activity = _Weighted(PERSONS, rng)
    organisation_pick = _Weighted(ORGANISATIONS, rng)
    types = list(itertools.accumulate(TIE_WEIGHTS))
    ties, seen = [], set()
    while len(ties) < PERSON_TIES:
        subject, obj = activity.pick(), activity.pick()
        kind = bisect.bisect(types, rng.random() * types[-1])
        if subject == obj or (subject, obj, kind) in seen:
            continue
        seen.add((subject, obj, kind))
        ties.append({"type": kind, "subject": subject, "object": obj})
    memberships = []
    seen = set()
    while len(memberships) < MEMBERSHIPS:
        pair = (activity.pick(), organisation_pick.pick())
        if pair not in seen:
            seen.add(pair)
            memberships.append({"person": pair[0], "organisation": pair[1]})
    authorships = [{"person": activity.pick(), "work": i % WORKS} for i in range(AUTHORSHIPS)]
    return {
        "persons": persons,
        "organisations": organisations,
        "works": works,
        "ties": ties,
        "memberships": memberships,
        "authorships": authorships,
    }


def most_tied(data, count):
    """Indexes of the persons with most relations of any kind, most first."""
    degree = [0] * len(data["persons"])
    for tie in data["ties"]:
        degree[tie["subject"]] += 1
        degree[tie["object"]] += 1
    for row in data["memberships"] + data["authorships"]:
        degree[row["person"]] += 1
    return sorted(range(len(degree)), key=lambda i: (-degree[i], i))[:count], degree


if __name__ == "__main__":
    data = generate()
    for key, rows in data.items():
        print(f"{key}: {len(rows):,}")
    print("relations:", len(data["ties"]) + len(data["memberships"]) + len(data["authorships"]))
    top, degree = most_tied(data, 5)
    print("most tied:", [(i, degree[i]) for i in top], "median:", sorted(degree)[len(degree) // 2])
    print(data["persons"][:3])
