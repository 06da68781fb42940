"""失败任务: the background work that failed through an error of the platform, for the roles
that run it (Cap.RUN_JOBS over the organisation the work was started from), with the error's
details and a button to run it again (audited; a second click changes nothing)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from partybrand.core.forms import form_action
from partybrand.core.pagination import paginate
from partybrand.jobs.choices import JobKind, JobState
from partybrand.jobs.models import Job
from partybrand.jobs.services import job_rerun, job_start
from partybrand.orgs.roles import Cap, holds_anywhere, scope_q

REFUSED = "只有上级党委管理员和党建工作部可以查看失败任务。"


def failed_jobs(user):
    """Failed jobs in the user's reach that an error of the platform ended, newest first."""
    if not holds_anywhere(user, Cap.RUN_JOBS):
        raise PermissionDenied(REFUSED)
    return (
        Job.objects.filter(scope_q(user, Cap.RUN_JOBS, "org_path"), state=JobState.FAILED)
        .exclude(traceback="")
        .select_related("owner")
        .order_by("-finished_at", "-pk")
    )


@login_required
@require_GET
def failed_job_list(request):
    page = paginate(request, failed_jobs(request.user))
    return render(request, "ops/failed_jobs.html", {"page": page, "jobs": page.object_list})


@login_required
@require_POST
def theme_index_rebuild(request):
    """The similarity index rebuilt now rather than at the daily run, by the roles that run
    the platform's work (the same index for everyone: a second rebuild changes nothing)."""
    failed_jobs(request.user)  # the capability, anywhere
    job = job_start(
        actor=request.user,
        kind=JobKind.THEME_INDEX_REBUILD,
        key=request.POST.get("submission_token", ""),
    )
    messages.success(request, "已开始重建品牌相似度索引。")
    return redirect(job.get_absolute_url())


@login_required
@require_POST
def failed_job_rerun(request, pk):
    failed_jobs(request.user)  # the capability, anywhere
    job = Job.objects.filter(scope_q(request.user, Cap.RUN_JOBS, "org_path"), pk=pk).first()
    if job is None:
        raise Http404("没有找到该后台任务。")
    return form_action(
        request,
        None,
        lambda _data: job_rerun(actor=request.user, job=job),
        success=f"已重新提交“{job}”，完成后会通知发起人。",
        done=redirect("ops_failed_jobs"),
        failed="未重新执行：",
    )
