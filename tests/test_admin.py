"""The curators' admin: every page loads for a curator and is closed to everyone
else; bad input is refused with a message and nothing saved; search finds a
person under any name form; duplicates are merged, never deleted."""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from bibliography.models import Contribution
from prosopography import services
from prosopography.models import (
    Alias,
    Citation,
    Event,
    EventParticipant,
    Membership,
    Mention,
    MentionStatus,
    MergeLog,
    NameType,
    Person,
    Relationship,
    Source,
)

# Admin pages of records (the reconciliation upload page is a tool, with no records:
# tests/test_reconcile.py opens it).
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.managed and not model._meta.proxy),
    key=lambda model: model._meta.label,
)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# ---------------------------------------------------------------- every page loads


def test_world_covers_every_registered_model(world):
    """The smoke tests below open one object of each registered model: a model
    registered without an instance in the `world` fixture would go untested."""
    missing = [model._meta.label for model in REGISTERED if model not in world]
    assert not missing, f"add an instance of {missing} to the world fixture"


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_admin_pages_load_for_curator(curator_client, world, model):
    response = curator_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    changelist = response.context["cl"]
    obj = world[model]
    assert obj.pk in {row.pk for row in changelist.result_list}

    if response.context["has_add_permission"]:
        assert curator_client.get(admin_url(model, "add")).status_code == 200

    # The changelist's own link to the object (TokenAdmin, for one, links by user id).
    response = curator_client.get(changelist.url_for_result(obj))
    assert response.status_code == 200
    assert response.context["original"] == obj


def test_admin_pages_redirect_anonymous_to_login(anon_client, world):
    login = reverse("admin:login")
    for model in REGISTERED:
        for url in (
            admin_url(model, "changelist"),
            admin_url(model, "add"),
            admin_url(model, "change", world[model].pk),
        ):
            response = anon_client.get(url)
            assert response.status_code == 302, url
            assert response.url == f"{login}?next={url}", url
    response = anon_client.get(admin_url(Person, "changelist"), follow=True)
    assert response.templates[0].name == "admin/login.html"
    assert "Victor Serge" not in response.content.decode()


def test_staff_without_permissions_cannot_read_records(client, django_user_model, world):
    clerk = django_user_model.objects.create_user(username="clerk", password="pw-clerk-12345", is_staff=True)
    client.force_login(clerk)
    assert client.get(admin_url(Person, "changelist")).status_code == 403
    assert client.get(admin_url(Person, "change", world[Person].pk)).status_code == 403


