"""Materialised paths: each organisation's path is its parent's path plus a fixed-width step.

A subtree is then one indexed prefix match (`path LIKE 'p%'`; PostgreSQL gets a pattern index).
"""

from django.db.models import Q

STEP_LEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_CHILDREN = len(ALPHABET) ** STEP_LEN


def encode_step(index: int) -> str:
    if not 0 <= index < MAX_CHILDREN:
        raise ValueError(f"child index {index} out of range")
    chars = []
    for _ in range(STEP_LEN):
        index, rem = divmod(index, len(ALPHABET))
        chars.append(ALPHABET[rem])
    return "".join(reversed(chars))


def decode_step(step: str) -> int:
    index = 0
    for char in step[-STEP_LEN:]:
        index = index * len(ALPHABET) + ALPHABET.index(char)
    return index


def child_path(parent_path: str, index: int) -> str:
    return parent_path + encode_step(index)


def subtree_q(path: str, field: str = "path") -> Q:
    return Q(**{f"{field}__startswith": path})


def ancestor_paths(path: str) -> list[str]:
    """Every proper ancestor's path, root first."""
    return [path[:i] for i in range(STEP_LEN, len(path), STEP_LEN)]
