"""The fixture pipeline: from the curated YAML files and the five documents to
Django fixtures. `curated` reads and merges the curators' files, `mentions` finds
every name form in the documents and resolves ambiguous ones by rule, `fixtures`
writes the records `loaddata` loads. `dataset/build.py` runs it, with the
bibliography's part, for `manage.py build_fixtures`."""
