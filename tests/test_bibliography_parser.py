"""Tests of the parser of the thesis bibliography (bibliography/thesis/).

They read the thesis from settings.SEEDS_DIR; the source documents are not part
of the repository, so the tests skip when it is absent."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from bibliography.thesis import parse_thesis_bibliography
from bibliography.thesis.gazetteer import publisher_signature
from bibliography.thesis.imprints import CHUNK_RULES, Imprint, read_chunk
from bibliography.thesis.manual import load_manual, manual_entries
from bibliography.thesis.rules import first_rule
from bibliography.thesis.secondary_sources import WORK_KIND_RULES
from bibliography.thesis.text import split_chunks
from common.text import normalize

THESIS = "001_29ff760426a99548.txt"
WORK_TYPES = {
    "novel",
    "history",
    "essay",
    "pamphlet",
    "poem",
    "article",
    "letter",
    "correspondence",
    "diary",
    "memoir",
    "biography",
    "thesis",
    "review",
    "translation",
    "manuscript",
    "short_story",
    "collection",
    "series",
    "book",
    "other",
}
ROLES = {
    "author",
    "co-author",
    "translator",
    "editor",
    "preface",
    "introduction",
    "illustrator",
    "sender",
    "recipient",
    "credited",
}


@pytest.fixture(scope="module")
def text():
    path = Path(settings.SEEDS_DIR) / THESIS
    if not path.exists():
        pytest.skip(f"The thesis {THESIS} is not in SEEDS_DIR ({settings.SEEDS_DIR}); set SERGE_SEEDS_DIR.")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(text):
    return parse_thesis_bibliography(text)


def section_lines(text, start, end):
    """Lines of the bibliography between two headings (counted here independently of the parser)."""
    lines = text.splitlines()
    first = max(i for i, line in enumerate(lines) if line.strip() == "BIBLIOGRAPHY")
    begin = next(i for i in range(first, len(lines)) if lines[i].strip().startswith(start))
    stop = (
        next((i for i in range(begin + 1, len(lines)) if lines[i].strip().startswith(end)), len(lines))
        if end
        else len(lines)
    )
    return [line.strip() for line in lines[begin + 1 : stop] if line.strip()]


def expected_counts(text):
    numbered = lambda lines: len({m.group(1) for line in lines if (m := re.match(r"^(\d{1,2})\.\s", line))})  # noqa: E731
    counts = {
        "I.A": numbered(section_lines(text, "A. Works on History", "B. Novels")),
        "I.B": numbered(section_lines(text, "B. Novels", "C. Poetry")),
        "I.C": numbered(section_lines(text, "C. Poetry", "D. Published")),
        "I.D": numbered(section_lines(text, "D. Published", "E. Unpublished")),
        "I.E": numbered(section_lines(text, "E. Unpublished", "F. Works Confiscated")),
        "I.F": numbered(section_lines(text, "F. Works Confiscated", "G. Translations")),
        "I.G": sum(
            bool(re.match(r"^-?\s*[a-g]\.\s", line))
            for line in section_lines(text, "G. Translations", "H. Unpublished")
        ),
        "III": numbered(section_lines(text, "III. Intelligence", "IV. Secondary")),
        "II": len(section_lines(text, "II. Interviews", "III. Intelligence")),
        "IV.B": len(section_lines(text, "B. Articles, Reviews", "C. Secondary Sources")),
        "IV.C": len(section_lines(text, "C. Secondary Sources", None)),
    }
    # manuscripts: blank-line separated paragraphs, less the introductory one
    lines = text.splitlines()
    begin = next(i for i, line in enumerate(lines) if line.startswith("H. Unpublished manuscripts"))
    end = next(i for i, line in enumerate(lines) if line.startswith("I. Journalism"))
    block = "\n".join(lines[begin + 1 : end])
    counts["I.H"] = len([p for p in re.split(r"\n\s*\n", block) if p.strip()]) - 1
    # journalism: every line holding a quoted title, a dash item, or an untitled "R. Albert" item,
    # less the one page-broken line ("p. 12.") that continues the previous entry
    journalism = section_lines(text, "I. Journalism", "II. Interviews")
    counts["I.I"] = sum(
        ('"' in line or line.startswith("-") or line.startswith("R. Albert")) for line in journalism
    )
    return counts


def test_counts_per_section_match_the_document(text, parsed):
    report = {s["section"]: s for s in parsed.report["sections"]}
    for section, count in expected_counts(text).items():
        assert report[section]["entries"] == count, section
    assert report["IV.A"]["entries"] == 3
    for stats in report.values():
        assert stats["parsed"] + stats["curated"] == stats["entries"], stats
    assert parsed.report["unparsed"] == []
    assert len(report) == 14


def test_keys_are_unique_and_references_resolve(parsed):
    for name in ("works", "editions", "periodicals", "persons", "organisations", "places"):
        keys = [r["key"] for r in getattr(parsed, name)]
        assert len(keys) == len(set(keys)), name
    works = {w["key"] for w in parsed.works}
    editions = {e["key"] for e in parsed.editions}
    persons = {p["key"] for p in parsed.persons}
    organisations = {o["key"] for o in parsed.organisations}
    places = {p["key"] for p in parsed.places}
    periodicals = {p["key"] for p in parsed.periodicals}
    for edition in parsed.editions:
        assert edition["work"] in works
        assert edition["translation_of"] in editions | {None}
        assert edition["publisher"] in organisations | {None}
        assert edition["place"] in places | {None}
        assert edition["periodical"] in periodicals | {None}
    for contribution in parsed.contributions:
        assert contribution["person"] in persons
        assert contribution["role"] in ROLES
        assert bool(contribution["work"]) != bool(contribution["edition"])
        assert contribution["work"] in works | {None}
        assert contribution["edition"] in editions | {None}
    for relation in parsed.work_relations:
        assert relation["subject"] in works and relation["object"] in works
    for holding in parsed.holdings:
        assert holding["work"] in works and holding["repository"] in organisations
    for work in parsed.works:
        assert work["type"] in WORK_TYPES
        assert work["status"] in {"published", "unpublished", "confiscated", "lost"}
        assert set(work["about"]) <= persons


def test_parsing_twice_gives_equal_output(text, parsed):
    assert parse_thesis_bibliography(text) == parsed


def work(parsed, key):
    return next(w for w in parsed.works if w["key"] == key)


def editions_of(parsed, key):
    return [e for e in parsed.editions if e["work"] == key]


def contributions_to(parsed, work_key=None, edition_key=None):
    return [
        c
        for c in parsed.contributions
        if (work_key and c["work"] == work_key) or (edition_key and c["edition"] == edition_key)
    ]


def test_pamphlet_signed_le_retif(parsed):
    w = work(parsed, "serge-contre-la-faim")
    assert (w["section"], w["entry"], w["first_published"]) == ("I.A", "1", "1911")
    [edition] = editions_of(parsed, w["key"])
    assert (edition["place"], edition["date"]) == ("paris", "1911")
    credited = contributions_to(parsed, edition_key=edition["key"])
    assert any(c["person"] == "serge-victor" and c["credited_as"] == "Le Retif" for c in credited)


def test_soviets_1929_published_under_istrati(parsed):
    w = work(parsed, "serge-soviets-1929")
    [edition] = editions_of(parsed, w["key"])
    assert (edition["publisher"], edition["place"], edition["date"]) == ("editions-rieder", "paris", "1929")
    roles = {(c["person"], c["role"]) for c in contributions_to(parsed, w["key"], edition["key"])}
    assert ("istrati-panait", "credited") in roles and ("serge-victor", "author") in roles


def test_translations_are_editions_with_translators(parsed):
    originals = editions_of(parsed, "serge-les-hommes-dans-la-prison")
    french = next(e for e in originals if e["language"] == "fr")
    assert (french["publisher"], french["date"]) == ("editions-rieder", "1930")
    english = [e for e in originals if e["language"] == "en"]
    assert {e["date"] for e in english} == {"1969", "1970", "1978"}
    assert all(e["title"] == "Men in Prison" and e["translation_of"] == french["key"] for e in english)
    doubleday = next(e for e in english if e["date"] == "1969")
    assert (doubleday["publisher"], doubleday["place"]) == ("doubleday", "new-york")
    assert {
        c["person"]
        for c in contributions_to(parsed, edition_key=doubleday["key"])
        if c["role"] == "translator"
    } == {"greeman-richard"}
    repression = editions_of(parsed, "serge-les-coulisses-dune-surete-generale-lokhrana")
    assert {e["title"] for e in repression} >= {
        "Ce que tout revolutionnaire doit savoir de la repression",
        "What Everyone Should Know About State Repression",
    }


def test_periodical_editions_of_books(parsed):
    [edition] = editions_of(parsed, "serge-meditation-sur-lanarchie")
    assert (edition["periodical"], edition["issue"], edition["date"]) == ("esprit", "55", "1937-04")


def test_journalism_articles(parsed):
    notes = [w for w in parsed.works if w["title"] == "Notes d'Allemagne" and w["entry"] != "series"]
    assert len(notes) >= 20 and all(w["type"] == "article" for w in notes)
    first = next(e for e in parsed.editions if e["work"] == "serge-notes-dallemagne")
    assert (first["periodical"], first["issue"], first["date"], first["pages"]) == (
        "bulletin-communiste",
        "41",
        "1923-10-11",
        "625-631",
    )
    assert any(c["credited_as"] == "R. Albert" for c in contributions_to(parsed, edition_key=first["key"]))
    [leader] = editions_of(parsed, "serge-in-defense-of-andre-gide")
    assert (leader["periodical"], leader["volume"], leader["issue"], leader["date"], leader["pages"]) == (
        "new-leader",
        "XXVII",
        "49",
        "1944-12-02",
        "12-13",
    )


def test_series_with_ordered_parts(parsed):
    series = work(parsed, "serge-la-lutte-des-classes-dans-la-revolution-chinoise")
    assert series["type"] == "series"
    parts = sorted(
        (r["order"], r["subject"])
        for r in parsed.work_relations
        if r["object"] == series["key"] and r["type"] == "part-of"
    )
    assert [order for order, _ in parts] == [1, 2, 3, 4, 5, 6]
    assert parts[0][1] == "serge-la-lutte-des-classes-dans-la-revolution-chinoise-i"
    notes = next(w for w in parsed.works if w["type"] == "series" and w["title"] == "Notes d'Allemagne")
    assert sum(r["object"] == notes["key"] for r in parsed.work_relations) >= 20


def test_correspondence_and_holdings(parsed):
    sedov = work(parsed, "serge-correspondence-with-leon-lyovich-sedov")
    assert (sedov["status"], sedov["written"]) == ("unpublished", "1936/1938")
    roles = {(c["person"], c["role"]) for c in contributions_to(parsed, sedov["key"])}
    assert {("serge-victor", "sender"), ("sedov-leon", "recipient")} <= roles
    [holding] = [h for h in parsed.holdings if h["work"] == sedov["key"]]
    assert (holding["repository"], holding["item_count"]) == ("hoover-institution-archives", 75)
    barbusse = work(parsed, "serge-correspondence-with-henri-barbusse")
    assert editions_of(parsed, barbusse["key"])[0]["periodical"] == "les-humbles"
    fry = next(w for w in parsed.works if w["section"] == "I.E" and "Fry" in w["title"])
    [holding] = [h for h in parsed.holdings if h["work"] == fry["key"]]
    assert (holding["repository"], holding["item_count"]) == ("serge-archive-mexico", 5)


def test_confiscated_and_unpublished(parsed):
    assert work(parsed, "serge-les-hommes-perdus")["status"] == "confiscated"
    tourmente = work(parsed, "serge-la-tourmente")
    assert {
        "subject": tourmente["key"],
        "type": "sequel-to",
        "object": "serge-ville-conquise",
        "order": 0,
    } in parsed.work_relations
    manuscripts = [w for w in parsed.works if w["section"] == "I.H"]
    assert manuscripts and all(w["status"] == "unpublished" for w in manuscripts)
    laski = next(w for w in manuscripts if w["title"].startswith("Letter to Harold Laski"))
    assert laski["type"] == "letter" and laski["written"] == "1943-08-06"
    assert ("laski-harold", "recipient") in {
        (c["person"], c["role"]) for c in contributions_to(parsed, laski["key"])
    }


def test_serge_translations_of_others(parsed):
    cement = work(parsed, "gladkov-fyodor-le-ciment")
    assert ("gladkov-fyodor", "author") in {
        (c["person"], c["role"]) for c in contributions_to(parsed, cement["key"])
    }
    first = editions_of(parsed, cement["key"])[0]
    assert (first["publisher"], first["date"], first["language"]) == (
        "editions-sociales-internationales",
        "1928",
        "fr",
    )
    assert ("serge-victor", "translator") in {
        (c["person"], c["role"]) for c in contributions_to(parsed, edition_key=first["key"])
    }


def test_works_by_others(parsed):
    thesis = work(parsed, "greeman-richard-victor-serge-the-making-of-a-novelist-1890-1928")
    assert (thesis["type"], thesis["status"], thesis["about"]) == ("thesis", "unpublished", ["serge-victor"])
    wilson = work(parsed, "wilson-edmund-russia-escape-from-propaganda")
    assert wilson["first_published"] == "1937-11-13"
    assert any(r["subject"] == wilson["key"] and r["type"] == "review-of" for r in parsed.work_relations)
    poretsky = work(parsed, "poretsky-elisabeth-our-own-people")
    assert poretsky["about"] == []
    [edition] = editions_of(parsed, poretsky["key"])
    assert (edition["date"], edition["place"]) == ("1969", "ann-arbor")
    persons = {p["key"] for p in parsed.persons}
    assert {
        "serge-victor",
        "trotsky-leon",
        "greeman-richard",
        "sedgwick-peter",
        "weissman-susan",
        "macdonald-dwight",
        "souvarine-boris",
        "paz-magdeleine",
    } <= persons


def secondary_sources(text):
    """The entries of IV.C, one a line, read here independently of the parser."""
    return section_lines(text, "C. Secondary Sources", None)


def test_titles_with_commas_are_whole(text, parsed):
    """A title whose subtitle follows a comma is kept whole; what follows it is the imprint."""
    berger = work(parsed, "berger-john-the-look-of-things")
    assert berger["title"] == "The Look of Things, Selected Essays and Articles"
    [edition] = editions_of(parsed, berger["key"])
    assert (edition["title"], edition["publisher"], edition["place"], edition["date"], edition["note"]) == (
        "The Look of Things, Selected Essays and Articles",
        "penguin-books",
        "harmondsworth",
        "1972",
        "",
    )
    line = next(line for line in secondary_sources(text) if line.startswith("Berger, John,"))
    assert line == f"Berger, John, {berger['title']}, Harmondsworth, Penguin Books, 1972."
    # a span of years is part of the title; the key stays the one the short title gave
    assert (
        work(parsed, "deutscher-isaac-the-prophet-armed")["title"] == "The Prophet Armed, Trotsky: 1879-1921"
    )
    [cultural] = editions_of(parsed, "fitzpatrick-sheila-cultural-revolution-in-russia")
    assert (cultural["title"], cultural["date"], cultural["place"]) == (
        "Cultural Revolution in Russia, 1928-1931",
        "1978",
        "bloomington",
    )
    # a glued place or parenthesis is not part of the title
    assert work(parsed, "krivitsky-walter-in-stalins-secret-service")["title"] == "In Stalin's Secret Service"
    assert work(parsed, "claudin-fernando-the-communist-movement")["title"] == "The Communist Movement"
    # the author's name repeated after the title is neither title nor note
    [fry] = editions_of(parsed, "fry-varian-surrender-on-demand")
    assert (fry["title"], fry["publisher"], fry["note"]) == ("Surrender on Demand", "random-house", "")


def test_no_title_of_section_iv_c_is_cut(text, parsed):
    """Round trip over every entry of IV.C the parser reads: its title is printed in the
    entry, and the chunk printed right after the title is not an edition's note."""
    curated = {entry for section, entry in manual_entries(load_manual()) if section == "IV.C"}
    lines = dict(enumerate(secondary_sources(text), 1))
    checked = 0
    for w in parsed.works:
        if w["section"] != "IV.C" or w["entry"] in curated or w["title"] == "Testimony":
            continue  # "Testimony, Scope of Soviet Activity ...": a kind of text, then where it is
        line = re.sub(r"~~[^~]*~~\s*", "", lines[int(w["entry"])].lstrip("- "))
        assert normalize(w["title"]) in normalize(line), (w["entry"], w["title"])
        after = line[line.find(w["title"]) + len(w["title"]) :] if w["title"] in line else ""
        following = [
            c for c in split_chunks(after.lstrip('",'))[:1] if not re.search(r"^\(|^\d|[Vv]olumes", c)
        ]
        notes = {n for e in editions_of(parsed, w["key"]) for n in e["note"].split("; ") if n}
        assert not set(following) & notes, (w["entry"], w["title"], following)
        checked += 1
    assert checked > 150


