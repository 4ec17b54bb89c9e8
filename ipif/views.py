"""The IPIF endpoints: thin views over selectors.py, answering the spec's shapes.

Read-only (compliance level 1): every GET and every filter works; POST, PUT, PATCH
and DELETE answer 501 in the spec's error shape, as the spec asks of read-only
services. Curators write through the admin and the REST API, whose validation (EDTF
dates, spans, merges, history) a factoid-shaped write would have to duplicate; level 2
is left for when that validation is one service both can call.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Value
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from bibliography.models import Work
from common import representations
from prosopography.models import ExternalIdentifier, Person, Source

from . import ids, params, selectors
from .statements import BY_CODE, BY_NAME, evidence, person_of

PROFILE = '<https://raw.githubusercontent.com/GVogeler/prosopogrAPhI/master/level1.json>;rel="profile"'
UNRECORDED = "unrecorded"  # records loaded from fixtures, or changed by scripts, have no user
TITLES = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 501: "Not Implemented"}


def error(status, detail):
    return JsonResponse({"status": status, "title": TITLES[status], "detail": detail}, status=status)


def answer(data):
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Link"] = PROFILE
    return response


def day(value):
    return value.date().isoformat() if hasattr(value, "date") else (value.isoformat() if value else None)


def meta(rows, created=None, modified=None):
    """createdBy/When and modifiedBy/When from a record's history (oldest first);
    without history (fixtures), the record's own timestamps."""
    if rows:
        (first_when, first_user), (last_when, last_user) = rows[0], rows[-1]
        out = {
            "createdBy": first_user or UNRECORDED,
            "createdWhen": day(first_when),
            "modifiedBy": last_user or UNRECORDED,
            "modifiedWhen": day(last_when),
        }
    else:
        out = {"createdBy": UNRECORDED, "createdWhen": day(created), "modifiedBy": UNRECORDED}
        if modified:
            out["modifiedWhen"] = day(modified)
    return {key: value for key, value in out.items() if value}


def _row_when(value):
    # Raw SQL gives datetimes on PostgreSQL, strings on SQLite.
    return value[:10] if isinstance(value, str) else day(value)


