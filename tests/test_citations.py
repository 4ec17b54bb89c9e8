"""Citation exports: CSL-JSON items from works and editions, BibTeX and RIS that
reference managers can import, and Chicago/MLA/APA references from citeproc-py."""

import datetime
import json

import bibtexparser
import pytest
import rispy
from bibtexparser.bparser import BibTexParser
from bibtexparser.customization import convert_to_unicode
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import path

from bibliography.models import Contribution, Edition, Periodical, Work, WorkRelation
from bibliography.references import (
    citation_key,
    cite_page,
    csl_date,
    editions_for_export,
    format_references,
    to_bibtex,
    to_csl_json,
    to_ris,
    works_for_export,
)
from prosopography.models import Alias, NameType, Organisation, Person, Place

# A stand-in for the reader pages, so that the URL test does not hang on their exact routes.
urlpatterns = [
    path("works/<int:pk>/<slug:slug>/", lambda request, pk, slug: HttpResponse(), name="work-page")
]


def make(model, **fields):
    obj = model(**fields)
    obj.full_clean(exclude=["slug"])
    obj.save()
    return obj


@pytest.fixture
def serge(db):
    person = make(Person, name="Victor Serge", sort_name="Serge, Victor")
    make(Alias, person=person, name="Le Rétif", type=NameType.PSEUDONYM)
    return person


@pytest.fixture
def memoirs(serge):
    """A book with its first French edition and an English translation."""
    work = make(
        Work,
        title="Mémoires d'un révolutionnaire",
        language="fr",
        type="memoir",
        written="1942/1943",
        first_published="1951",
    )
    make(Contribution, person=serge, work=work, role="author")
    seuil = make(Organisation, name="Éditions du Seuil", kind="publisher")
    paris = make(Place, name="Paris")
    first = make(
        Edition, work=work, title=work.title, language="fr", publisher=seuil, place=paris, date="1951"
    )
    english = make(
        Edition,
        work=work,
        title="Memoirs of a Revolutionary",
        language="en",
        date="1963",
        translation_of=first,
    )
    sedgwick = make(Person, name="Peter Sedgwick", sort_name="Sedgwick, Peter")
    make(Contribution, person=sedgwick, edition=english, role="translator")
    return work


@pytest.fixture
def article(serge):
    """An article signed with a pseudonym in an anarchist weekly, date uncertain."""
    anarchie = make(Periodical, title="L'Anarchie", language="fr")
    work = make(
        Work, title="Les bandits & {les autres}", language="fr", type="article", first_published="1936?"
    )
    make(Contribution, person=serge, work=work, role="author", credited_as="Le Rétif")
    make(
        Edition,
        work=work,
        title=work.title,
        language="fr",
        periodical=anarchie,
        date="1936?",
        volume="3",
        issue="12",
        pages="1-2",
    )
    return work


def items_for(*works, **kwargs):
    ids = [w.pk for w in works]
    exported = works_for_export(Work.objects.filter(pk__in=ids))
    by_id = {w.pk: w for w in exported}
    return to_csl_json([by_id[i] for i in ids], **kwargs)


def parse_bibtex(text):
    parser = BibTexParser(common_strings=False)
    parser.customization = convert_to_unicode
    return bibtexparser.loads(text, parser=parser).entries


# ---------------------------------------------------------------- CSL-JSON


def test_book_item_has_names_date_and_publisher(memoirs):
    [item] = items_for(memoirs)
    assert item["id"] == f"work-{memoirs.pk}"
    assert item["type"] == "book"
    assert item["author"] == [{"family": "Serge", "given": "Victor"}]
    assert item["issued"] == {"date-parts": [[1951]]}
    assert item["publisher"] == "Éditions du Seuil"
    assert item["publisher-place"] == "Paris"
    assert item["language"] == "fr"
    json.dumps(item)  # CSL-JSON must be JSON


