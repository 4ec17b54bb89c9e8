"""The admin's bulk-matching page: upload a CSV of names, download it back with
candidates, scores and match flags. Staff only, read-only (it changes nothing)."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.template.response import TemplateResponse

from .bulk import reconcile_csv
from .matching import BadValue
from .models import CsvReconciliation

MAX_UPLOAD = 2 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(help_text="CSV, UTF-8, with a header row: name (required), type, birth, death.")


@admin.register(CsvReconciliation)
class CsvReconciliationAdmin(admin.ModelAdmin):
    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_UPLOAD:
                messages.error(request, "The file is larger than 2 MB: use manage.py reconcile_csv.")
            else:
                try:
                    import io

                    text = upload.read().decode("utf-8-sig")
                    out = io.StringIO()
                    reconcile_csv(io.StringIO(text), out)
                except (UnicodeDecodeError, BadValue) as exc:
                    messages.error(request, f"Could not reconcile this file: {exc}")
                else:
                    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
                    response["Content-Disposition"] = 'attachment; filename="reconciled.csv"'
                    return response
        context = {
            **self.admin_site.each_context(request),
            "title": "Match a list of names",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/reconcile/upload.html", context)
