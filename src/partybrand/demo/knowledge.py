"""Demo 党建AI问答: the group's 党建工作部 publishes the sample learning documents the platform
ships (texts written for it), the index is built over every brand record, practice, plan and
carrier, and a member and a secretary ask a few questions; the 党建工作部 rates one answer and
corrects another. All through the services, as the users would."""

from django.core.files.uploadedfile import SimpleUploadedFile

from partybrand.knowledge import index, services
from partybrand.knowledge.evaluation import SAMPLE

# (file in knowledge/data/sample, title)
DOCUMENTS = [
    ("branch_rules", "基层党支部工作规则（示例）"),
    ("carriers_rules", "党员示范岗和党员突击队管理办法（示例）"),
    ("learning", "党建品牌创建学习资料（示例）"),
]
# (asker, question)
QUESTIONS = [
    ("member1", "主题党日多久开展一次？"),
    ("member1", "党费怎么交？有困难能不能少交？"),
    ("member1", "我们支部的品牌口号是什么？"),
    ("secretary1", "党员示范岗要公开哪些内容？"),
    ("secretary1", "预备党员的预备期是多长？"),
    ("member1", "明天食堂吃什么？"),
]
CORRECTION = (
    "预备期为一年，从支部党员大会通过其为预备党员之日算起；预备期满，支部召开党员大会讨论"
    "能否按期转正（见《基层党支部工作规则（示例）》第十七条）。"
)


def seed_knowledge(*, demo) -> None:
    users = demo.users
    office = users.get("office")
    if office is None:
        return
    for name, title in DOCUMENTS:
        data = (SAMPLE / f"{name}.txt").read_bytes()
        upload = SimpleUploadedFile(f"{title}.txt", data, content_type="text/plain")
        document = services.document_upload(actor=office, org=demo.root, title=title, upload=upload)
        services.document_parse(document)  # at once, so the questions below find it
    index.rebuild()
    asked = {}
    for username, text in QUESTIONS:
        if username in users:
            asked[text] = services.question_ask(actor=users[username], text=text)
    if first := asked.get("主题党日多久开展一次？"):
        services.answer_review(actor=office, question=first, rating="useful")
    if probation := asked.get("预备党员的预备期是多长？"):
        services.answer_review(
            actor=office, question=probation, rating="useful", correction=CORRECTION
        )