def test_translation_edition_names_translator_and_keeps_author(memoirs):
    english = editions_for_export(Edition.objects.filter(language="en")).get()
    [item] = to_csl_json([english])
    assert item["id"] == f"edition-{english.pk}"
    assert item["title"] == "Memoirs of a Revolutionary"
    assert item["author"] == [{"family": "Serge", "given": "Victor"}]
    assert item["translator"] == [{"family": "Sedgwick", "given": "Peter"}]
    assert item["original-title"] == "Mémoires d'un révolutionnaire"
    assert item["issued"] == {"date-parts": [[1963]]}


def test_pseudonymous_article_is_credited_under_the_pseudonym(article):
    [item] = items_for(article)
    assert item["type"] == "article-journal"
    assert item["author"] == [{"literal": "Le Rétif"}]
    assert "pseudonym of Victor Serge" in item["note"]
    assert item["container-title"] == "L'Anarchie"
    assert (item["volume"], item["issue"], item["page"]) == ("3", "12", "1-2")


def test_uncertain_date_still_gives_a_year_flagged_circa(article):
    [item] = items_for(article)
    assert item["issued"] == {"date-parts": [[1936]], "circa": True}


def test_credited_initials_keep_the_structured_name_and_a_note(serge):
    work = make(Work, title="Ville conquise", first_published="1932")
    make(Contribution, person=serge, work=work, role="author", credited_as="V. Serge")
    [item] = items_for(work)
    assert item["author"] == [{"family": "Serge", "given": "Victor"}]
    assert "credited as “V. Serge”" in item["note"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1890-12-30", {"date-parts": [[1890, 12, 30]]}),
        ("1933-03", {"date-parts": [[1933, 3]]}),
        ("1912~", {"date-parts": [[1912]], "circa": True}),
        ("1942/1943", {"date-parts": [[1942]], "circa": True}),
        ("193X", {"date-parts": [[1930]], "circa": True}),
        ("", None),
        ("not a date", None),
    ],
)
def test_csl_date_from_edtf(value, expected):
    assert csl_date(value) == expected


def test_unpublished_manuscript_and_chapter_types(serge, memoirs):
    lost = make(Work, title="La Tourmente", type="novel", status="lost", written="1936")
    story = make(Work, title="Le Séisme", type="short_story", first_published="1938")
    make(WorkRelation, subject=story, type="part-of", object=memoirs)
    lost_item, story_item = items_for(lost, story)
    assert lost_item["type"] == "manuscript"
    assert lost_item["note"].startswith("Lost")
    assert lost_item["issued"] == {"date-parts": [[1936]]}
    assert story_item["type"] == "chapter"
    assert story_item["container-title"] == memoirs.title


@pytest.mark.urls(__name__)
def test_url_is_the_permanent_work_page(memoirs, settings):
    settings.ALLOWED_HOSTS = ["serge.example.org"]
    request = RequestFactory().get("/", HTTP_HOST="serge.example.org")
    [item] = items_for(memoirs, request=request)
    assert item["URL"] == f"http://serge.example.org/works/{memoirs.pk}/{memoirs.slug}/"
    [item] = items_for(memoirs, base_url="https://serge.example.org/")
    assert item["URL"] == f"https://serge.example.org/works/{memoirs.pk}/{memoirs.slug}/"


def test_no_url_without_request_or_base_url(memoirs):
    [item] = items_for(memoirs)
    assert "URL" not in item


def test_other_records_are_refused(serge):
    with pytest.raises(TypeError):
        to_csl_json([serge])


# ---------------------------------------------------------------- BibTeX


def test_bibtex_parses_with_the_right_fields(memoirs, article):
    entries = parse_bibtex(to_bibtex(items_for(memoirs, article)))
    book, piece = entries
    assert book["ENTRYTYPE"] == "book"
    assert book["ID"] == f"serge1951memoires-w{memoirs.pk}"
    assert book["author"] == "Serge, Victor"
    assert book["title"] == "Mémoires d'un révolutionnaire"
    assert (book["year"], book["publisher"], book["address"]) == ("1951", "Éditions du Seuil", "Paris")
    assert piece["ENTRYTYPE"] == "article"
    assert piece["journal"] == "L'Anarchie"
    assert (piece["volume"], piece["number"], piece["pages"], piece["year"]) == ("3", "12", "1--2", "1936")