def test_one_key_per_publisher(parsed):
    publishers = [o for o in parsed.organisations if o["kind"] == "publisher"]
    signatures = {}
    for org in publishers:
        signatures.setdefault(publisher_signature(org["name"]), []).append(org["key"])
    assert {s: keys for s, keys in signatures.items() if len(keys) > 1} == {}
    keys = {o["key"] for o in publishers}
    # the key kept is the one with the lower permanent id
    assert {"thames-and-hudson", "editions-de-minuit", "editions-rieder", "monthly-review-press"} <= keys
    assert (
        not {"thames-hudson", "ed-de-minuit", "rieder", "grasset", "monthly-review", "w-w-norton-company"}
        & keys
    )
    [avrich] = editions_of(parsed, "avrich-paul-anarchists-in-the-russian-revolution")
    [bettelheim] = editions_of(parsed, "bettelheim-bruno-the-informed-heart")
    assert avrich["publisher"] == bettelheim["publisher"] == "thames-and-hudson"
    broue = [
        e
        for w in ("le-parti-bolchevique", "revolution-en-allemagne", "le-revolution-et-la-guerre-eespagne")
        for e in editions_of(parsed, f"broue-pierre-{w}")
    ]
    assert [e["publisher"] for e in broue] == ["editions-de-minuit"] * 3


