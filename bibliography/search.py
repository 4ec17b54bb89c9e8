"""The bibliography's searcher: works by their title and by the titles of their
editions and translations ("Midnight in the Century" finds *S'il est minuit dans
le siècle*). Registered with the one search (common.search) in BibliographyConfig.ready()."""

from common import search
from common.urls import url_maker

from .models import Edition, Work


def search_works(q):
    api_url, page = url_maker("work-detail"), url_maker("work-redirect")
    found = {}
    works = Work.objects.current().annotate(n=search.Normalized("title"))
    for row in search.matches(works, "n", q).values("id", "title", "tier"):
        pk = row["id"]
        search.keep_best(
            found, pk, search.result("work", pk, row["title"], row["tier"], api_url(pk), page(pk))
        )
    editions = Edition.objects.filter(work__merged_into=None).annotate(n=search.Normalized("title"))
    for row in search.matches(editions, "n", q).values("work_id", "work__title", "title", "date", "tier"):
        pk = row["work_id"]
        published = f" ({row['date']})" if row["date"] else ""
        search.keep_best(
            found,
            pk,
            search.result(
                "work",
                pk,
                row["work__title"],
                row["tier"],
                api_url(pk),
                page(pk),
                snippet=f"edition: {row['title']}{published}",
            ),
        )
    return found.values()


def register_searchers():
    search.register("work", search_works, order=3)