@method_decorator(csrf_exempt, name="dispatch")
class IpifView(View):
    http_method_names = ["get", "head", "options", "post", "put", "patch", "delete"]
    sorts = {}
    writes = ()  # the writes the spec declares here: answered 501; any other method 405

    def dispatch(self, request, *args, **kwargs):
        if request.method in self.writes:
            return error(501, "This IPIF service is read-only (compliance level 1).")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response = error(405, f"{request.method} is not an operation of this resource.")
            response["Allow"] = ", ".join(self._allowed_methods())
            return response
        # Kept while the data is unchanged (common/representations.py): IPIF answers JSON only.
        key, kept = representations.lookup(request, "json")
        if kept is not None:
            return kept
        self.iris = ids.Iris(request)
        try:
            response = super().dispatch(request, *args, **kwargs)
        except params.BadRequest as exc:
            return error(400, str(exc))
        return representations.keep(key, response) if key else response

    def _allowed_methods(self):
        # What the spec declares here (its writes answer 501), for Allow headers.
        return ["GET", "HEAD", "OPTIONS", *self.writes]

    def query(self):
        return params.parse(self.request.GET, ids, self.sorts)

    def protocol(self, q, total):
        return {"size": q.size, "page": q.page, "totalHits": total}

    # ------------------------------------------------------------ shared pieces

    def factoid_ref(self, pair, members):
        src, person = pair
        rows = members.get(pair, [])
        return {
            "@id": self.iris.factoid(src, person),
            "person-ref": {"@id": self.iris.person(person)},
            "source-ref": {"@id": self.iris.source_of(rows[0][2] if rows else src)},
            "statement-refs": [{"@id": self.iris.statement(f"{BY_CODE[c].name}-{pk}")} for c, pk, _ in rows],
        }

    def statements(self, keys):
        """Full statements for (code, pk) keys, in order: a constant number of queries."""
        records = selectors.load_statements(keys)
        past = selectors.history(keys)
        pairs = {}
        for key, record in records.items():
            kind = BY_CODE[key[0]]
            pairs[key] = [(src, person_of(kind, record)) for src, _ in evidence(kind, record)]
        wanted = {pair for found in pairs.values() for pair in found}
        members = selectors.factoid_members(pairs=wanted) if wanted else {}
        out = []
        for key in keys:
            record = records.get(key)
            if record is None:
                continue
            kind = BY_CODE[key[0]]
            created = getattr(record, "created", None)
            modified = getattr(record, "modified", None)
            out.append(
                {
                    "@id": self.iris.statement(f"{kind.name}-{record.pk}"),
                    "factoid-refs": [self.factoid_ref(pair, members) for pair in dict.fromkeys(pairs[key])],
                    **kind.to_statement(record, self.iris),
                    **meta(past.get(key), created, modified),
                }
            )
        return out

    def factoids(self, rows):
        """Full factoids for (src, person, created, modified) rows."""
        pairs = {(src, person) for src, person, *_ in rows}
        members = selectors.factoid_members(pairs=pairs) if pairs else {}
        past = selectors.history([(c, pk) for found in members.values() for c, pk, _ in found])
        out = []
        for src, person, created, modified in rows:
            found = members.get((src, person), [])
            histories = [past.get((c, pk)) for c, pk, _ in found]
            creators = sorted({(h[0][1] or UNRECORDED) for h in histories if h}) or [UNRECORDED]
            modifiers = sorted({(h[-1][1] or UNRECORDED) for h in histories if h}) or [UNRECORDED]
            firsts = [h[0][0] for h in histories if h]
            lasts = [h[-1][0] for h in histories if h]
            ref = self.factoid_ref((src, person), members)
            out.append(
                {
                    "@id": ref["@id"],
                    "createdBy": ", ".join(creators),
                    "createdWhen": day(min(firsts)) if firsts else _row_when(created),
                    "modifiedBy": ", ".join(modifiers),
                    "modifiedWhen": day(max(lasts)) if lasts else _row_when(modified),
                    "person-ref": ref["person-ref"],
                    "source-ref": ref["source-ref"],
                    "statement-refs": ref["statement-refs"],
                }
            )
        return out

    def persons(self, people):
        pks = [p.pk for p in people]
        past = selectors.record_history(Person, pks)
        members = selectors.factoid_members(persons=pks) if pks else {}
        by_person = {}
        for pair in members:
            by_person.setdefault(pair[1], []).append(pair)
        external = _external(Person, pks)
        return [
            {
                "@id": self.iris.person(p.pk),
                "label": _person_label(p),
                "uris": [self.iris.person(p.pk), *external.get(p.pk, [])],
                **meta(past.get(p.pk), p.created, p.modified),
                "factoid-refs": [self.factoid_ref(pair, members) for pair in by_person.get(p.pk, [])],
            }
            for p in people
        ]

    def sources(self, documents, works):
        doc_pks, work_pks = [d.pk for d in documents], [w.pk for w in works]
        members = selectors.factoid_members(sources=doc_pks, works=work_pks) if doc_pks or work_pks else {}
        by_source = {}
        for pair, rows in members.items():
            by_source.setdefault(rows[0][2], []).append(pair)
        doc_past = selectors.record_history(Source, doc_pks)
        work_past = selectors.record_history(Work, work_pks)
        external = _external(Work, work_pks)
        out = {}
        for d in documents:
            out[d.pk] = {
                "@id": self.iris.source(d.pk),
                "label": d.title,
                "uris": [self.iris.source(d.pk)],
                **meta(doc_past.get(d.pk), d.created, d.modified),
                "factoid-refs": [self.factoid_ref(pair, members) for pair in by_source.get(d.pk, [])],
            }
        for w in works:
            out[-w.pk] = {
                "@id": self.iris.work(w.pk),
                "label": w.title,
                "uris": [self.iris.work(w.pk), *external.get(w.pk, [])],
                **meta(work_past.get(w.pk), w.created, w.modified),
                "factoid-refs": [self.factoid_ref(pair, members) for pair in by_source.get(-w.pk, [])],
            }
        return out


def _person_label(person):
    dates = "–".join(filter(None, (person.birth, person.death)))
    return f"{person.name} ({dates})" if dates else person.name


def _external(model, pks):
    """{pk: [url]} of the records' external identifiers that have a URL, one query."""
    found = {}
    if not pks:
        return found
    content_type = ContentType.objects.get_for_model(model)  # cached after the first call
    for identifier in ExternalIdentifier.objects.filter(content_type=content_type, object_id__in=pks):
        if identifier.url:
            found.setdefault(identifier.object_id, []).append(identifier.url)
    return found


