"""Merge notices and redirects of merged records (issue 19).

Before: `?merged_from=<id>` on any page displayed a merge notice, forged or after an
undo; a merged record answered a 301 with no cache lifetime, which browsers keep for
good, although a merge can be undone.
"""

from prosopography import services
from prosopography.models import MergeLog

NOTICE = "was merged into this one"


def test_the_merge_notice_comes_from_the_merge_log(client, api_world):  # noqa: F811
    duplicate = api_world["duplicate"]
    target = client.get(f"/persons/{duplicate.pk}/")["Location"]
    assert f"Record {duplicate.pk} {NOTICE}" in client.get(target).content.decode()


def test_a_forged_merged_from_shows_no_notice(client, api_world):  # noqa: F811
    serge, rirette = api_world["serge"], api_world["rirette"]
    for forged in (rirette.pk, serge.pk, 999999):
        page = client.get(f"{serge.get_absolute_url()}?merged_from={forged}").content.decode()
        assert NOTICE not in page, forged
    # A real duplicate, but of another record: no notice on this one.
    page = client.get(
        f"{rirette.get_absolute_url()}?merged_from={api_world['duplicate'].pk}"
    ).content.decode()
    assert NOTICE not in page


def test_no_notice_once_the_merge_is_undone(client, api_world, api_curator):  # noqa: F811
    duplicate, serge = api_world["duplicate"], api_world["serge"]
    services.undo_merge(MergeLog.objects.get(merged_id=duplicate.pk), user=api_curator)
    page = client.get(f"{serge.get_absolute_url()}?merged_from={duplicate.pk}").content.decode()
    assert NOTICE not in page


def test_redirects_of_merged_records_are_cacheable_for_an_hour_only(client, api_world):  # noqa: F811
    duplicate = api_world["duplicate"]
    for url in (
        f"/persons/{duplicate.pk}/",
        f"/persons/{duplicate.pk}/v-serge/",
        f"/api/v1/persons/{duplicate.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 301, url
        assert "max-age=3600" in response["Cache-Control"], url
