"""What the branch posts from its assessment page: self-scores with evidence files, submitting
to the level above, and the evidence files themselves (download, delete)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET, require_POST

from partybrand.assessments.access import access_assessment, access_evidence
from partybrand.assessments.choices import EDITABLE
from partybrand.assessments.forms import item_rows
from partybrand.assessments.scoring import input_from_score
from partybrand.assessments.services import self_assessment as services_self
from partybrand.assessments.views.assessments import render_detail
from partybrand.core.files import stored_download
from partybrand.core.forms import VersionForm, form_action, redirect_to


def typed_scores(items, rows):
    """A stale score sheet's report: the scores typed, by indicator, against those saved now."""
    by_id = {item.indicator_id: item.indicator for item in items}
    yours = {by_id[pk].code: row["value"] for pk, row in rows.items()}
    labels = {by_id[pk].code: f"{by_id[pk].code} {by_id[pk].name}" for pk in rows}

    def theirs(assessment):
        saved = assessment.items.select_related("indicator")
        return {i.indicator.code: input_from_score(i.indicator, i.self_score) for i in saved}

    return yours, labels, theirs


@login_required
@require_POST
def self_save(request, pk):
    assessment = access_assessment(request.user, pk, for_edit=True)
    items = list(assessment.items.select_related("indicator"))
    rows = item_rows(request.POST, [i.indicator_id for i in items])
    uploads = {i: request.FILES.getlist(f"evidence_{i.indicator_id}") for i in items}
    form = VersionForm(
        request.POST, version=assessment.version, typed=lambda: typed_scores(items, rows)
    )

    def save(data):
        changed = services_self.self_scores_save(
            actor=request.user, assessment=assessment, rows=rows, version=data["version"]
        )
        added = services_self.evidence_add_all(
            actor=request.user, assessment=assessment, uploads=uploads
        )
        return changed, added

    def refused(form):
        if any(uploads.values()):
            messages.info(request, "所选文件未上传，请改正后重新选择文件。")
        if assessment.status not in EDITABLE:  # nothing to fill in any more
            return redirect_to("assessments:detail", pk=assessment.pk)
        return render_detail(request, assessment, posted=rows, version_form=form)

    return form_action(
        request,
        form,
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
