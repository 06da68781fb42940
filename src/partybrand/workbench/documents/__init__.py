"""Documents whose builders read several apps: the committee's 部署通知, and the brand's 实施方案,
申报书, 工作总结, 验收报告 and 品牌手册. Each is a builder `build_<kind>(subject, ctx) ->
DocumentSpec`; the documents layer lays it out."""

from partybrand.core.audit_registry import register_section_labels
from partybrand.documents.registry import DocumentKind, register_kind
from partybrand.workbench.documents.acceptance import build_acceptance_report
from partybrand.workbench.documents.application import build_application
from partybrand.workbench.documents.brand_plan import build_brand_plan
from partybrand.workbench.documents.deployment_notice import DEPLOYMENT_NOTICE
from partybrand.workbench.documents.drafting_facts import (
    application_facts,
    brand_plan_facts,
    work_summary_facts,
)
from partybrand.workbench.documents.vi_manual import build_vi_manual
from partybrand.workbench.documents.work_summary import build_work_summary

KINDS = [
    DEPLOYMENT_NOTICE,
    DocumentKind(
        code="brand-plan",
        title="品牌创建实施方案",
        subject="brand",
        layout="paper",
        build=build_brand_plan,
        facts=brand_plan_facts,
        description="指导思想、目标、定位与内涵、任务与载体、进度安排、组织领导，附三定任务清单",
    ),
    DocumentKind(
        code="application",
        title="党建品牌申报书",
        subject="brand",
        layout="paper",
        build=build_application,
        facts=application_facts,
        description="基本情况、品牌理念与标识、工作法、成效指标、荣誉、上级推荐意见和原创承诺",
    ),
    DocumentKind(
        code="work-summary",
        title="品牌创建年度工作总结",
        subject="brand",
        layout="paper",
        build=build_work_summary,
        facts=work_summary_facts,
        description="基本情况、主要做法、取得成效（平台数据）、存在问题和下一步打算",
    ),
    DocumentKind(
        code="acceptance-report",
        title="品牌创建验收报告",
        subject="brand",
        layout="paper",
        build=build_acceptance_report,
        description="验收得分、专家组意见、验收结论（通过或限期整改）和整改事项",
    ),
    DocumentKind(
        code="vi-manual",
        title="品牌视觉识别手册",
        subject="brand",
        layout="paper",
        build=build_vi_manual,
        description="标识及释义、标准色、标准字体、组合与应用规范、党徽党旗使用要求",
    ),
]


# How the audit log names the sections of the brand's documents that edits (and accepted drafts)
# change: a key several kinds share is named by each kind's heading.
SECTION_LABELS = {
    "overview": "基本情况",
    "practice": "主要做法",
    "results": "创建成效／取得成效",
    "problems": "存在问题",
    "next": "下一步打算",
    "facts": "基本情况",
    "theme": "品牌名称、口号及释义／品牌定位与内涵",
    "logo": "品牌标识及释义",
    "method": "品牌工作法",
    "carriers": "品牌载体",
    "honours": "所获荣誉",
    "innovation": "创新点",
    "recommendation": "上级党组织推荐意见",
    "commitment": "真实性和原创性承诺",
    "guidance": "指导思想",
    "goals": "工作目标",
    "tasks": "主要任务与载体",
    "schedule": "进度安排",
    "leadership": "组织领导",
    "safeguards": "保障措施",
    "requirements": "工作要求",
}


def register_document_kinds() -> None:
    for kind in KINDS:
        register_kind(kind)
    register_section_labels("documents.document", SECTION_LABELS)
