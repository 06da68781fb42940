"""Reads of plans and 三定 tasks scoped to a user: the plan list, my tasks, the overdue list and
its organisation filter, the 挂图作战 chooser, the parts of a plan's and a task's page, and the
task list of the API. Lists take the same number of queries however many rows there are."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce

from partybrand.brands.access import visible_brands
from partybrand.brands.models import Brand
from partybrand.core.ids import is_id
from partybrand.orgs.access import visible_orgs
from partybrand.orgs.models import Organization
from partybrand.orgs.roles import Cap, scope_q, users_with
from partybrand.orgs.tree import ancestor_paths, subtree_q
from partybrand.plans.access import visible_plans, visible_tasks
from partybrand.plans.choices import FINISHED, PlanKind, PlanStatus, TaskStatus
from partybrand.plans.colours import COLOUR_HEX, COLOURS, colour_case, colour_q, late_q
from partybrand.plans.models import Phase, Plan, Task

ORG_CHOICES = 300  # organisations offered by the overdue list's filter


def _task_count(condition):
    rows = (
        Task.objects.filter(condition, plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def plan_list(
    user, *, q: str = "", status: str = "", kind: str = "", brand: Brand | None = None, today
):
    """The plans the user sees, newest first, narrowed by words of the title or the
    organisation's name, a status, a kind (unknown values are ignored) and a brand, each with
    its number of tasks, of finished tasks and of red tasks on `today`."""
    plans = visible_plans(user).select_related("org", "brand")
    if brand is not None:
        plans = plans.filter(brand=brand)
    if q:
        plans = plans.filter(Q(title__icontains=q) | Q(org__name__icontains=q))
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    if kind in PlanKind.values:
        plans = plans.filter(kind=kind)
    # per-row subqueries: computed for the rows of the page only, not for every visible plan
    return plans.annotate(
        task_total=_task_count(Q()),
        task_done=_task_count(Q(status__in=FINISHED)),
        task_red=_task_count(colour_q("red", today)),
    ).order_by("-id")  # newest first; ids follow creation


def editable_orgs(user):
    """Organisations the user may create plans for (Cap.EDIT_BRAND there), by path."""
    return visible_orgs(user).filter(scope_q(user, Cap.EDIT_BRAND)).order_by("path")


def plan_people(org):
    """Users who can see a plan of `org`: roles with Cap.VIEW_BRANDS at it or above it."""
    paths = [*ancestor_paths(org.path), org.path]
    return users_with(Cap.VIEW_BRANDS, paths).filter(is_active=True).order_by("username")


@dataclass
class NewPlanChoices:
    """What the new-plan form offers, and what it starts with."""

    orgs: QuerySet  # where the user may create a plan
    brands: QuerySet  # the brands of those organisations that the user sees
    org: Organization  # the organisation asked for, else the first one
    brand: Brand | None  # the brand asked for, when it is one of `brands`
    people: QuerySet  # who may own and check the template's tasks


def new_plan_choices(user, *, org_id=None, brand_id=None) -> NewPlanChoices | None:
    """The new-plan form's choices, or None when the user may create a plan nowhere."""
    orgs = editable_orgs(user)
    if not orgs.exists():
        return None
    brands = visible_brands(user).filter(org__in=orgs).order_by("name")
    chosen = orgs.filter(pk=org_id).first() if is_id(org_id) else None
    chosen = chosen or orgs.first()
    brand = brands.filter(pk=brand_id).first() if is_id(brand_id) else None
    people = plan_people(brand.org if brand else chosen)
    return NewPlanChoices(orgs=orgs, brands=brands, org=chosen, brand=brand, people=people)


def task_list(user, *, today, plan=None, colour: str = "", mine: str = ""):
    """The tasks the user sees with their owner, checker and colour on `today`, nearest
    deadline first; narrowed to one plan (its id), one colour, or the tasks the user owns
    (`mine="owner"`) or checks (`mine="checker"`). My tasks and the API's task list."""
    tasks = (
        visible_tasks(user)
        .select_related("owner", "checker")
        .annotate(colour=colour_case(today))
        .order_by("deadline", "id")
    )
    if plan:
        tasks = tasks.filter(plan_id=plan)
    if colour in COLOURS:
        tasks = tasks.filter(colour_q(colour, today))
    if mine == "owner":
        tasks = tasks.filter(owner=user)
    elif mine == "checker":
        tasks = tasks.filter(checker=user)
    return tasks


