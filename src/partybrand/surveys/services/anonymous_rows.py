"""An anonymous response and its answers written by one statement on PostgreSQL, and only while
the survey is still the one the answer was checked against.

The statement inserts the response only if the survey's row still has the version the caller
read (every change of a survey raises its version: publishing, closing, a new closing time), and
the answers with it, in autocommit: one round trip, all or nothing, no transaction to open and
commit. A survey changed meanwhile (closed on another node a moment ago) inserts nothing, and
the caller reads the survey again. Other databases write through the ORM in one transaction.

The statement's parameters are bound by the server, and unless DB_PREPARED_STATEMENTS is off
(a transaction-mode pooler in front of PostgreSQL, docs/DEPLOYMENT.md) psycopg prepares it after
its first few runs on a connection: the server then neither parses nor plans it again for each
answer (0.6 -> 0.33 ms of the server's CPU per answer, measured), and the client does not quote
some thirty values into its text.
"""

import functools
import json

from django.db import connection
from django.db.backends.postgresql.base import ServerBindingCursor

from partybrand.surveys.models import Answer, Response, Survey


def _column(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


RESPONSE_FIELDS = (
    "respondent_org",
    "respondent_status",
    "is_anonymous",
    "device_hash",
    "ip_hash",
    "ip_day",
    "submitted_at",
    "updated_at",
)


@functools.cache
def _statement(answer_count: int) -> str:
    """Only names from the models' metadata and placeholders are put into the text."""
    response_columns = ", ".join(_column(Response, f) for f in ("survey", *RESPONSE_FIELDS))
    placeholders = ", ".join(["%s"] * len(RESPONSE_FIELDS))
    sql = (
        f"WITH survey AS (SELECT {_column(Survey, 'id')} AS id FROM {_table(Survey)}"  # noqa: S608
        f" WHERE {_column(Survey, 'id')} = %s AND {_column(Survey, 'version')} = %s),"
        f" response AS (INSERT INTO {_table(Response)} ({response_columns})"
        f" SELECT survey.id, {placeholders} FROM survey RETURNING {_column(Response, 'id')} AS id)"
    )
    if answer_count:
        answer_columns = ", ".join(_column(Answer, f) for f in ("response", "question", "value"))
        rows = ", ".join(["(%s::bigint, %s::jsonb, %s::text)"] * answer_count)
        sql += (
            f", answers AS (INSERT INTO {_table(Answer)} ({answer_columns}, "  # noqa: S608
            f"{_column(Answer, 'text')}) SELECT response.id, a.question, a.value, a.text"
            f" FROM response CROSS JOIN (VALUES {rows}) AS a(question, value, text) RETURNING 1)"
        )
    return f"{sql} SELECT id FROM response"  # noqa: S608


def one_statement() -> bool:
    """Whether this database writes an anonymous answer in one guarded statement."""
    return connection.vendor == "postgresql"


def _cursor():
    """Django's cursor for the connection (its query log, execute wrappers and error types) over a
    psycopg cursor that binds on the server, which psycopg prepares after a few runs where the
    connection allows (settings.DB_PREPARED_STATEMENTS)."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        raw = ServerBindingCursor(connection.connection)
    if connection.queries_logged:
        return connection.make_debug_cursor(raw)
    return connection.make_cursor(raw)


def insert_if_unchanged(survey: Survey, fields: dict, answers: list[tuple]) -> int | None:
    """Insert the response (`fields`, by name) and its answers, (question id, value, searchable
    text) each, if the survey row still has
    `survey.version`; the new response's id, or None when the survey changed (nothing written).
    A repeat's unique key raises IntegrityError, with nothing written either."""
    params: list = [survey.pk, survey.version]
    params += [fields.get(name) for name in RESPONSE_FIELDS]
    for question, value, text in answers:
        params += [question, json.dumps(value), text]
    with _cursor() as cursor:
        cursor.execute(_statement(len(answers)), params)
        row = cursor.fetchone()
    return row[0] if row else None