def test_forthcoming_article_in_critique(parsed):
    wald = work(parsed, "wald-alan-victor-serge-and-the-new-york-anti-stalinist-left-1937-47")
    assert (wald["status"], wald["written"], wald["first_published"]) == ("unpublished", "1986", "")
    [edition] = editions_of(parsed, wald["key"])
    assert (edition["periodical"], edition["date"], edition["note"]) == ("critique", "", "forthcoming; 34 pp")
    pages = work(parsed, "pages-pelai-victor-serge-y-la-guerra-civil-espanola")
    assert editions_of(parsed, pages["key"])[0]["periodical"] == "critique"


def test_periodicals_are_periodicals(parsed):
    """No periodical named by a number, a person, a remark or a book."""
    keys = {p["key"] for p in parsed.periodicals}
    persons = {p["key"] for p in parsed.persons} | {"attilio-chitarin"}
    assert not {k for k in keys if re.fullmatch(r"[\d-]+", k) or re.search(r"-\d+$", k)}
    assert not keys & persons
    assert not {k for k in keys if re.search(r"unpublished|forthcoming|review-of|interview|treatment", k)}
    assert not keys & {"their-morals-and-ours", "gorbachevs-ussr-is-stalinism-dead", "no-37", "now-london"}
    for edition in parsed.editions:
        assert edition["title"], edition["key"]
    [mandel] = editions_of(parsed, "mandel-ernest-in-defence-of-socialist-planning")
    assert (mandel["periodical"], mandel["issue"]) == ("new-left-review", "159")
    [chapter] = editions_of(parsed, "trotsky-leon-the-moralists-and-sycophants-against-marxism")
    assert (chapter["periodical"], chapter["publisher"], chapter["note"]) == (
        None,
        "merit-publishers",
        "In Their Morals and Ours",
    )


