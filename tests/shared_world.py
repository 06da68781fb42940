"""The test world built once per test process instead of once per test.

Building `tests.factories.build_world` takes about 130 queries through the product's services,
and most of the suite's tests ask for it. The world is built inside a transaction that is never
committed; each test's own transaction (pytest-django's, as before) nests inside it as a
savepoint, so after every test the world is back as it was built, and the test gets freshly read
copies of its rows.

A test that commits (transactional_db, live_server: other processes must see its rows) or that
asks for the database without the world (it expects an empty one) closes the shared transaction
first; the next test that wants the world builds it again.
"""

from dataclasses import fields

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from tests.factories import World, build_world

# Fixtures whose tests commit for real: the shared transaction must not be open under them.
COMMITTING = {
    "transactional_db",
    "live_server",
    "live_world",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def uses_shared_world(request) -> bool:
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    committing = bool(COMMITTING & names) or bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )
    return "world" in names and not committing


class SharedWorld:
    def __init__(self) -> None:
        self._atomic = None
        self._connection = None  # the connection the transaction is open on
        self._keys: dict[str, tuple[type, int]] = {}

    @property
    def is_open(self) -> bool:
        return (
            self._atomic is not None
            and connections[DEFAULT_DB_ALIAS] is self._connection
            and self._connection.in_atomic_block
        )

    def open(self, blocker) -> None:
        if self.is_open:
            return
        self.close(blocker)
        with blocker.unblock():
            self._connection = connections[DEFAULT_DB_ALIAS]
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            world = build_world()
        self._keys = {
            f.name: (type(getattr(world, f.name)), getattr(world, f.name).pk) for f in fields(World)
        }

    def close(self, blocker) -> None:
        """Roll the world back. Some fixtures (the live server's, Playwright's) leave another
        connection object in place of the one the transaction is open on: that one is put back
        for the rollback, or the other connections would wait on its lock."""
        if self._atomic is None:
            return
        atomic, own = self._atomic, self._connection
        self._atomic = self._connection = None
        if not own.in_atomic_block:
            return  # closed, and so rolled back, already
        current = connections[DEFAULT_DB_ALIAS]
        connections[DEFAULT_DB_ALIAS] = own
        try:
            with blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
        finally:
            connections[DEFAULT_DB_ALIAS] = current

    def load(self) -> World:
        """Fresh copies: a test that changed an object in memory leaves nothing to the next."""
        by_model: dict[type, set[int]] = {}
        for model, pk in self._keys.values():
            by_model.setdefault(model, set()).add(pk)
        rows = {model: model.objects.in_bulk(pks) for model, pks in by_model.items()}
        return World(**{name: rows[model][pk] for name, (model, pk) in self._keys.items()})
