"""Run in a child process by test_numbering: a fresh database, the test world, THREADS requests
taking a 发文字号 at the same moment; prints the numbers they got."""

import json
import threading

THREADS = 6


def _race() -> list[str]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import OperationalError, connection, transaction

    from partybrand.documents.numbering import document_number_take
    from tests.factories import build_world

    call_command("migrate", verbosity=0)
    world = build_world()
    barrier = threading.Barrier(THREADS)
    numbers: list[str] = []

    def take():
        try:
            barrier.wait()
            for _attempt in range(50):  # SQLite answers "database is locked" instead of waiting
                try:
                    with transaction.atomic():
                        numbers.append(
                            document_number_take(actor=world.staff, org=world.group, year=2026)
                        )
                    return
                except OperationalError:
                    continue
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return numbers


if __name__ == "__main__":
    print(json.dumps(_race(), ensure_ascii=False))
