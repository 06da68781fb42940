"""The database's shape as a backup sees it: which migrations are applied, the models as they were
at that state (Django's historical models, so an archive is read with the fields it was written
with), the tables in the order their foreign keys need, and moving an empty database to a state."""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

from partybrand.ops.errors import Refused

# Rows that `migrate` makes itself: they are written to the archive so that references to them
# can be translated by natural key (their ids differ from one database to another), not copied.
REFERENCE_MODELS = ("contenttypes.contenttype", "auth.permission")
# Sign-ins are not restored: people sign in again, and an archive holds no live sessions.
EXCLUDED_MODELS = ("sessions.session",)

State = dict[str, list[str]]  # app label → the names of its applied migrations


def applied_state() -> State:
    """The migrations applied to the database, per app (empty when it was never migrated)."""
    state: State = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def loader() -> MigrationLoader:
    return MigrationLoader(connection, ignore_no_migrations=True)


def code_state(migration_loader: MigrationLoader) -> State:
    """Every migration this code knows, per app (what `migrate` would apply)."""
    state: State = {}
    for app, name in sorted(migration_loader.graph.nodes):
        state.setdefault(app, []).append(name)
    return state


def code_apps(migration_loader: MigrationLoader) -> set[str]:
    return {app for app, _name in migration_loader.disk_migrations}


def known(state: State, migration_loader: MigrationLoader) -> State:
    """The state of the apps this code has: the records an app removed from the platform left in
    django_migrations say nothing about the tables there are."""
    apps_here = code_apps(migration_loader)
    return {app: names for app, names in state.items() if app in apps_here}


def unknown_migrations(state: State, migration_loader: MigrationLoader) -> list[str]:
    """Migrations of this code's apps that it has no file for: the state is newer than the code."""
    here = set(migration_loader.disk_migrations) | set(migration_loader.graph.nodes)
    return [
        f"{app}.{name}"
        for app, names in known(state, migration_loader).items()
        for name in names
        if (app, name) not in here
    ]


def leaves(state: State, migration_loader: MigrationLoader) -> list[tuple[str, str]]:
    """The last applied migration of each app (a migration no other applied one of its app
    follows)."""
    graph = migration_loader.graph
    applied = {(app, name) for app, names in state.items() for name in names}
    applied &= set(graph.nodes)
    result = []
    for node in sorted(applied):
        followers = graph.node_map[node].children
        if not any(child in applied and child[0] == node[0] for child in followers):
            result.append(node)
    return result


def models_at(state: State, migration_loader: MigrationLoader) -> dict[str, type[Model]]:
    """label → the model as it was at that state, for every table a backup holds."""
    nodes = leaves(state, migration_loader)
    if not nodes:
        return {}
    historical = migration_loader.project_state(nodes, at_end=True).apps
    models = {}
    for model in historical.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in EXCLUDED_MODELS:
            continue
        models[meta.label_lower] = model
    return models


def current_models() -> list[type[Model]]:
    """This code's models that have a table of their own."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    ]


def stored_fields(model: type[Model]) -> list:
    """The columns of the model's own table that hold data (generated columns are computed)."""
    return [
        field
        for field in model._meta.local_concrete_fields
        if not getattr(field, "generated", False)
    ]


def in_dependency_order(models: dict[str, type[Model]]) -> list[str]:
    """Labels ordered so that a table comes after the tables its foreign keys point to (the
    reference tables first); a cycle (rare) keeps the remaining labels in name order, which the
    deferred constraint checks of one transaction allow."""
    needs: dict[str, set[str]] = {}
    for label, model in models.items():
        targets = set()
        for field in model._meta.local_concrete_fields:
            if field.is_relation and field.related_model is not None:
                target = field.related_model._meta.label_lower
                if target != label and target in models:
                    targets.add(target)
        needs[label] = targets
    ordered = [label for label in REFERENCE_MODELS if label in models]
    placed = set(ordered)
    remaining = sorted(label for label in models if label not in placed)
    while remaining:
        ready = [label for label in remaining if needs[label] <= placed]
        batch = ready or remaining[:1]
        for label in batch:
            ordered.append(label)
            placed.add(label)
        remaining = [label for label in remaining if label not in placed]
    return ordered


def migrate_to(state: State) -> None:
    """Bring an empty database to exactly this state (forwards or backwards), so an archive
    written by an older version is loaded into the tables it was written from."""
    executor = MigrationExecutor(connection)
    migration_loader = executor.loader
    state_leaves = leaves(state, migration_loader)
    targets: list[tuple[str, str | None]] = []
    for app in sorted(migration_loader.migrated_apps):
        app_leaves = [node for node in state_leaves if node[0] == app]
        targets.extend(app_leaves if app_leaves else [(app, None)])
    plan = executor.migration_plan(targets)
    if plan:
        try:
            executor.migrate(targets, plan=plan)
        except Exception as exc:
            raise Refused(
                f"无法把数据库结构调整到备份时的版本（{exc}）；请使用与备份相同版本的平台程序恢复。"
            ) from exc


def migrate_forward() -> None:
    """Apply every migration of this code (after an older archive was loaded)."""
    call_command("migrate", interactive=False, verbosity=0)
