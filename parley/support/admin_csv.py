"""
The ledger's CSV pages in the admin: an export of what the list shows (or of
the entries selected), and an import that is checked first and recorded only
when the editor confirms what the check found (support.csv_import).
"""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import ngettext

from parley.core.errors import ParleyError

from . import csv_import, csv_rows
from .forms import ImportForm
from .models import DonationImport
from .money import money


class LedgerCsvAdmin:
    """The CSV views and action of the ledger's ModelAdmin (a mixin)."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/", view(self.export_view), name="support_donation_export"),
            path("import/", view(self.import_view), name="support_donation_import"),
            path(
                "import/<int:pk>/",
                view(self.import_check_view),
                name="support_donation_import_check",
            ),
            *super().get_urls(),
        ]

    @admin.action(description="Export the selected entries as CSV")
    def export_selected(self, request, queryset):
        return self._csv(queryset)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:support_donation_changelist") + "?e=1")
        return self._csv(changelist.get_queryset(request))

    def _csv(self, queryset) -> StreamingHttpResponse:
        name = f"donations-{timezone.localtime():%Y%m%d-%H%M}.csv"
        response = StreamingHttpResponse(
            csv_rows.export(queryset.iterator(chunk_size=2000)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                staged = csv_import.stage(
                    upload.name,
                    upload.read(csv_import.MAX_BYTES + 1),
                    by=request.user,
                )
            except ParleyError as error:
                form.add_error("file", error.message)
            else:
                return redirect("admin:support_donation_import_check", staged.pk)
        return self._render(
            request,
            "admin/support/donation/import.html",
            {"title": "Import donations from a CSV file", "form": form},
        )

    def import_check_view(self, request, pk: int):
        if not self.has_add_permission(request):
            raise PermissionDenied
        staged = get_object_or_404(DonationImport, pk=pk)
        if request.method == "POST" and staged.imported_at is None:
            try:
                done = csv_import.commit(
                    staged, fingerprint=request.POST.get("fingerprint", "")
                )
            except ParleyError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _imported(staged, done))
                return redirect("admin:support_donation_import_check", staged.pk)
            staged.refresh_from_db()
        result = None if staged.imported_at else csv_import.check(staged.content)
        preview = result.accepted[:20] if result else []
        return self._render(
            request,
            "admin/support/donation/import_check.html",
            {
                "title": f"Import {staged.file_name}",
                "staged": staged,
                "check": result,
                "totals": [
                    (code, count, money(total, code))
                    for code, count, total in (result.totals() if result else [])
                ],
                "preview": [
                    (entry, money(entry.fields["amount"], entry.fields["currency"]))
                    for entry in preview
                ],
            },
        )

    def _render(self, request, template: str, context: dict):
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "has_view_permission": self.has_view_permission(request),
                **context,
            },
        )


def _imported(staged: DonationImport, done: csv_import.Check) -> str:
    """What an import did, in one sentence: "2 entries imported from a.csv;
    1 row refused." """
    imported = ngettext(
        "%(count)d entry imported", "%(count)d entries imported", len(done.accepted)
    ) % {"count": len(done.accepted)}
    refused = ngettext(
        "%(count)d row refused.", "%(count)d rows refused.", len(done.refused)
    ) % {"count": len(done.refused)}
    return f"{imported} from {staged.file_name}; {refused}"
