"""The request being answered, for what a model signal cannot otherwise know: who changed a
password in the Django admin, and which session to keep signed in when it was their own."""

from contextvars import ContextVar

current_request: ContextVar = ContextVar("partybrand_accounts_request", default=None)


def request_user():
    request = current_request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def request_session_key() -> str | None:
    request = current_request.get()
    session = getattr(request, "session", None)
    return session.session_key if session is not None else None


def request_path() -> str:
    request = current_request.get()
    return getattr(request, "path", "") or ""
