"""Rejected (and unresolved) mentions are not counted where a reader reads: the
person's page, the API lists of mentions and their exports (CSV, Web Annotations)
give the same number."""

import csv
import io
import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from prosopography.models import Mention, MentionStatus

API = "/api/v1"


@pytest.fixture
def serge_mentioned(make_person, make_source):
    serge = make_person("Victor Serge")
    source = make_source(length=5000)
    statuses = [MentionStatus.MACHINE] * 3 + [MentionStatus.CONFIRMED, MentionStatus.REJECTED]
    for n, status in enumerate(statuses):
        Mention.objects.create(
            source=source,
            start=n * 100,
            end=n * 100 + 5,
            surface="Serge",
            snippet="… Serge …",
            status=status,
            person=serge,
        )
    Mention.objects.create(
        source=source, start=900, end=905, surface="Serge", snippet="…", status=MentionStatus.UNRESOLVED
    )
    return serge


def page_count(client, person):
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    return response.context["mentions"].paginator.count


def test_page_api_and_exports_agree_on_serges_mentions(client, serge_mentioned):
    api = APIClient()
    expected = 4  # three machine-found, one confirmed; the rejected one is not his
    assert page_count(client, serge_mentioned) == expected

    nested = api.get(f"{API}/persons/{serge_mentioned.pk}/mentions/").json()
    assert nested["count"] == expected

    listed = api.get(f"{API}/mentions/", {"person": serge_mentioned.pk}).json()
    assert listed["count"] == expected
    assert {row["status"] for row in listed["results"]} == {"machine", "confirmed"}

    annotations = json.loads(
        api.get(f"{API}/persons/{serge_mentioned.pk}/mentions/", {"format": "annotation"}).content
    )
    assert annotations["partOf"]["total"] == expected
    assert len(annotations["items"]) == expected

    everything = api.get(f"{API}/mentions/", {"format": "annotation"})
    assert json.loads(everything.content)["partOf"]["total"] == expected  # the unresolved one neither

    rows = list(
        csv.DictReader(
            io.StringIO(api.get(f"{API}/mentions/", {"format": "csv", "all": 1}).getvalue().decode())
        )
    )
    assert len(rows) == expected
    assert "rejected" not in {row["status"] for row in rows}


def test_the_review_queue_still_reads_rejected_and_unresolved_on_request(serge_mentioned):
    api = APIClient()
    rejected = api.get(f"{API}/persons/{serge_mentioned.pk}/mentions/", {"status": "rejected"}).json()
    assert rejected["count"] == 1
    unresolved = api.get(f"{API}/mentions/", {"status": "unresolved"}).json()
    assert unresolved["count"] == 1


def test_a_rejected_mention_is_still_readable_by_its_url(serge_mentioned):
    rejected = Mention.objects.get(status=MentionStatus.REJECTED)
    response = APIClient().get(reverse("mention-detail", args=[rejected.pk]))
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
