"""What the branch posts from its assessment page: self-scores with evidence files, submitting
to the level above, and the evidence files themselves (download, delete)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET, require_POST

from partybrand.assessments.access import access_assessment, access_evidence
from partybrand.assessments.choices import EDITABLE
from partybrand.assessments.forms import item_rows
from partybrand.assessments.services import self_assessment as services_self
from partybrand.assessments.views.assessments import render_detail
from partybrand.core.files import stored_download
from partybrand.core.forms import form_action, redirect_to


@login_required
@require_POST
def self_save(request, pk):
    assessment = access_assessment(request.user, pk, for_edit=True)
    items = list(assessment.items.select_related("indicator"))
    rows = item_rows(request.POST, [i.indicator_id for i in items])
    uploads = {i: request.FILES.getlist(f"evidence_{i.indicator_id}") for i in items}

    def save(_):
        changed = services_self.self_scores_save(
            actor=request.user, assessment=assessment, rows=rows
        )
        added = services_self.evidence_add_all(
            actor=request.user, assessment=assessment, uploads=uploads
        )
        return changed, added

    def refused(_):
        if any(uploads.values()):
            messages.info(request, "所选文件未上传，请改正后重新选择文件。")
        if assessment.status not in EDITABLE:  # nothing to fill in any more
            return redirect_to("assessments:detail", pk=assessment.pk)
        return render_detail(request, assessment, posted=rows)

    return form_action(
        request,
        None,
        save,  # scores and files are saved together or not at all
        success=lambda saved: (
            f"已保存自评（{saved[0]} 项有变化）"
            + (f"，上传佐证材料 {len(saved[1])} 份" if saved[1] else "")
            + "。"
        ),
        done=redirect_to("assessments:detail", "items", pk=assessment.pk),
        page=refused,
    )


@login_required
@require_POST
def submit(request, pk):
    assessment = access_assessment(request.user, pk, for_edit=True)
    return form_action(
        request,
        None,
        lambda _: services_self.assessment_submit(actor=request.user, assessment=assessment),
        success="自评已提交，等待上级评审。",
        done=redirect_to("assessments:detail", pk=assessment.pk),
        failed="未提交：",
    )


@login_required
@require_GET
def evidence_download(request, pk):
    evidence = access_evidence(request.user, pk)
    return stored_download(evidence.file, title=evidence.title, content_type=evidence.content_type)


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = access_evidence(request.user, pk, for_edit=True)
    assessment = evidence.item.assessment
    return form_action(
        request,
        None,
        lambda _: services_self.evidence_delete(actor=request.user, evidence=evidence),
        success=f"已删除佐证材料“{evidence.title}”。",
        done=redirect_to("assessments:detail", "items", pk=assessment.pk),
        failed="未删除：",
    )
