"""The admin page where staff import organisations from a CSV file."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .services import COLUMNS, ImportRejected, import_organisations

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class OrganisationImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file (UTF-8)"),
        help_text=gettext_lazy("First row: %(columns)s") % {"columns": ", ".join(COLUMNS)},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB; split it into several files.")
            )
        return upload


class OrganisationImportView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    permission_required = "directory.add_organisation"
    form_class = OrganisationImportForm
    template_name = "directory/admin/import.html"
    page_title = gettext_lazy("Import organisations")
    header_icon = "upload"

    def form_valid(self, form):
        try:
            added = import_organisations(form.cleaned_data["file"].read())
        except ImportRejected as rejected:
            # Nothing was saved: show every problem at once, so one round of fixes is enough.
            return self.render_to_response(
                self.get_context_data(form=form, problems=rejected.problems)
            )
        messages.success(self.request, _("%(count)d organisations imported.") % {"count": added})
        return super().form_valid(form)

    def get_success_url(self) -> str:
        return reverse("directory_import")
