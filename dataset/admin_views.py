"""The admin's upload of a new document (`manage.py add_source` for curators who do
not use the command line): /admin/add-source/, for staff who may add sources.

The upload is read as UTF-8 text and handed to `prosopography.ingest.live.
ingest_document`, the same function as the command's; the report is shown on the
page. A document that is not UTF-8, empty, or a changed text for a source already
there (unless re-ingest is ticked) is refused with the reason, as a form error."""

from pathlib import PurePath

from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from prosopography.ingest.live import IngestError, ingest_document, read_document
from prosopography.models import Source

MAX_BYTES = 20 * 1024 * 1024


class AddSourceForm(forms.Form):
    document = forms.FileField(help_text="A UTF-8 text file. Its text is not stored, only its checksum.")
    title = forms.CharField(max_length=Source._meta.get_field("title").max_length)
    description = forms.CharField(
        label="Bibliographic description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reingest = forms.BooleanField(
        required=False,
        label="Re-ingest a changed text",
        help_text="For a source already there: mentions that no longer fit are flagged for review.",
    )

    def clean(self):
        data = super().clean()
        upload = data.get("document")
        if upload is None:
            return data
        if upload.size > MAX_BYTES:
            raise forms.ValidationError({"document": f"The document is larger than {MAX_BYTES // 2**20} MB."})
        name = PurePath(upload.name).name
        if not name or len(name) > Source._meta.get_field("file_name").max_length:
            raise forms.ValidationError({"document": "The file needs a name of at most 200 characters."})
        try:
            data["text"] = read_document(upload.read())
        except IngestError as error:
            raise forms.ValidationError({"document": str(error)}) from None
        data["file_name"] = name
        return data


@permission_required("prosopography.add_source", login_url="admin:login")
def add_source(request):
    report = None
    form = AddSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = ingest_document(
                data["file_name"],
                data["text"],
                title=data["title"],
                description=data["description"],
                reingest=data["reingest"],
            )
        except IngestError as error:
            form.add_error("document", str(error))
    context = {
        **admin.site.each_context(request),
        "title": "Add a source document",
        "form": form,
        "report": report.lines() if report else None,
    }
    return render(request, "admin/add_source.html", context)
