"""The .xlsx pages of the indicator systems: a system's table, the blank template, and importing
a table as a new system or as a new version of one (refused as a whole, every row named)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partybrand.core.files import xlsx_download
from partybrand.core.forms import form_action
from partybrand.core.tabular import ImportRefused
from partybrand.indicators import export_jobs, selectors
from partybrand.indicators.access import access_system, owner_choices, require_creator
from partybrand.indicators.forms import ImportForm
from partybrand.indicators.views.systems import back_to_system
from partybrand.indicators.xlsx_export import write_table
from partybrand.indicators.xlsx_import import import_system


@login_required
@require_POST
def system_export(request, pk):
    """The system's table: at once for a usual system, in the background for a very large one
    (a second click on the same form gives the same job)."""
    system = access_system(request.user, pk)
    if export_jobs.in_background(system):
        key = request.POST.get("submission_token", "")
        job = export_jobs.export_start(actor=request.user, system=system, key=key)
        return redirect(job.get_absolute_url())
    return xlsx_download(write_table(system), export_jobs.file_name(system))


@login_required
@require_GET
def import_template(request):
    return xlsx_download(write_table(), "指标体系导入模板.xlsx")


def _import_page(request, *, version_of=None):
    owners = None if version_of is not None else owner_choices(request.user)
    allow_template = request.user.is_superuser
    form = ImportForm(
        request.POST or None, request.FILES or None, owners=owners, allow_template=allow_template
    )
    refused_rows = []  # every problem of a refused table, listed under the form

    def run(data):
        try:
            return import_system(
                actor=request.user,
                upload=data["file"],
                owner=data.get("owner"),
                version_of=version_of,
            )
        except ImportRefused as refused:
            refused_rows.extend(refused.errors)
            count = len(refused.errors)
            raise ValidationError(f"共 {count} 处问题，请按下表逐行修改。") from refused

    return form_action(
        request,
        form,
        run,  # importing twice would make two systems: a posted token imports once
        success=lambda system: (
            f"已导入“{system.name}”第 {system.version} 版（草稿，"
            f"{selectors.indicator_count(system)} 项指标），核对无误后即可发布。"
        ),
        done=back_to_system,
        page=lambda form: render(
            request,
            "indicators/import.html",
            {"form": form, "errors": refused_rows, "version_of": version_of},
        ),
        failed="未导入：",
    )


@login_required
@require_http_methods(["GET", "POST"])
def system_import(request):
    require_creator(request.user)
    return _import_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def version_import(request, pk):
    system = access_system(request.user, pk, for_edit=True)
    return _import_page(request, version_of=system)