# The inverse of the exporter's escapes, as a LaTeX reader would apply them.
LATEX_TO_TEXT = [
    (r"\textbraceleft{}", "{"),
    (r"\textbraceright{}", "}"),
    (r"\textbackslash{}", "\\"),
    (r"\textasciitilde{}", "~"),
    (r"\textasciicircum{}", "^"),
    (r"\&", "&"),
    (r"\%", "%"),
    (r"\$", "$"),
    (r"\#", "#"),
    (r"\_", "_"),
]


def unlatex(value):
    for latex, text in LATEX_TO_TEXT:
        value = value.replace(latex, text)
    return value


def test_bibtex_special_characters_survive_round_trip(article, serge):
    odd = make(Work, title="Qui a {tué} Trotsky? 100% \\ $5 #1 a_b ~x^y", first_published="1940")
    make(Contribution, person=serge, work=odd, role="author")
    unbalanced = make(Work, title="Une { accolade seule", first_published="1941")
    text = to_bibtex(items_for(article, odd, unbalanced))
    raw = bibtexparser.loads(text).entries  # no decoding: the stored LaTeX
    assert len(raw) == 3  # a lone brace does not swallow the next entry
    assert [unlatex(e["title"][1:-1]) for e in raw] == [article.title, odd.title, unbalanced.title]
    decoded = parse_bibtex(text)[0]  # a standard decoder reads accents and the ampersand
    assert decoded["author"] == "Le Rétif"
    assert decoded["title"].startswith("Les bandits & ")


def test_bibtex_translator_and_unique_keys(memoirs):
    english = editions_for_export(Edition.objects.filter(work=memoirs)).order_by("pk")
    entries = parse_bibtex(to_bibtex(to_csl_json(list(english) + list(english))))
    # Keys end with the record's id; the same record twice in one export (which no
    # API export does) still gets distinct keys.
    first, second = (f"-e{e.pk}" for e in english)
    assert [e["ID"] for e in entries] == [
        f"serge1951memoires{first}",
        f"serge1963memoirs{second}",
        f"serge1951memoires{first}a",
        f"serge1963memoirs{second}a",
    ]
    assert entries[1]["translator"] == "Sedgwick, Peter"


def test_citation_key_without_author_or_date():
    assert citation_key({"title": "The Case of Comrade Tulayev"}) == "anonndcase"


# ---------------------------------------------------------------- RIS


def test_ris_parses_with_rispy(memoirs, article):
    records = rispy.loads(to_ris(items_for(memoirs, article)))
    book, piece = records
    assert book["type_of_reference"] == "BOOK"
    assert book["authors"] == ["Serge, Victor"]
    assert book["year"] == "1951"
    assert book["publisher"] == "Éditions du Seuil"
    assert piece["type_of_reference"] == "JOUR"
    assert piece["authors"] == ["Le Rétif"]
    assert piece["secondary_title"] == "L'Anarchie"
    assert (piece["start_page"], piece["end_page"]) == ("1", "2")


def test_ris_carries_translator(memoirs):
    english = editions_for_export(Edition.objects.filter(language="en"))
    [record] = rispy.loads(to_ris(to_csl_json(english)))
    assert record["subsidiary_authors"] == ["Sedgwick, Peter"]


# ---------------------------------------------------------------- formatted references


@pytest.mark.parametrize("style", ["chicago", "mla", "apa"])
def test_each_style_renders_title_author_and_year(style, memoirs, article):
    english = editions_for_export(Edition.objects.filter(language="en")).get()
    items = items_for(memoirs, article) + to_csl_json([english])
    text = format_references(items, style, output="text")
    assert len(text) == 3
    joined = "\n".join(text)
    for expected in (
        "Mémoires d'un révolutionnaire",
        "Memoirs of a Revolutionary",
        "Serge",
        "Le Rétif",
        "Sedgwick",
        "1951",
        "1936",
        "1963",
        "L'Anarchie",
    ):
        assert expected in joined, (expected, joined)
    html = "\n".join(format_references(items, style))
    assert "<i>" in html and "&#38;" in html  # titles italicised, text escaped