# ---------------------------------------------------------------- single rules, without the thesis
def chunk_rule(name):
    [rule] = [r for r in CHUNK_RULES if r.name == name]
    return rule


def test_rule_reprint_notes_the_remark_and_who_introduced_it():
    imprint = Imprint()
    assert chunk_rule("reprint").apply("reprinted with an introduction by Peter Sedgwick", imprint)
    assert imprint.remarks == ["reprinted with an introduction by Peter Sedgwick"]
    assert imprint.editors == [("Peter Sedgwick", "introduction")]


def test_rule_bare_issue_only_after_a_periodical():
    assert not chunk_rule("bare issue").apply("8", Imprint())
    imprint = Imprint(periodical="Tri-Quarterly")
    assert chunk_rule("bare issue").apply("8", imprint)
    assert (imprint.issue, imprint.bare_issue) == ("8", True)
    assert not chunk_rule("bare issue").apply("1986", Imprint(periodical="Critique"))


def test_rule_series_number_gives_way_to_a_publisher():
    rule = chunk_rule("series number")
    imprint = Imprint()
    assert rule.apply("Cahiers Leon Trotsky, no. 3", imprint)
    assert imprint.series == "Cahiers Leon Trotsky, no. 3"
    assert not rule.apply("Cahiers Leon Trotsky, no. 3", Imprint(publisher="Maspero"))