# ---------------------------------------------------------------- endpoints


class StatementList(IpifView):
    sorts = selectors.STATEMENT_SORTS

    def get(self, request):
        q = self.query()
        total, keys = selectors.statement_page(q)
        return answer({"protocol": self.protocol(q, total), "statements": self.statements(keys)})


class StatementDetail(IpifView):
    def get(self, request, id):
        key = ids.statement_key(id)
        kind = BY_NAME.get(key[0]) if key else None
        found = self.statements([(kind.code, key[1])]) if kind else []
        if not found or not kind.model.objects.filter(pk=key[1], **kind.base).exists():
            return error(404, f"No statement {id}.")
        return answer(found[0])


class FactoidList(IpifView):
    writes = ("POST",)
    sorts = selectors.FACTOID_SORTS

    def get(self, request):
        q = self.query()
        total, rows = selectors.factoid_page(q)
        return answer({"protocol": self.protocol(q, total), "factoids": self.factoids(rows)})


class FactoidDetail(IpifView):
    writes = ("PUT", "DELETE")

    def get(self, request, id):
        pair = ids.factoid_id(id)
        if pair is None:
            return error(404, f"No factoid {id}.")
        q = params.Query(factoid=pair, size=1)
        _, rows = selectors.factoid_page(q)
        if not rows:
            return error(404, f"No factoid {id}.")
        return answer(self.factoids(rows)[0])


class PersonList(IpifView):
    writes = ("POST",)
    sorts = selectors.PERSON_SORTS

    def get(self, request):
        q = self.query()
        qs = selectors.persons(q)
        total = qs.count()
        return answer(
            {
                "protocol": self.protocol(q, total),
                "persons": self.persons(list(qs[q.offset : q.offset + q.size])),
            }
        )


class PersonDetail(IpifView):
    writes = ("PUT", "DELETE")

    def get(self, request, id):
        pk = ids.person_id(id)
        person = Person.objects.filter(pk=pk, merged_into__isnull=True).first() if pk else None
        if person is None:
            return error(404, f"No person {id}.")
        return answer(self.persons([person])[0])


class SourceList(IpifView):
    writes = ("POST",)
    sorts = selectors.SOURCE_SORTS

    def get(self, request):
        q = self.query()
        documents, works = selectors.sources(q)
        total = documents.count() + works.count()
        field = selectors.SOURCE_SORTS[q.sort]
        columns = {"kind": Value(1), "key": F("pk"), "sort": F(field)}
        union = (
            documents.order_by()
            .values(**columns)
            .union(works.order_by().values(**{**columns, "kind": Value(-1)}), all=True)
        )
        order = "-sort" if q.descending else "sort"
        page = list(union.order_by(order, "kind", "key")[q.offset : q.offset + q.size])
        docs = Source.objects.in_bulk([row["key"] for row in page if row["kind"] == 1])
        wks = Work.objects.in_bulk([row["key"] for row in page if row["kind"] == -1])
        shaped = self.sources(list(docs.values()), list(wks.values()))
        listed = [shaped[row["key"] * row["kind"]] for row in page]
        return answer({"protocol": self.protocol(q, total), "sources": listed})


class SourceDetail(IpifView):
    writes = ("PUT", "DELETE")

    def get(self, request, id):
        src = ids.source_id(id)
        if src is None:
            return error(404, f"No source {id}.")
        documents = list(Source.objects.filter(pk=src)) if src > 0 else []
        works = list(Work.objects.filter(pk=-src, merged_into__isnull=True)) if src < 0 else []
        if not (documents or works):
            return error(404, f"No source {id}.")
        return answer(next(iter(self.sources(documents, works).values())))


class Describe(IpifView):
    def get(self, request):
        return answer(
            {
                "description": (
                    "The reference database of Victor Serge's world: persons, the sources that "
                    "speak of them, and each reading (relationship, membership, event, date or "
                    "place of birth and death, name form, credit) with its quoted passage."
                ),
                "provider": "The Victor Serge reference database project",
                "contact": "see the project's README",
                "complianceLevel": 1,
                "formats": ["application/json"],
                "vocabs": [],
            }
        )
