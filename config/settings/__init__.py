"""Settings package: `base` holds what every environment shares, `local` is the
default for a first run (SQLite, DEBUG on), `production` reads every secret and
host from the environment, `test` is what the suite runs with."""
