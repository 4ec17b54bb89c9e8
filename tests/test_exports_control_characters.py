"""Control characters are refused in names and titles on write (the API answers
400 naming the field; the admin's full_clean refuses them too), so that they never
reach the XML exports; tab, line feed and carriage return stay allowed."""

import pytest
from django.core.exceptions import ValidationError

from common.validators import no_control_characters
from prosopography.models import Organisation, OrganisationName, Person, Place, PlaceName

# Fixtures, used by name (`x as x` tells linters they are meant to be there).


API = "/api/v1"


@pytest.mark.parametrize("char", ["\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85"])
def test_validator_refuses_control_characters(char):
    with pytest.raises(ValidationError) as error:
        no_control_characters(f"Victor{char}Serge")
    assert error.value.code == "control_character"
    assert "position 7" in error.value.messages[0]


@pytest.mark.parametrize("text", ["Victor Serge", "Victor\tSerge", "two\nlines\r\n", "Лев Троцкий", ""])
def test_validator_accepts_text_xml_can_hold(text):
    no_control_characters(text)


def test_api_refuses_a_person_name_with_a_control_character(curator_api, db):
    response = curator_api.post(f"{API}/persons/", {"name": "Victor\x0bSerge"}, format="json")
    assert response.status_code == 400
    assert "U+000B" in response.json()["name"][0]
    assert not Person.objects.filter(name__startswith="Victor").exists()


def test_api_refuses_control_characters_in_names_titles_and_on_update(curator_api, api_world):
    w = api_world
    writes = {
        "names": {"person": w["rirette"].pk, "name": "Anna\x07Estorges", "type": "birth"},
        "works": {"title": "L'Affaire\x1bToulaev", "language": "fr", "type": "novel"},
        "editions": {"work": w["midnight"].pk, "title": "Mid\x0cnight", "language": "en"},
    }
    for resource, payload in writes.items():
        response = curator_api.post(f"{API}/{resource}/", payload, format="json")
        assert response.status_code == 400, (resource, response.content)
        field = "name" if resource == "names" else "title"
        assert field in response.json(), resource
    serge = f"{API}/persons/{w['serge'].pk}/"
    etag = curator_api.get(serge)["ETag"]  # writes are conditional (428 without If-Match)
    response = curator_api.patch(serge, {"name": "Victor\x1fSerge"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 400 and "name" in response.json()


@pytest.mark.parametrize(
    "model, fields",
    [
        (Organisation, {"name": "Parti\x0bcommuniste"}),
        (Place, {"name": "Bruxelles\x1f"}),
    ],
)
def test_models_without_api_writes_refuse_them_in_the_admin(db, model, fields):
    with pytest.raises(ValidationError) as error:
        model(**fields).full_clean(exclude=["slug"])
    assert "name" in error.value.message_dict


def test_name_forms_refuse_them(db):
    organisation = Organisation.objects.create(name="Comintern")
    place = Place.objects.create(name="Paris")
    for record in (
        OrganisationName(organisation=organisation, name="Komintern\x0b"),
        PlaceName(place=place, name="Lutèce\x07"),
    ):
        with pytest.raises(ValidationError) as error:
            record.full_clean()
        assert "name" in error.value.message_dict