def test_person_changelist_query_count_does_not_grow_with_rows(
    curator_client, make_person, django_assert_max_num_queries
):
    for i in range(30):
        make_person(f"Person {i}", aliases=[f"Alias {i}", f"Other alias {i}"])
    with django_assert_max_num_queries(6):  # 5 today: session, user, count, count, rows
        response = curator_client.get(admin_url(Person, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 30


# ---------------------------------------------------------------- validation in the admin


def post_add(client, form_data, model, **values):
    """Open the add page, fill it in with `values`, submit it."""
    page = client.get(admin_url(model, "add"))
    assert page.status_code == 200
    return client.post(admin_url(model, "add"), form_data(page, **values))


def form_errors(response):
    assert response.status_code == 200, "the form should be shown again, with its errors"
    form = response.context["adminform"].form
    return form.errors


@pytest.mark.parametrize("value", ["1912-13-45", "around 1930", "1912-02-30", "30/12/1890"])
def test_admin_refuses_malformed_birth_date(curator_client, admin_form_data, value):
    response = post_add(curator_client, admin_form_data, Person, name="Victor Serge", birth=value)
    errors = form_errors(response)
    assert list(errors) == ["birth"]
    assert "is not a valid EDTF date" in errors["birth"][0]
    assert "not a valid EDTF date" in response.content.decode()
    assert not Person.objects.exists()


def test_admin_adds_person_with_uncertain_birth(curator_client, admin_form_data, make_source):
    # A date typed by hand comes with a cited reading of it (tests/test_curators.py).
    source = make_source(length=100)
    citation = Citation.objects.create(source=source, quote="born in 1890", locator="p. 1")
    response = post_add(
        curator_client,
        admin_form_data,
        Person,
        name="Victor Serge",
        birth="1890?",
        **{
            "aliases-TOTAL_FORMS": "1",
            "aliases-0-name": "Le Rétif",
            "aliases-0-type": NameType.PSEUDONYM,
            "claims-TOTAL_FORMS": "1",
            "claims-0-attribute": "birth_date",
            "claims-0-date": "1890?",
            "claims-0-certainty": "certain",
            "claims-0-rank": "normal",
            "claims-0-citations": [str(citation.pk)],
        },
    )
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.birth, str(person.birth_lower), str(person.birth_upper)) == (
        "1890?",
        "1890-01-01",
        "1890-12-31",
    )
    assert [a.normalized for a in person.aliases.all()] == ["le retif"]


def test_admin_refuses_relationship_with_oneself(curator_client, admin_form_data, make_person, rel_type):
    serge = make_person()
    response = post_add(
        curator_client,
        admin_form_data,
        Relationship,
        subject=serge.pk,
        type=rel_type("comrade").pk,
        object=serge.pk,
    )
    errors = form_errors(response)
    assert "A person cannot have a relationship with themself." in errors["__all__"]
    assert "cannot have a relationship with themself" in response.content.decode()
    assert not Relationship.objects.exists()


def test_admin_refuses_relationship_ending_before_it_starts(
    curator_client, admin_form_data, make_person, rel_type
):
    response = post_add(
        curator_client,
        admin_form_data,
        Relationship,
        subject=make_person("A B").pk,
        type=rel_type("spouse").pk,
        object=make_person("C D").pk,
        start="1930",
        end="1920-05",
    )
    assert form_errors(response)["end"] == ["The end date lies before the start date."]
    assert not Relationship.objects.exists()


def test_admin_refuses_membership_ending_before_it_starts(
    curator_client, admin_form_data, make_person, make_organisation
):
    response = post_add(
        curator_client,
        admin_form_data,
        Membership,
        person=make_person().pk,
        organisation=make_organisation().pk,
        role="member",
        start="1923",
        end="1919/1920",
    )
    assert form_errors(response)["end"] == ["The end date lies before the start date."]
    assert "The end date lies before the start date." in response.content.decode()
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    "start, end, surface, field, message",
    [
        (90, 120, "x" * 30, "end", "past the end of the source (100 characters)"),
        (40, 40, "x", "end", "The end offset must come after the start offset."),
        (50, 40, "x", "end", "The end offset must come after the start offset."),
        (10, 15, "Serge Victor", "surface", "The surface text must be exactly the span's length."),
    ],
)
def test_admin_refuses_mention_outside_its_source(
    curator_client, admin_form_data, make_source, make_person, start, end, surface, field, message
):
    source = make_source(length=100)
    response = post_add(
        curator_client,
        admin_form_data,
        Mention,
        source=source.pk,
        start=start,
        end=end,
        surface=surface,
        snippet="…",
        status=MentionStatus.CONFIRMED,
        person=make_person().pk,
    )
    errors = form_errors(response)
    assert any(message in error for error in errors[field]), errors
    assert not Mention.objects.exists()


def test_admin_adds_mention_within_its_source(curator_client, admin_form_data, make_source, make_person):
    source = make_source(length=100)
    response = post_add(
        curator_client,
        admin_form_data,
        Mention,
        source=source.pk,
        start=10,
        end=15,
        surface="Serge",
        snippet="… Serge …",
        status=MentionStatus.CONFIRMED,
        person=make_person().pk,
    )
    assert response.status_code == 302
    mention = Mention.objects.get()
    assert (mention.source, mention.start, mention.end) == (source, 10, 15)


