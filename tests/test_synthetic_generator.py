"""The synthetic database every speed figure is measured on must be buildable.

`generate_synthetic` writes with COPY on PostgreSQL and INSERT on SQLite; a column
listed twice passed on SQLite and failed the 100,000-person build on PostgreSQL after
every table but the last was written. The command runs here, small, on both.
"""

import pytest
from django.core.management import CommandError, call_command

from prosopography.models import Claim, Mention, Person, Relationship, RelationshipType


@pytest.mark.django_db
def test_a_small_synthetic_world_is_built_whole_on_this_database():
    call_command("generate_synthetic", "--scale", "0.002", "--seed", "1890", stdout=open("/dev/null", "w"))
    assert Person.objects.count() == 200
    assert Relationship.objects.count() == 600
    assert Mention.objects.count() == 2000
    # The last table written: its rows exist and carry the model's defaults.
    claims = Claim.objects.all()
    assert claims.exists()
    assert set(claims.values_list("rank_reason", flat=True)) == {""}


@pytest.mark.django_db
def test_without_the_relationship_vocabulary_it_says_what_to_do():
    RelationshipType.objects.update(inverse=None)
    RelationshipType.objects.all().delete()
    with pytest.raises(CommandError, match="run `migrate`"):
        call_command("generate_synthetic", "--scale", "0.002", stdout=open("/dev/null", "w"))
    assert not Person.objects.exists()  # nothing half-written
