"""The OpenID Connect provider of the tests: tests/sso/oidc_provider.mjs (panva's oidc-provider)
run by node in its own process, on a free port; started once per test session."""

import json
import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.sso import people

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "partybrand"
CLIENT_SECRET = "client-secret-for-tests-7c1d"
SCOPES = "openid profile email employee"


@dataclass(frozen=True)
class RunningProvider:
    issuer: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def accounts() -> dict:
    """The provider's people: the same as the directory's, with their claims."""
    found = {}
    for uid, password, name, staff_number, id_number in people.EVERYONE:
        claims = {"name": name, "preferred_username": uid, "email": f"{uid}@example.cn"}
        if staff_number:
            claims["employee_number"] = staff_number
        if id_number:
            claims["id_number"] = id_number
        found[uid] = {"password": password, "claims": claims}
    return found


def start_provider(site: str, people_accounts: dict | None = None) -> RunningProvider:
    """A provider whose one client (the platform) lives at `site` (http://testserver, or a
    live server's address), with `people_accounts` (default: the directory's people)."""
    client = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": [f"{site}/sso/oidc/callback/"],
        "post_logout_redirect_uris": [f"{site}/login/"],
        "grant_types": ["authorization_code"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "client_secret_basic",
    }
    node = shutil.which("node") or "/usr/bin/node"
    config = {"clients": [client], "accounts": people_accounts or accounts()}
    process = subprocess.Popen(
        [node, str(SCRIPT)],
        cwd=ROOT,
        env={
            **os.environ,
            "PROVIDER_CONFIG": json.dumps(config),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            line = process.stdout.readline()
            if line.startswith("READY "):
                return RunningProvider(line.split()[1], process)
            if not line and process.poll() is not None:
                break
    process.kill()
    raise RuntimeError("the OIDC provider (node tests/sso/oidc_provider.mjs) did not start")
