"""My background work: the list, one job's page (progress, then its result) and what the page
polls, and the result file, for the job's owner only."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from partybrand.core.files import stored_download
from partybrand.core.pagination import paginate
from partybrand.jobs import selectors
from partybrand.jobs.access import access_job

TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
@require_GET
def job_list(request):
    page = paginate(request, selectors.job_list(request.user))
    return render(request, "jobs/job_list.html", {"page": page, "jobs": page.object_list})


@login_required
@require_GET
def job_detail(request, pk):
    job = access_job(request.user, pk)
    return render(
        request, "jobs/job_detail.html", {"job": job, "status": selectors.job_status(job)}
    )


@login_required
@require_GET
def job_progress(request, pk):
    job = access_job(request.user, pk)
    return JsonResponse(selectors.job_status(job))


@login_required
@require_GET
def job_download(request, pk):
    job = access_job(request.user, pk)
    if not job.result_file:
        raise Http404("该任务没有结果文件。")
    title = job.result_name.rsplit(".", 1)[0] or str(job)
    extension = job.result_file.name.rsplit(".", 1)[-1].lower()
    response = stored_download(
        job.result_file, title=title, content_type=TYPES.get(extension, TYPES["xlsx"])
    )
    response["Cache-Control"] = "private, no-store"
    return response
