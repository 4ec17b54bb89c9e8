"""Twenty curators writing at once to a file SQLite database (run by
tests/test_hardening_sqlite.py in a process of its own, with DATABASE_URL naming a
fresh file): migrates it, then runs the writers in threads, each with its own
connection, as a threaded server would. Prints one JSON line of statuses."""

import json
import sys
import threading

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from prosopography.models import Person  # noqa: E402

WRITERS = int(sys.argv[1]) if len(sys.argv) > 1 else 20

call_command("migrate", verbosity=0)
curator = get_user_model().objects.create_superuser("curator", "c@example.org", "a-long-password")
token = Token.objects.create(user=curator).key
persons = [Person.objects.create(name=f"Person {i}") for i in range(WRITERS)]
shared = Person.objects.create(name="Shared")
connection.close()


def at_once(target, n):
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")  # as a curator's script would
        try:
            barrier.wait()
            results[i] = target(client, i)
        except Exception as error:  # noqa: BLE001 (a 500 raised by the test client)
            results[i] = f"{type(error).__name__}: {error}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def edit_own(client, i):
    """Each writer reads its own record, then changes it (GET then conditional PATCH)."""
    url = f"/api/v1/persons/{persons[i].pk}/"
    etag = client.get(url)["ETag"]
    return client.patch(url, {"description": f"Edit {i}."}, format="json", HTTP_IF_MATCH=etag).status_code


def edit_shared(client, i):
    """Four writers send the same ETag: one may succeed."""
    return client.patch(
        f"/api/v1/persons/{shared.pk}/", {"description": f"Edit {i}."}, format="json", HTTP_IF_MATCH=ETAG
    ).status_code


own = at_once(edit_own, WRITERS)
ETAG = APIClient().get(f"/api/v1/persons/{shared.pk}/")["ETag"]
same = at_once(edit_shared, 4)
kept = Person.objects.get(pk=shared.pk).description
with connection.cursor() as cursor:
    journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]
print(json.dumps({"own": own, "same_etag": same, "kept": kept, "journal": journal}))
