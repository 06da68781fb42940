"""Deployment settings: Django's checklist is clean and bad environment values stop the start."""

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from partybrand.core.config import env_bool, env_int
from partybrand.core.staticstorage import StaticStorage

pytestmark = pytest.mark.slow(seconds=30)


def run_manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTYBRAND_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set only for the browser tests
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-m", "partybrand", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_checklist_is_clean_with_production_settings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        env_overrides={
            "PARTYBRAND_SECRET_KEY": "p" * 20 + "-Zq8#xv!2Lr@9Kd$Tm4wYb&7Hn^3Jc*6Fs(0" + "e" * 20,
            "PARTYBRAND_DATA_DIR": str(tmp_path),
            "PARTYBRAND_ALLOWED_HOSTS": "dangjian.example.com",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_manage("check", env_overrides={"PARTYBRAND_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "PARTYBRAND_SECRET_KEY is required" in result.stderr


def test_bad_boolean_and_integer_values_fail_loudly(monkeypatch):
    monkeypatch.setenv("PARTYBRAND_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="boolean"):
        env_bool("PARTYBRAND_X", False)
    monkeypatch.setenv("PARTYBRAND_X", "12abc")
    with pytest.raises(ImproperlyConfigured, match="integer"):
        env_int("PARTYBRAND_X", 1)
    monkeypatch.setenv("PARTYBRAND_X", "10")
    with pytest.raises(ImproperlyConfigured, match="at least 60"):
        env_int("PARTYBRAND_X", 100, minimum=60)


def test_static_files_collect_with_the_production_manifest_storage(tmp_path):
    result = run_manage(
        "collectstatic",
        "--noinput",
        "-v0",
        env_overrides={
            "PARTYBRAND_SECRET_KEY": "collect-" + "s" * 50,
            "PARTYBRAND_DATA_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = (tmp_path / "staticfiles" / "staticfiles.json").read_text()
    assert "vendor/echarts/echarts.min.js" in manifest


def test_static_urls_are_the_manifest_hashed_names_every_time(tmp_path, settings):
    """The production storage keeps each name's URL after the first lookup: the same hashed URL
    on every page, and the plain name in debug mode where the files are served as edited."""
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"app.css": "app.0123abcd.css"}, "hash": "x"})
    )
    storage = StaticStorage(location=str(tmp_path), base_url="/static/")
    settings.DEBUG = False
    assert storage.url("app.css") == "/static/app.0123abcd.css"
    assert storage.url("app.css") == "/static/app.0123abcd.css"
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        storage.url("missing.css")
    settings.DEBUG = True
    assert storage.url("app.css") == "/static/app.css"