@pytest.mark.parametrize("style", ["chicago", "mla", "apa"])
def test_html_references_escape_record_text(style):
    item = {
        "id": "x",
        "type": "book",
        "title": "<script>alert(1)</script>",
        "author": [{"literal": "<b>Anon</b>"}],
        "issued": {"date-parts": [[1930]]},
    }
    [html] = format_references([item], style)
    assert "<script>" not in html and "<b>" not in html
    assert "&#60;script&#62;" in html
    assert item["title"] == "<script>alert(1)</script>"  # the caller's item is untouched


def test_chicago_keeps_given_names_whole(memoirs):
    [reference] = format_references(items_for(memoirs), "chicago", output="text")
    assert reference.startswith("Serge, Victor. 1951.")


def test_unknown_style_and_output_are_refused(memoirs):
    items = items_for(memoirs)
    with pytest.raises(ValueError):
        format_references(items, "harvard")
    with pytest.raises(ValueError):
        format_references(items, "apa", output="pdf")
    assert format_references([], "apa") == []


# ---------------------------------------------------------------- cite this page


def test_cite_page_gives_every_format_with_url_and_access_date():
    cited = cite_page(
        "Victor Serge (1890–1947)",
        "https://serge.example.org/persons/1/",
        datetime.date(2024, 5, 3),
        "Victor Serge's World",
    )
    for style in ("chicago", "mla", "apa"):
        assert "https://serge.example.org/persons/1/" in cited[style]
        assert "Victor Serge (1890–1947)" in cited[style]
        assert "2024" in cited[style] and "May" in cited[style]
        assert "<i>" in cited["html"][style] or "“" in cited["html"][style]
    [entry] = parse_bibtex(cited["bibtex"])
    assert entry["ENTRYTYPE"] == "misc"
    assert entry["url"] == "https://serge.example.org/persons/1/"
    assert entry["urldate"] == "2024-05-03"
    [record] = rispy.loads(cited["ris"])
    assert record["urls"] == ["https://serge.example.org/persons/1/"]


# ---------------------------------------------------------------- queries


def test_exporting_fifty_works_takes_a_fixed_number_of_queries(django_assert_max_num_queries, serge):
    anarchie = make(Periodical, title="L'Anarchie")
    publisher = make(Organisation, name="Rieder", kind="publisher")
    translator = make(Person, name="Peter Sedgwick")
    for n in range(50):
        work = make(Work, title=f"Work {n}", first_published=str(1920 + n % 20))
        make(Contribution, person=serge, work=work, role="author", credited_as="Le Rétif")
        edition = make(
            Edition,
            work=work,
            title=f"Work {n}",
            date="1930",
            periodical=anarchie if n % 2 else None,
            publisher=None if n % 2 else publisher,
        )
        make(Contribution, person=translator, edition=edition, role="translator")
    with django_assert_max_num_queries(8):
        items = to_csl_json(works_for_export(Work.objects.all()))
        to_bibtex(items)
        to_ris(items)
    assert len(items) == 50
    assert all(item["translator"] and item["author"] == [{"literal": "Le Rétif"}] for item in items)
    with django_assert_max_num_queries(6):
        items = to_csl_json(editions_for_export(Edition.objects.all()))
    assert len(items) == 50


def test_full_dates_reach_bibtex_month_and_ris_date(serge):
    work = make(Work, title="Lettre à André Gide", type="letter", first_published="1936-05-03")
    make(Contribution, person=serge, work=work, role="author")
    [item] = items_for(work)
    assert item["type"] == "personal_communication"  # "letter" is not in the CSL-JSON schema
    [entry] = parse_bibtex(to_bibtex([item]))
    assert (entry["ENTRYTYPE"], entry["year"], entry["month"]) == ("misc", "1936", "5")
    [record] = rispy.loads(to_ris([item]))
    assert (record["type_of_reference"], record["date"]) == ("PCOMM", "1936/05/03")
