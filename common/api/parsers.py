"""The JSON parser of the API: DRF's, with limits that make hostile bodies a 400.

Python's json module recurses once per level of nesting: a body of 5,000 or 100,000
nested brackets raised RecursionError, answered 500. No record of ours nests deeper
than a few levels, so a body nested deeper than MAX_DEPTH is refused before it is
parsed. A body in an unknown or wrong character set is refused the same way, and
a body over DATA_UPLOAD_MAX_MEMORY_SIZE (1 MB) answers 413.
"""

import codecs
import json
import re

from django.conf import settings
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 64

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def nesting_depth(raw):
    """The deepest nesting of arrays and objects in a JSON text (brackets inside strings
    do not count), read with two regular expressions rather than a recursive parser."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', raw)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class BodyTooLarge(APIException):
    status_code = 413
    default_detail = "The body is larger than the API reads."
    default_code = "body_too_large"


def body_limit():
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ParseError(f"JSON parse error - unknown character set {encoding!r}.") from None
        # DRF reads the request stream itself, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE
        # check (which guards request.body): hold a body without Content-Length to it too.
        limit = body_limit()
        raw = stream.read(limit + 1) if stream is not None else b""
        if limit is not None and len(raw) > limit:
            raise BodyTooLarge(f"The body is larger than {limit} bytes, the most the API reads.")
        if nesting_depth(raw) > MAX_DEPTH:
            raise ParseError(f"JSON parse error - the body nests deeper than {MAX_DEPTH} levels.")
        try:
            return json.loads(raw.decode(encoding), parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            raise ParseError(f"JSON parse error - {exc}") from None


def _no_constant(name):
    # NaN and Infinity are not JSON (RFC 8259), though Python's parser accepts them.
    raise ValueError(f"{name} is not valid JSON")
