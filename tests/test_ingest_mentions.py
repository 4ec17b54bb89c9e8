"""The matcher on the cases of issue 10: bare forenames and initials never resolve
on their own; glued footnote digits are word boundaries."""

from prosopography.ingest import curated, mentions


def person(key, name, *forms):
    return key, {"key": key, "name": name, "names": [{"name": f, "type": t} for f, t in forms]}


def world():
    w = curated.World()
    w.persons = dict(
        [
            person("breton-andre", "Andre Breton", ("Breton", "surname"), ("Andre", "variant")),
            person("gide-andre", "Andre Gide", ("Gide", "surname")),
            person("ehrenburg-ilya", "Ilya Ehrenburg", ("Ehrenburg", "surname"), ("E.", "initials")),
            person("kibalchich-vlady", "Vlady Kibalchich", ("Vlady", "nickname"), ("Vladimir", "variant")),
            person("lenin-vladimir", "Vladimir Lenin", ("Lenin", "surname")),
            person("smith-andrew", "Andrew Smith", ("Smith", "surname")),
            person("naville-pierre", "Pierre Naville", ("Naville", "surname")),
            person("serge-victor", "Victor Serge", ("Serge", "surname"), ("Victor", "variant")),
            person("alba-victor", "Victor Alba", ("Alba", "surname")),
        ]
    )
    return w


def resolved(text):
    index = mentions.build_index(world(), {"doc.txt": text})
    return [
        (m.surface, m.target[1] if m.target else None, m.rule)
        for m in mentions.resolve(mentions.find("doc.txt", text, index))
    ]


def test_bare_forenames_and_initials_need_context():
    assert {"Andre", "Vladimir", "Victor", "E."} <= mentions.context_only_forms(world())
    assert "Vlady" not in mentions.context_only_forms(world())  # only his own name begins so


def test_andre_zhidu_is_not_breton():
    assert resolved("In Russian, Gide was Andre Zhidu to them.") == [
        ("Gide", "gide-andre", "unique-form"),
        ("Andre", None, "needs-context"),
    ]


def test_a_bare_forename_alone_stays_unresolved():
    assert resolved("Then Andre came in.") == [("Andre", None, "needs-context")]


def test_a_bare_forename_resolves_with_its_person_named_nearby():
    assert resolved("Breton was there. Later Andre came in.") == [
        ("Breton", "breton-andre", "unique-form"),
        ("Andre", "breton-andre", "context-paragraph"),
    ]


def test_vladimir_illitch_is_not_vlady():
    found = resolved("Vlady drew. Vladimir Illitch spoke.")
    assert found[1] == ("Vladimir", None, "needs-context")


def test_initials_inside_an_abbreviation_are_no_mention():
    assert resolved("Under the N.E.P. the markets opened.") == []


def test_initials_alone_need_context():
    assert resolved("A letter from E. came.") == [("E.", None, "needs-context")]
    assert resolved("Ehrenburg wrote; E. came.")[1] == ("E.", "ehrenburg-ilya", "context-paragraph")


def test_superscript_footnote_digits_are_word_boundaries():
    assert resolved("workers struck ⁸⁸Andrew Smith, a worker") == [
        ("Andrew Smith", "smith-andrew", "unique-form")
    ]
    assert resolved("as Naville¹³¹ said") == [("Naville", "naville-pierre", "unique-form")]
    assert resolved("as Naville131 said") == [("Naville", "naville-pierre", "unique-form")]


def test_glued_letters_are_still_no_boundary():
    assert resolved("the Navillest of them") == []
