"""SQLite holds a small team (issue 19): 20 curators writing at once to the embedded
database all succeed, and of simultaneous writes with one ETag exactly one does.

Before WAL, a busy timeout and IMMEDIATE write transactions, 20 simultaneous PATCHes
gave 14 answers 500 ("database is locked"). The in-memory test database cannot show
this (one shared cache, no file locks), so tests/sqlite_writers.py runs in a process
of its own against a fresh database file.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings


@pytest.mark.slow
def test_twenty_concurrent_writers_on_a_file_sqlite_database_all_succeed(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.sqlite_writers", "20"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["own"] == [200] * 20
    assert sorted(outcome["same_etag"]) == [200, 412, 412, 412]
    assert outcome["journal"] == "wal"
    assert outcome["kept"] == f"Edit {outcome['same_etag'].index(200)}."
