"""HTTP endpoints of the reconciliation service, for OpenRefine and other clients.

Version 0.2 (the published report) lives at /reconcile/, version 1.0-draft at
/reconcile/1.0/. The views only translate wire formats: matching is in
reconcile.service and reconcile.matching. Every answer, errors included, carries
CORS headers (OpenRefine and browser tools call from other origins), every error
is JSON with a `message`, and every piece of user text in previews is escaped.
"""

import functools
import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.csrf import csrf_exempt

from . import extension, schemas, selectors, service
from .matching import BadValue
from .properties import PROPERTIES, all_properties
from .selectors import TYPES

BATCH_SIZE = getattr(settings, "RECONCILE_BATCH_SIZE", 50)
SERVICE_NAME = "Victor Serge's world"
PREVIEW_SIZE = (400, 160)


class ApiError(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


def cors(view):
    """Answer preflights and add CORS headers to every answer (errors too);
    turn ApiError and BadValue into JSON errors instead of 500s."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as exc:
                response = JsonResponse({"status": "error", "message": str(exc)}, status=exc.status)
            except BadValue as exc:
                response = JsonResponse({"status": "error", "message": str(exc)}, status=400)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type, Accept"
        response["Access-Control-Max-Age"] = "86400"
        return response

    return wrapped


def _json_param(request, name):
    raw = request.POST.get(name) if request.method == "POST" else None
    if raw is None:
        raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ApiError(f"The “{name}” parameter is not valid JSON: {exc}.") from exc


def _json_body(request):
    if (
        request.content_type == "application/x-www-form-urlencoded"
        or request.content_type == "multipart/form-data"
    ):
        for name in ("queries", "extend"):
            value = _json_param(request, name)
            if value is not None:
                return value
    try:
        return json.loads(request.body or b"null")
    except ValueError as exc:
        raise ApiError(f"The request body is not valid JSON: {exc}.") from exc


def _check(version, schema, document):
    problem = schemas.first_error(version, schema, document)
    if problem:
        raise ApiError(f"Not a valid {schema.replace('-', ' ')} ({version}): {problem}")


def _check_batch_size(count):
    if count > BATCH_SIZE:
        raise ApiError(f"Too many queries in one batch: {count}; send at most {BATCH_SIZE}.", status=413)


def _base(request):
    return request.build_absolute_uri("/").rstrip("/")


def _types():
    return [{"id": t.id, "name": t.name} for t in TYPES.values()]


def _limit(value):
    try:
        return max(1, min(int(value), service.MAX_LIMIT))
    except (TypeError, ValueError):
        return service.DEFAULT_LIMIT


def _types_of(value):
    if value in (None, "", []):
        return list(TYPES)
    values = [value] if isinstance(value, str) else list(value)
    return [service.check_type(v) for v in values]


def _as_list(value):
    return list(value) if isinstance(value, list) else [value]


# ---------------------------------------------------------------- 0.2


def manifest_02(request):
    base = _base(request)
    root = reverse("reconcile:root")
    return {
        "versions": ["0.2"],
        "name": SERVICE_NAME,
        "identifierSpace": f"{base}/",
        "schemaSpace": f"{base}{root}schema/",
        "view": {"url": f"{base}/{{{{id}}}}/"},
        "defaultTypes": _types(),
        "batchSize": BATCH_SIZE,
        "preview": {
            "url": f"{base}{reverse('reconcile:preview')}?id={{{{id}}}}",
            "width": PREVIEW_SIZE[0],
            "height": PREVIEW_SIZE[1],
        },
        "suggest": {
            "entity": {
                "service_url": base,
                "service_path": reverse("reconcile:suggest-entity"),
                "flyout_service_path": reverse("reconcile:flyout") + "?id=${id}",
            },
            "type": {"service_url": base, "service_path": reverse("reconcile:suggest-type")},
            "property": {"service_url": base, "service_path": reverse("reconcile:suggest-property")},
        },
        "extend": {
            "propose_properties": {"service_url": base, "service_path": reverse("reconcile:propose")},
            "property_settings": [],
        },
    }


def queries_from_02(batch):
    _check("0.2", "reconciliation-query-batch", batch)
    _check_batch_size(len(batch))
    keys, queries = [], []
    for key, q in batch.items():
        types = _types_of(q.get("type"))
        conditions = []
        for prop in q.get("properties", []):
            condition = service.Condition(pid=prop["pid"], values=_as_list(prop["v"]))
            types = service.check_condition(types, condition)
            conditions.append(condition)
        keys.append(key)
        queries.append(
            service.Query(
                name=q.get("query", ""), types=types, limit=_limit(q.get("limit")), conditions=conditions
            )
        )
    return keys, queries


def candidate_02(c):
    return {
        "id": c.key,
        "name": c.name,
        "description": c.description,
        "type": [{"id": c.type, "name": TYPES[c.type].name}],
        "score": c.score,
        "match": c.match,
        "features": [{"id": f["id"], "value": f["value"]} for f in c.features()],
    }


def extend_02(request, query, version="0.2"):
    _check(version, "data-extension-query", query)
    _check_batch_size(len(query["ids"]))
    pids = [p["id"] for p in query["properties"]]
    rows = extension.extension_rows(query["ids"], pids)
    return {"meta": extension.meta(pids), "rows": rows}


@cors
def root(request):
    """The 0.2 endpoint: manifest, reconciliation (`queries`) or extension (`extend`)."""
    if request.method not in ("GET", "POST"):
        raise ApiError("Use GET or POST.", status=405)
    queries = _json_param(request, "queries")
    if queries is not None:
        keys, parsed = queries_from_02(queries)
        results = service.reconcile_batch(parsed)
        return JsonResponse(
            {k: {"result": [candidate_02(c) for c in cs]} for k, cs in zip(keys, results, strict=True)}
        )
    query = _json_param(request, "extend")
    if query is not None:
        return JsonResponse(extend_02(request, query))
    return JsonResponse(manifest_02(request))


def _entity(key):
    parsed = selectors.parse_key(key or "")
    if not parsed:
        raise ApiError(
            f"“{key}” is not an id of this service (persons/1, organisations/2, places/3, works/4)."
        )
    type_id, pk = parsed
    found = selectors.entities_by_id(type_id, [pk])
    if pk not in found:
        raise ApiError(f"No entity “{key}”.", status=404)
    return type_id, pk, found[pk]["fields"]


@cors
def preview(request):
    """A small HTML card: name, dates and description, authority links, a link to the page."""
    type_id, pk, fields = _entity(request.GET.get("id"))
    t = TYPES[type_id]
    links = service.identifier_links(type_id, [pk]).get(pk, [])
    url = f"{_base(request)}/{t.prefix}/{pk}/"
    html = format_html(
        '<html><head><meta charset="utf-8"><title>{}</title></head>'
        '<body style="margin:0;font:14px/1.35 sans-serif">'
        '<div style="padding:6px"><a href="{}" target="_blank"><strong>{}</strong></a> <small>({})</small>'
        '<p style="margin:4px 0">{}</p>{}</div></body></html>',
        fields[t.title_field],
        url,
        fields[t.title_field],
        t.name.lower(),
        service.describe(type_id, fields),
        format_html(
            '<p style="margin:4px 0">{}</p>',
            format_html_join(
                " · ", '<a href="{}" target="_blank">{} {}</a>', ((u, label, v) for label, v, u in links)
            ),
        )
        if links
        else "",
    )
    return HttpResponse(html, content_type="text/html; charset=utf-8")


@cors
def flyout(request):
    type_id, pk, fields = _entity(request.GET.get("id"))
    t = TYPES[type_id]
    html = format_html(
        '<p style="font-size:0.8em;color:black"><strong>{}</strong><br>{}</p>',
        fields[t.title_field],
        service.describe(type_id, fields),
    )
    return JsonResponse({"id": request.GET["id"], "html": html})


def suggest_entities(prefix, type_value, limit):
    from common.text import normalize

    text = normalize(prefix)
    if not text:
        return []
    results = []
    for type_id in _types_of(type_value):
        t = TYPES[type_id]
        for pk, entity in selectors.name_forms(type_id, [text], [text]).items():
            forms = [" ".join(toks) for _, toks, _ in entity["forms"]]
            starts = any(f.startswith(text) for f in forms)
            fields = entity["fields"]
            results.append(
                (
                    0 if starts else 1,
                    fields[t.title_field],
                    {
                        "id": selectors.entity_key(t, pk),
                        "name": fields[t.title_field],
                        "description": service.describe(type_id, fields),
                        "notable": [{"id": type_id, "name": t.name}],
                    },
                )
            )
    results.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in results[:limit]]


def _matches_prefix(prefix, *texts):
    from common.text import normalize

    p = normalize(prefix)
    return not p or any(normalize(t).startswith(p) or f" {p}" in f" {normalize(t)}" for t in texts)


@cors
def suggest_entity(request):
    prefix = request.GET.get("prefix", "")
    return JsonResponse(
        {
            "result": suggest_entities(
                prefix, request.GET.get("type") or None, _limit(request.GET.get("limit", 10))
            )
        }
    )


@cors
def suggest_type(request):
    prefix = request.GET.get("prefix", "")
    return JsonResponse({"result": [t for t in _types() if _matches_prefix(prefix, t["id"], t["name"])]})


@cors
def suggest_property(request):
    prefix = request.GET.get("prefix", "")
    type_value = request.GET.get("type")
    props = (
        {pid: name for pid, (name, _) in PROPERTIES[service.check_type(type_value)].items()}
        if type_value
        else all_properties()
    )
    return JsonResponse(
        {
            "result": [
                {"id": pid, "name": name} for pid, name in props.items() if _matches_prefix(prefix, pid, name)
            ]
        }
    )


def proposals(request):
    type_id = service.check_type(request.GET.get("type") or "person")
    limit = _limit(request.GET.get("limit", 50)) if request.GET.get("limit") else None
    props = [{"id": pid, "name": name} for pid, (name, _) in PROPERTIES[type_id].items()]
    answer = {"type": type_id, "properties": props[:limit] if limit else props}
    if limit:
        answer["limit"] = limit
    return answer


@cors
def propose(request):
    return JsonResponse(proposals(request))


@cors
def schema_space(request):
    return JsonResponse({"types": _types(), "properties": {t: list(p) for t, p in PROPERTIES.items()}})


# ---------------------------------------------------------------- 1.0-draft


def manifest_10(request):
    base = _base(request)
    return {
        "versions": ["1.0-draft"],
        "name": SERVICE_NAME,
        "view": {"url": f"{base}/{{id}}/"},
        "defaultTypes": _types(),
        "batchSize": BATCH_SIZE,
        "preview": {"width": PREVIEW_SIZE[0], "height": PREVIEW_SIZE[1]},
        "suggest": {"entity": True, "property": True, "type": True},
        "extend": {"proposeProperties": True, "propertySettings": []},
    }


@cors
def root_10(request):
    return JsonResponse(manifest_10(request))


def queries_from_10(batch):
    _check("1.0-draft", "reconciliation-query-batch", batch)
    _check_batch_size(len(batch["queries"]))
    queries = []
    for q in batch["queries"]:
        types = _types_of(q.get("type"))
        query = service.Query(types=types, limit=_limit(q.get("limit")))
        for c in q["conditions"]:
            values = _as_list(c["propertyValue"])
            if c["matchType"] == "name":
                names = [v.get("name", "") if isinstance(v, dict) else str(v) for v in values]
                query.name = " ".join(n for n in names if n)
            elif c["matchType"] == "id":
                query.ids = [str(v.get("id") if isinstance(v, dict) else v).strip("/") for v in values]
            else:
                if "propertyId" not in c:
                    raise ApiError("A condition with matchType “property” needs a propertyId.")
                condition = service.Condition(
                    pid=c["propertyId"],
                    values=values,
                    required=bool(c.get("required", False)),
                    quantifier=c.get("matchQuantifier", "any"),
                )
                query.types = types = service.check_condition(types, condition)
                query.conditions.append(condition)
        queries.append(query)
    return queries


@cors
def match_10(request):
    if request.method != "POST":
        raise ApiError('POST a JSON object {"queries": [...]} to /match.', status=405)
    queries = queries_from_10(_json_body(request))
    results = service.reconcile_batch(queries)
    return JsonResponse(
        {
            "results": [
                {"candidates": [{**candidate_02(c), "features": c.features()} for c in candidates]}
                for candidates in results
            ]
        }
    )


@cors
def suggest_10(request, kind):
    views = {"entity": suggest_entity, "type": suggest_type, "property": suggest_property}
    if kind not in views:
        raise ApiError(f"Unknown suggest service “{kind}”: use entity, type or property.", status=404)
    return views[kind](request)


@cors
def extend_10(request):
    if request.method != "POST":
        raise ApiError('POST a JSON object {"ids": [...], "properties": [...]} to /extend.', status=405)
    answer = extend_02(request, _json_body(request), version="1.0-draft")
    rows = [
        {"id": key, "properties": [{"id": pid, "values": values} for pid, values in props.items()]}
        for key, props in answer["rows"].items()
    ]
    return JsonResponse({"meta": answer["meta"], "rows": rows})


@cors
def propose_10(request):
    return JsonResponse(proposals(request))
