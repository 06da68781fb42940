"""Typed access to environment settings; a bad value stops the process with a clear message."""

import ipaddress
import os
import re
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

_MISSING = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default=_MISSING) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}.") from exc
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {number}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_networks(
    name: str, default: list[str]
) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Comma-separated addresses or networks (`10.0.0.5`, `10.1.0.0/16`, `::1`)."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name} must list addresses or networks (10.0.0.5, 10.1.0.0/16), got {item!r}."
            ) from exc
    return networks


def data_dir() -> Path:
    """PARTYBRAND_DATA_DIR, by default var/ beside src/ (settings.DATA_DIR; gunicorn_conf.py reads
    it before Django is set up)."""
    default = Path(__file__).resolve().parents[3] / "var"
    return Path(env_str("PARTYBRAND_DATA_DIR", str(default)))


_CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def daily_schedule(times: dict[str, str]) -> dict:
    """Celery beat's schedule of the daily jobs: task `partybrand.daily.<name>` at "HH:MM"."""
    schedule = {}
    for name, text in times.items():
        match = _CLOCK_TIME.match(text.strip())
        if not match:
            raise ImproperlyConfigured(
                f"The time of the daily job {name} must be HH:MM, got {text!r}."
            )
        schedule[name] = {
            "task": f"partybrand.daily.{name}",
            "schedule": crontab(hour=int(match[1]), minute=int(match[2])),
        }
    return schedule