def test_rule_noise_drops_a_state_only_after_a_town():
    assert chunk_rule("noise").apply("Inc", Imprint())
    assert not chunk_rule("noise").apply("Mass", Imprint())
    assert chunk_rule("noise").apply("Mass", Imprint(place="Lexington"))


def test_first_rule_tries_the_table_in_order():
    imprint = Imprint()
    assert first_rule(CHUNK_RULES, "16:123-140", imprint).name == "volume and pages"
    assert (imprint.volume, imprint.pages) == ("16", "123-140")
    assert first_rule(CHUNK_RULES, "Gallimard", Imprint()) is None


def test_read_chunk_takes_issue_and_date_then_names_the_periodical():
    imprint = Imprint()
    read_chunk("in Esprit No. 3 janvier 1948", imprint)
    assert (imprint.periodical, imprint.issue, imprint.date) == ("Esprit", "3", "1948-01")


def test_work_kind_rules_put_a_thesis_before_a_review():
    def kind(text):
        return next((name for name, pattern in WORK_KIND_RULES if pattern.search(text.lower())), None)

    assert kind("A thesis, reviewed by ...") == "thesis"
    assert kind("(review of Memoirs of a Revolutionary)") == "review"
    assert kind("Journal de Russie, 1928") == "memoir"
    assert kind("Gallimard, 1951") is None
