"""A published system's indicators as the assessments read them: the leaves (the items that
are scored) in order, and the 一级 dimension each leaf counts towards."""

from dataclasses import dataclass, field

from partybrand.indicators.models import Indicator


@dataclass
class Tree:
    """A published system's indicators: the leaves in order and each leaf's 一级 dimension."""

    system: object
    nodes: dict = field(default_factory=dict)  # id -> Indicator
    leaves: list = field(default_factory=list)
    dimensions: list = field(default_factory=list)  # level-1 indicators in order
    top_of: dict = field(default_factory=dict)  # leaf id -> level-1 indicator


def indicator_tree(system) -> Tree:

    tree = Tree(system=system)
    rows = list(Indicator.objects.filter(system=system).order_by("level", "position", "id"))
    tree.nodes = {i.pk: i for i in rows}
    children: dict = {}
    for i in rows:
        children.setdefault(i.parent_id, []).append(i)

    def walk(node, top):
        kids = children.get(node.pk, [])
        if not kids:
            tree.leaves.append(node)
            tree.top_of[node.pk] = top
        for kid in kids:
            walk(kid, top)

    for top in children.get(None, []):
        tree.dimensions.append(top)
        walk(top, top)
    return tree
