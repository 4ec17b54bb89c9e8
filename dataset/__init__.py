"""The dataset: the fixtures the project publishes, built from the curated files and
the five source documents.

This app has no models.  It sits above both domain apps: it runs the pipeline of
prosopography (curated world, mentions) and of bibliography (the thesis bibliography,
works cited), and writes fixtures/*.json.  It may import prosopography and
bibliography; neither may import it, so that the dependencies run one way:
shared machinery -> prosopography -> bibliography -> dataset.
"""