def my_tasks(user, *, role: str, show_all: bool, today):
    """The tasks the user owns (or checks, with `role="checker"`) with their plan and phase,
    nearest deadline first; closed ones only with `show_all`."""
    tasks = task_list(user, today=today, mine="checker" if role == "checker" else "owner")
    tasks = tasks.select_related("plan__org", "phase")
    return tasks if show_all else tasks.exclude(status=TaskStatus.CLOSED)


def waiting_checks(user) -> int:
    """How many tasks reported complete wait for the user to check them."""
    return visible_tasks(user).filter(checker=user, status=TaskStatus.REPORTED).count()


def supervised_orgs(user):
    """Organisations with subordinates whose plans the user sees (the overdue list's filter)."""
    return (
        visible_orgs(user)
        .filter(scope_q(user, Cap.VIEW_BRANDS), child_count__gt=0)
        .order_by("path")
        .only("pk", "name", "depth", "path")
    )


def supervised_org(user, pk) -> Organization | None:
    """One of the supervised organisations by its id (the overdue list's chosen filter)."""
    return supervised_orgs(user).filter(pk=pk).first() if is_id(pk) else None


def overdue_tasks(user, *, org: Organization | None, today):
    """Red tasks of open plans the user sees (of `org` and everything below it, if given),
    nearest deadline first: committees and their staff supervise from here."""
    tasks = (
        visible_tasks(user)
        .filter(colour_q("red", today))
        .exclude(plan__status=PlanStatus.CLOSED)
        .select_related("plan__org", "owner", "checker")
        .order_by("deadline", "id")
    )
    if org is not None:
        tasks = tasks.filter(subtree_q(org.path, "plan__org__path"))
    return tasks


def brand_late_tasks(user, brand: Brand, *, today):
    """The brand's tasks past their deadline and not yet verified that the user sees, nearest
    deadline first: exactly what its health index counts as overdue (colours.late_q)."""
    return (
        visible_tasks(user)
        .filter(late_q(today), plan__brand=brand)
        .select_related("plan__org", "owner", "checker")
        .order_by("deadline", "id")
    )


def overdue_org_choices(user, chosen: Organization | None) -> list[Organization]:
    """The overdue list's organisations (the first ORG_CHOICES, and the chosen one), each with
    `indent` showing its depth below the shallowest."""
    choices = list(supervised_orgs(user)[:ORG_CHOICES])
    if chosen is not None and chosen not in choices:
        choices.append(chosen)
    top = min((o.depth for o in choices), default=0)
    for o in choices:  # the tree shown by indentation
        o.indent = "\u3000" * (o.depth - top)
    return choices


def board_plans(user):
    """Plans the user sees that are not closed, for the 挂图作战 chooser: plans in execution
    first, then drafts, newest first."""
    return (
        visible_plans(user)
        .select_related("org", "brand")
        .exclude(status=PlanStatus.CLOSED)
        .order_by(Case(When(status=PlanStatus.ACTIVE, then=0), default=1), "-id")
    )


def plan_phases(plan: Plan, *, today) -> tuple[list[Phase], list[Task], dict[str, int]]:
    """The plan's phases, each with its tasks (coloured on `today`, in order of start) in
    `task_list`; the tasks outside any phase; and how many tasks there are of each colour."""
    tasks = list(
        plan.tasks.select_related("plan", "owner", "checker")
        .annotate(colour=colour_case(today))
        .order_by("start", "deadline", "id")
    )
    phases = list(plan.phases.all())
    by_phase: dict[int, list[Task]] = {p.pk: [] for p in phases}
    loose: list[Task] = []
    for task in tasks:
        by_phase.get(task.phase_id, loose).append(task)
    for phase in phases:
        phase.task_list = by_phase[phase.pk]
    counts = dict.fromkeys(COLOUR_HEX, 0)
    for task in tasks:
        counts[task.colour] += 1
    return phases, loose, counts


def task_force(plan: Plan):
    """The plan's task force (专班) with their accounts."""
    return plan.task_force.select_related("user")


def task_detail_parts(task: Task) -> dict:
    """What a task's page lists: its progress reports (newest first, with their evidence), its
    milestones and its subtasks."""
    return {
        "updates": (
            task.updates.select_related("author")
            .prefetch_related("evidence")
            .order_by("-created_at", "-id")
        ),
        "milestones": task.milestones.all(),
        "subtasks": task.subtasks.select_related("owner"),
    }
