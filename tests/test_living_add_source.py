"""Adding a sixth document to a database that already holds (curated) data:
`manage.py add_source` (prosopography/ingest/live.py)."""

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from prosopography.models import (
    Alias,
    CoMention,
    Mention,
    MentionStatus,
    NameType,
    Organisation,
    OrganisationName,
    Person,
    Place,
    Source,
)

DOCUMENT = Path(__file__).parent / "data" / "living_source.txt"
TITLE = "A synthetic memoir"


@pytest.fixture
def curated(make_person, make_place, make_organisation, make_source):
    """A database with data, one record edited by a curator since it was loaded."""
    serge = make_person("Victor Serge", aliases=["Serge"], birth="1890")
    Alias.objects.create(person=serge, name="Kibalchich", type=NameType.BIRTH)
    vlady = make_person("Vlady Kibalchich", aliases=["Vlady", "Kibalchich"])
    serge.description = "Revolutionary, novelist, poet (edited by a curator)."
    serge.save()
    left = make_organisation("Left Opposition")
    OrganisationName.objects.create(organisation=left, name="Opposition de gauche")
    brussels, mexico = make_place("Brussels"), make_place("Mexico")
    CoMention.objects.create(first=serge, second=vlady, weight=2)
    make_source(file_name="000_old.txt")
    return {"serge": serge, "vlady": vlady, "left": left, "brussels": brussels, "mexico": mexico}


def snapshot():
    """Every curated record's values and how many history entries it has."""
    return {
        model.__name__: (list(model.objects.order_by("pk").values()), model.history.count())
        for model in (Person, Alias, Organisation, OrganisationName, Place)
    }


def add(path=DOCUMENT, *extra):
    out = StringIO()
    call_command("add_source", str(path), "--title", TITLE, *extra, stdout=out)
    return out.getvalue()


def test_a_new_document_gets_its_mentions_and_touches_no_curated_record(curated):
    before = snapshot()
    report = add()
    assert snapshot() == before, "no person, organisation or place created, changed or re-historied"

    text = DOCUMENT.read_text(encoding="utf-8")
    source = Source.objects.get(file_name="living_source.txt")
    assert (source.title, source.length) == (TITLE, len(text))
    assert source.checksum == hashlib.sha256(text.encode()).hexdigest()

    mentions = Mention.objects.filter(source=source)
    serge, vlady = curated["serge"], curated["vlady"]
    assert (
        mentions.filter(person=serge).count() == 4
    )  # "Victor Serge" twice, "Serge", "Kibalchich" by context
    assert mentions.filter(person=vlady).count() == 3  # "Vlady" twice, "Kibalchich" by context
    assert mentions.filter(organisation=curated["left"]).count() == 1
    assert mentions.filter(place=curated["mexico"]).count() == 2
    assert mentions.filter(place=curated["brussels"]).count() == 1
    for m in mentions:
        assert text[m.start : m.end] == m.surface
        assert m.surface in m.snippet
    by_context = mentions.get(person=serge, surface="Kibalchich")
    assert by_context.rule == "context-paragraph"

    stranger = mentions.get(status=MentionStatus.UNRESOLVED)
    assert stranger.surface == "Kibalchich" and stranger.person is None
    assert set(stranger.candidates.all()) == {serge, vlady}

    assert CoMention.objects.get(first=serge, second=vlady).weight == 3  # 2 before, one shared paragraph

    entry = Mention.history.filter(id=by_context.pk).get()
    assert entry.history_type == "+"
    assert entry.history_change_reason == f"added from living_source.txt (sha256:{source.checksum[:12]})"
    assert Mention.history.filter(source=source).count() == mentions.count()
    assert source.history.get().history_change_reason == entry.history_change_reason

    assert "Mentions added, unresolved (for the review queue): 1" in report
    assert "Victor Serge" in report.split("Most mentioned")[1]
    assert "No person, organisation, place or work was created or changed." in report


