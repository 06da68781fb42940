"""Cases on their way up, built through the services as the branch, the committee above and the
group committee would: for the permission cases and the tests of this app."""

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.cases import services
from partybrand.cases.choices import CaseState
from partybrand.core import clock
from tests.permissions.cases.pages import PNG_1PX

TEXTS = {
    "summary": "检修一班党员示范岗以“三亮”为抓手，带动班组安全质量双提升。",
    "background": "机组检修任务重、青工多，检修质量一度不稳定。",
    "practice": "党员亮身份、亮承诺、亮标识，逐台核对检修工艺卡，开设“微课堂”。",
    "results": "一年来排查隐患十二项，青工技能考核通过率明显提高。",
    "appendix": "",
}
ORDER = [
    CaseState.SUBMITTED,
    CaseState.FORWARDED,
    CaseState.PUBLISHED,
    CaseState.REPORTED,
    CaseState.ADOPTED,
]


def photo(name="现场.png"):
    return SimpleUploadedFile(name, PNG_1PX, content_type="image/png")


def make_case(w, state=CaseState.DRAFT, *, title="检修一班“三亮”工作法", texts=True, photos=2):
    case = services.case_create(actor=w.secretary, brand=w.brand, title=title, authors=[w.member_a])
    if texts:
        services.case_update(actor=w.secretary, case=case, texts=TEXTS)
    if photos:
        services.case_photo_add(
            actor=w.secretary,
            case=case,
            photos=[photo(f"现场{n}.png") for n in range(1, photos + 1)],
        )
    if state == CaseState.RETURNED:
        services.case_submit(actor=w.secretary, case=case)
        services.case_return(actor=w.mid_admin, case=case, comment="做法部分请写具体。")
    elif state in ORDER:
        reached = ORDER.index(state)
        services.case_submit(actor=w.secretary, case=case)
        if reached >= 1:
            services.case_forward(actor=w.mid_admin, case=case)
        if reached >= 2:
            services.case_publish(actor=w.staff, case=case)
        if reached >= 3:
            services.case_report(
                actor=w.staff, case=case, reported_to="国资委党委", reported_on=clock.today()
            )
        if reached >= 4:
            report = case.reports.get()
            services.case_adopt(
                actor=w.staff,
                report=report,
                adopted=True,
                level="province",
                adopted_on=clock.today(),
            )
    case.refresh_from_db()
    return case
