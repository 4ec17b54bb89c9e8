"""Kept answers for DRF views (common/representations.py): a mixin with two hooks.

`initial` runs after authentication, permissions, throttling and content
negotiation, so a kept answer is served only to whom the view would answer, in the
format it would choose; `finalize_response` keeps what the view built.
"""

from rest_framework.response import Response

from .. import representations


class KeptAnswers:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.kept_as = None
        media_type = getattr(request, "accepted_media_type", "") or ""
        if media_type.startswith("text/html"):
            return  # the browsable API: its forms and tokens are not for sharing
        key, kept = representations.lookup(request, answer_form(request))
        if kept is not None:
            # The handler DRF is about to call is this request's method on the view
            # (as_view set it on the instance): answer with the kept copy instead.
            setattr(self, request.method.lower(), lambda *args, **kwargs: kept)
            return
        self.kept_as = key

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "kept_as", None) and isinstance(response, Response):
            representations.keep(self.kept_as, response)
        return response


def answer_form(request):
    """What the answer looks like: the renderer's format and, for JSON, its indent
    (the one Accept parameter that changes the bytes). Other Accept parameters are
    left out of the key, so a client cannot fill the cache by varying them."""
    renderer = request.accepted_renderer
    indent = ""
    if hasattr(renderer, "get_indent"):
        indent = renderer.get_indent(request.accepted_media_type, {}) or ""
    return f"{renderer.format};indent={indent}"
