"""An assessment under review by two experts, for the tests of reviewers and their limits."""

from partybrand.assessments.models import Assessment
from partybrand.assessments.services import review as services_review
from partybrand.assessments.services import self_assessment as services_self
from partybrand.orgs.choices import Role
from partybrand.orgs.services import role_assign
from tests.factories import make_user
from tests.permissions.cases.assessments import evidence_pdf, filled, leaf


def second_expert(world):
    user = make_user("expert2", "冯专家")
    role_assign(actor=None, user=user, org=world.group, role=Role.EXPERT)
    return user


def split_review(world):
    """Evidence on 1.1 and 2.1; world.expert reviews everything, 冯专家 only 2.1."""
    a = filled(world)
    services_self.evidence_add(
        actor=world.secretary,
        item=a.items.get(indicator__code="2.1"),
        uploads=[evidence_pdf("三会一课记录.pdf")],
    )
    a = services_self.assessment_submit(actor=world.secretary, assessment=a)
    full = services_review.reviewer_assign(
        actor=world.mid_admin, assessment=a, reviewer=world.expert
    )
    part = services_review.reviewer_assign(
        actor=world.mid_admin,
        assessment=a,
        reviewer=second_expert(world),
        indicators=[leaf(a.system, "2.1")],
    )
    return Assessment.objects.get(pk=a.pk), full, part
