"""Admin pages of the directory: import organisations from a file, export the listing."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import IndexView

from .services import (
    COLUMNS,
    CSV,
    XLSX,
    ImportRejected,
    export_organisations,
    export_organisations_xlsx,
    format_of,
    import_organisations,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class OrganisationImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file (UTF-8) or Excel workbook (.xlsx)"),
        # No placeholder in the message: fill_po.py leaves "python-format" entries fuzzy.
        help_text=format_lazy(
            "{} {}",
            gettext_lazy("Columns of the first row (of the first sheet):"),
            ", ".join(COLUMNS),
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB; split it into several files.")
            )
        data = upload.read()
        try:
            self.cleaned_data["file_format"] = format_of(upload.name, data)
        except ImportRejected as rejected:
            raise forms.ValidationError(rejected.problems[0].message) from rejected
        return data


class OrganisationImportView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    permission_required = "directory.add_organisation"
    form_class = OrganisationImportForm
    template_name = "directory/admin/import.html"
    page_title = gettext_lazy("Import organisations")
    header_icon = "upload"

    def form_valid(self, form):
        try:
            added = import_organisations(
                form.cleaned_data["file"], form.cleaned_data["file_format"]
            )
        except ImportRejected as rejected:
            # Nothing was saved: show every problem at once, so one round of fixes is enough.
            return self.render_to_response(
                self.get_context_data(form=form, problems=rejected.problems)
            )
        messages.success(self.request, _("%(count)d organisations imported.") % {"count": added})
        return super().form_valid(form)

    def get_success_url(self) -> str:
        return reverse("directory_import")


class OrganisationIndexView(IndexView):
    """The snippet listing, whose "Download CSV / XLSX" buttons give files the import reads.

    Wagtail's own export writes headings and values for people to read (verbose names, "True");
    ours writes the import's columns so that a downloaded file can be edited and imported again.
    It exports what the listing shows: its filters and search apply.
    """

    def as_spreadsheet(self, queryset, spreadsheet_format):
        filename = self.get_filename()
        if spreadsheet_format == XLSX:
            response = HttpResponse(export_organisations_xlsx(queryset), XLSX_CONTENT_TYPE)
        else:
            # With a byte-order mark Excel reads the file as UTF-8, Chinese names included.
            text = export_organisations(queryset)
            response = HttpResponse(text.encode("utf-8-sig"), "text/csv; charset=utf-8")
            spreadsheet_format = CSV
        response["Content-Disposition"] = f'attachment; filename="{filename}.{spreadsheet_format}"'
        return response
