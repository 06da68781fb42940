"""Prompt templates kept as versioned files in prompts/ (candidates.v1.txt, …).

The newest version of each template is used and its name travels with the drafts, so a
draft can always be traced to the words that produced it.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

from partybrand.assistant.drafts import OrgContext

DIR = Path(__file__).resolve().parent / "prompts"
_FILE = re.compile(r"^(?P<name>[a-z]+)\.v(?P<version>\d+)\.txt$")
NONE = "（无）"


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    version: str  # "candidates.v1"
    system: Template
    user: Template

    def render(self, **values) -> list[dict[str, str]]:
        return [
            {"role": "system", "content": self.system.substitute(values).strip()},
            {"role": "user", "content": self.user.substitute(values).strip()},
        ]


@cache
def template(name: str) -> PromptTemplate:
    versions = sorted(
        (int(m["version"]), path)
        for path in DIR.iterdir()
        if (m := _FILE.match(path.name)) and m["name"] == name
    )
    if not versions:
        raise LookupError(f"No prompt template named {name} in {DIR}")
    number, path = versions[-1]
    body = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    )
    system, _, user = body.partition("[user]")
    return PromptTemplate(
        name=name,
        version=f"{name}.v{number}",
        system=Template(system.replace("[system]", "", 1)),
        user=Template(user),
    )


def context_values(ctx: OrgContext) -> dict[str, str]:
    """The context as the templates' variables; empty values read as （无）."""
    return {
        "org_name": ctx.org_name or NONE,
        "org_kind": ctx.org_kind or NONE,
        "business": ctx.business or NONE,
        "region": ctx.region or NONE,
        "culture": ctx.culture or NONE,
        "keywords": "、".join(ctx.keywords) or NONE,
        "avoid_names": "、".join(ctx.avoid_names) or NONE,
    }