def test_admin_keeps_machine_found_span_read_only(curator_client, world):
    """Curators confirm or reject what the pipeline found; the span itself is not theirs to edit."""
    mention = world[Mention]
    response = curator_client.get(admin_url(Mention, "change", mention.pk))
    fields = response.context["adminform"].form.fields
    assert not {"source", "start", "end", "surface"} & set(fields)
    assert {"status", "person"} <= set(fields)


def test_admin_adds_source(curator_client, admin_form_data):
    response = post_add(
        curator_client,
        admin_form_data,
        Source,
        file_name="diary.txt",
        title="Diary",
        checksum="b" * 64,
        length="5000",
    )
    assert response.status_code == 302
    assert Source.objects.get().length == 5000


# ---------------------------------------------------------------- search by name form


@pytest.mark.parametrize("query", ["maitrejean", "MAITREJEAN", "Maîtrejean", "maîtr", "estorges"])
def test_search_finds_person_by_alias_ignoring_accents_and_case(curator_client, make_person, query):
    rirette = make_person("Rirette", aliases=["Maîtrejean", "Anna Estorgès"])
    make_person("Victor Serge", aliases=["Le Rétif"])
    response = curator_client.get(admin_url(Person, "changelist"), {"q": query})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [rirette]


@pytest.mark.parametrize("query", ["le retif", "Le Retif", "LE RÉTIF", "retif"])
def test_search_finds_pseudonym_in_any_spelling(curator_client, make_person, query):
    serge = make_person("Victor Serge", aliases=["Le Rétif", "Kibaltchiche"])
    make_person("Rirette", aliases=["Maîtrejean"])
    response = curator_client.get(admin_url(Person, "changelist"), {"q": query})
    assert list(response.context["cl"].result_list) == [serge]
    assert "Victor Serge" in response.content.decode()


def test_search_lists_a_person_once_however_many_aliases_match(curator_client, make_person):
    serge = make_person("Victor Serge", aliases=["Le Rétif", "le retif", "LE RETIF"])
    response = curator_client.get(admin_url(Person, "changelist"), {"q": "retif"})
    assert list(response.context["cl"].result_list) == [serge]
    assert response.context["cl"].result_count == 1


def test_search_by_id(curator_client, make_person):
    make_person("Rirette")
    serge = make_person("Victor Serge")
    response = curator_client.get(admin_url(Person, "changelist"), {"q": str(serge.pk)})
    assert serge in response.context["cl"].result_list


# ---------------------------------------------------------------- merge action, no deletion


def test_merge_action_asks_for_confirmation(curator_client, make_person):
    first, second = make_person("Victor Serge"), make_person("V. Serge")
    response = curator_client.post(
        admin_url(Person, "changelist"),
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]},
    )
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "admin/merge_confirmation.html"
    page = response.content.decode()
    assert "Victor Serge" in page and "V. Serge" in page
    assert f"(id {first.pk})" in page and f"(id {second.pk})" in page
    assert not MergeLog.objects.exists()
    assert not Person.objects.filter(merged_into__isnull=False).exists()


def confirm_merge(client, survivor, duplicate, reason, **options):
    """POST the merge action's confirmation page, as a curator who chose `survivor`."""
    return client.post(
        admin_url(Person, "changelist"),
        {
            "action": "merge_selected",
            ACTION_CHECKBOX_NAME: [survivor.pk, duplicate.pk],
            "confirm": "1",
            "survivor": survivor.pk,
            "reason": reason,
        },
        **options,
    )