def test_adding_the_same_document_again_changes_nothing(curated):
    add()
    count, history = Mention.objects.count(), Mention.history.count()
    report = add()
    assert "nothing changed" in report
    assert (Mention.objects.count(), Mention.history.count()) == (count, history)
    assert CoMention.objects.get(first=curated["serge"], second=curated["vlady"]).weight == 3


def test_a_changed_text_is_refused_unless_reingested_on_purpose(curated, tmp_path):
    add()
    source = Source.objects.get(file_name="living_source.txt")
    rejected = Mention.objects.get(source=source, surface="Brussels")
    rejected.status = MentionStatus.REJECTED
    rejected.save()
    changed = tmp_path / "living_source.txt"
    changed.write_text("Once more, Victor Serge.\n" + DOCUMENT.read_text(encoding="utf-8"), encoding="utf-8")

    with pytest.raises(CommandError, match="another text"):
        add(changed)
    assert Source.objects.get(pk=source.pk).checksum == source.checksum

    count = Mention.objects.filter(source=source).count()
    report = add(changed, "--reingest")
    assert "source re-ingested" in report
    flagged = Mention.objects.filter(source=source, rule="text-changed")
    assert flagged.count() == count - 1, "every shifted span is flagged, none deleted"
    assert set(flagged.values_list("status", flat=True)) == {MentionStatus.UNRESOLVED}
    assert Mention.objects.get(pk=rejected.pk).status == MentionStatus.REJECTED
    assert Mention.objects.filter(source=source, start=11, person=curated["serge"]).exists(), "a new match"


@pytest.mark.parametrize(
    ("content", "message"),
    [("Victor Serge à Bruxelles".encode("latin-1"), "not UTF-8"), (b"  \n\n", "empty")],
)
def test_a_document_that_is_not_utf8_text_is_refused_with_a_clear_message(
    curated, tmp_path, content, message
):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        add(path)
    assert not Source.objects.filter(file_name="bad.txt").exists()


# ---------------------------------------------------------------- the admin's upload

UPLOAD = "/admin/add-source/"


def upload(client, content, name="living_source.txt", **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"title": TITLE, "description": "", **fields}
    data["document"] = SimpleUploadedFile(name, content, content_type="text/plain")
    return client.post(UPLOAD, data)


def test_a_curator_uploads_a_document_and_reads_the_report(curated, curator_client):
    before = snapshot()
    page = curator_client.get(UPLOAD)
    assert page.status_code == 200
    response = upload(curator_client, DOCUMENT.read_bytes())
    assert response.status_code == 200
    text = response.content.decode()
    assert "Mentions added, unresolved (for the review queue): 1" in text
    assert Mention.objects.filter(source__file_name="living_source.txt").count() == 12
    assert snapshot() == before
    again = upload(curator_client, DOCUMENT.read_bytes()).content.decode()
    assert "nothing changed" in again


@pytest.mark.parametrize(
    ("content", "message"),
    [("Serge à Bruxelles".encode("latin-1"), "not UTF-8"), (b"", "empty")],
)
def test_a_bad_upload_is_refused_with_the_reason(curated, curator_client, content, message):
    response = upload(curator_client, content, name="bad.txt")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Source.objects.filter(file_name="bad.txt").exists()


def test_a_changed_text_upload_is_refused_unless_reingest_is_ticked(curated, curator_client):
    upload(curator_client, DOCUMENT.read_bytes())
    changed = b"Once more, Victor Serge.\n" + DOCUMENT.read_bytes()
    assert "another text" in upload(curator_client, changed).content.decode()
    assert "source re-ingested" in upload(curator_client, changed, reingest="on").content.decode()


def test_only_curators_may_upload(curated, anon_client):
    response = anon_client.get(UPLOAD)
    assert response.status_code == 302 and "/admin/login/" in response.url
    assert upload(anon_client, DOCUMENT.read_bytes()).status_code == 302
    assert not Source.objects.filter(file_name="living_source.txt").exists()