def test_merge_action_merges_after_confirmation(curator_client, curator, make_person):
    survivor, duplicate = make_person("Victor Serge"), make_person("V. Serge", aliases=["V. S."])
    response = confirm_merge(curator_client, survivor, duplicate, "Initials of the same man.", follow=True)
    assert response.status_code == 200
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    assert list(survivor.aliases.values_list("name", flat=True)) == ["V. S."]
    log = MergeLog.objects.get()
    assert (log.merged_id, log.survivor_id, log.user, log.reason) == (
        duplicate.pk,
        survivor.pk,
        curator,
        "Initials of the same man.",
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Merged 1 record(s) into “Victor Serge”."]


def test_merge_action_without_reason_asks_again(curator_client, make_person):
    survivor, duplicate = make_person("Victor Serge"), make_person("V. Serge")
    response = confirm_merge(curator_client, survivor, duplicate, "")
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert not Person.objects.filter(merged_into__isnull=False).exists()


def test_merge_action_refuses_records_marked_distinct(curator_client, make_person):
    father, son = make_person("Vladimir Kibalchich"), make_person("Vlady Kibalchich")
    curator_client.post(
        admin_url(Person, "changelist"),
        # Marking distinct takes a reason, on a confirmation page (tests/test_curators.py).
        {
            "action": "mark_selected_distinct",
            ACTION_CHECKBOX_NAME: [father.pk, son.pk],
            "confirm": "1",
            "reason": "Father and son.",
        },
    )
    response = confirm_merge(curator_client, father, son, "Same?", follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("recorded that these two are different" in m for m in messages)
    assert not Person.objects.filter(merged_into__isnull=False).exists()


def test_merge_log_action_undoes_a_merge(curator_client, make_person, curator):
    survivor, duplicate = make_person("Victor Serge"), make_person("V. Serge", aliases=["V. S."])
    log = services.merge(duplicate, survivor, user=curator, reason="Same man.")
    curator_client.post(admin_url(MergeLog, "changelist"), {"action": "undo", ACTION_CHECKBOX_NAME: [log.pk]})
    duplicate.refresh_from_db()
    log.refresh_from_db()
    assert duplicate.merged_into is None
    assert list(duplicate.aliases.values_list("name", flat=True)) == ["V. S."]
    assert log.undone is not None and log.undone_by == curator


def test_persons_cannot_be_deleted_from_admin(curator_client, make_person):
    person = make_person()
    response = curator_client.get(admin_url(Person, "delete", person.pk))
    assert response.status_code == 403
    response = curator_client.post(admin_url(Person, "delete", person.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()


def test_delete_action_is_not_offered_for_persons(curator_client, make_person):
    person = make_person()
    response = curator_client.get(admin_url(Person, "changelist"))
    actions = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in actions
    assert "merge_selected" in actions
    curator_client.post(
        admin_url(Person, "changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [person.pk], "post": "yes"},
    )
    assert Person.objects.filter(pk=person.pk).exists()


def test_event_with_participant_added_through_inline(
    curator_client, admin_form_data, make_person, make_source
):
    serge = make_person()
    # An event typed by hand cites its passage (tests/test_curators_queue.py).
    citation = Citation.objects.create(source=make_source(length=100), quote="Arrested.", locator="p. 1")
    response = post_add(
        curator_client,
        admin_form_data,
        Event,
        key="serge-arrest-1933",
        type="arrest",
        date="1933-03-08",
        rank="normal",
        **{
            "participants-TOTAL_FORMS": "1",
            "participants-0-person": serge.pk,
            "participants-0-role": "subject",
            "Event_citations-TOTAL_FORMS": "1",
            "Event_citations-0-citation": citation.pk,
        },
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert str(event.date_lower) == "1933-03-08"
    assert EventParticipant.objects.get().person == serge


def test_contribution_must_be_to_work_or_edition(curator_client, admin_form_data, make_person):
    response = post_add(curator_client, admin_form_data, Contribution, person=make_person().pk, role="author")
    assert "A contribution is to a work or to an edition, not both." in form_errors(response)["__all__"]
    assert not Contribution.objects.exists()


def test_alias_unique_per_person_in_admin(curator_client, admin_form_data, make_person):
    serge = make_person(aliases=["Le Rétif"])
    page = curator_client.get(admin_url(Person, "change", serge.pk))
    data = admin_form_data(
        page,
        **{
            "aliases-TOTAL_FORMS": "2",
            "aliases-1-name": "Le Rétif",
            "aliases-1-type": NameType.VARIANT,
            "aliases-1-person": serge.pk,
        },
    )
    response = curator_client.post(admin_url(Person, "change", serge.pk), data)
    assert response.status_code == 200
    assert Alias.objects.filter(person=serge).count() == 1
