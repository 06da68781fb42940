"""Try directory (LDAP) and single sign-on (OIDC) sign-in on the demo without a company
directory: starts the test suite's slapd and OIDC provider with five people who are members of
the demo's rolls (matched by their ID numbers), and prints the settings to serve the demo with.

    make demo-data && .venv/bin/python scripts/sso-sandbox.py [--site http://127.0.0.1:8000]

Stop with Ctrl+C. Needs slapd and node (scripts/system-deps.sh, `npm ci`).
"""

import argparse
import os
import signal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings")
os.environ.setdefault("PARTYBRAND_SECRET_KEY", (ROOT / "var" / "secret_key").read_text().strip())

import django  # noqa: E402

django.setup()

from partybrand.orgs.models import Member  # noqa: E402
from tests.sso.directory import DirectoryPerson, start_slapd  # noqa: E402
from tests.sso.provider import CLIENT_ID, CLIENT_SECRET, SCOPES, start_provider  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="http://127.0.0.1:8000", help="where the demo is served")
    site = parser.parse_args().site.rstrip("/")
    members = (
        Member.objects.filter(is_active=True, user__isnull=True, id_number__isnull=False)
        .select_related("org")
        .order_by("org__path", "id")[:5]
    )
    if not members:
        sys.exit("演示数据中没有未开通账号、登记了身份证号的党员：请先运行 make demo-data。")
    people = [
        DirectoryPerson(f"sso{i}", f"sso-pass-{i}", m.name, "", m.id_number or "")
        for i, m in enumerate(members, start=1)
    ]
    directory, slapd = start_slapd(Path(tempfile.mkdtemp(prefix="pb-slapd-")), people)
    accounts = {
        p.uid: {
            "password": p.password,
            "claims": {"name": p.cn, "preferred_username": p.uid, "id_number": p.id_number},
        }
        for p in people
    }
    provider = start_provider(site, accounts)
    print("# 目录与统一身份认证已启动。以下列设置重启平台（make serve 前 export）：")
    print(f"export PARTYBRAND_LDAP_SERVER_URI={directory.uri}")
    print(f"export PARTYBRAND_LDAP_BIND_DN='{directory.reader}'")
    print(f"export PARTYBRAND_LDAP_BIND_PASSWORD={directory.reader_password}")
    print(f"export PARTYBRAND_LDAP_USER_BASE='{directory.people}'")
    print("export PARTYBRAND_LDAP_ATTR_ID_NUMBER=idNumber")
    print(f"export PARTYBRAND_OIDC_ISSUER={provider.issuer}")
    print(f"export PARTYBRAND_OIDC_CLIENT_ID={CLIENT_ID}")
    print(f"export PARTYBRAND_OIDC_CLIENT_SECRET={CLIENT_SECRET}")
    print(f"export PARTYBRAND_OIDC_SCOPES='{SCOPES}'")
    print("# 可登录的人（用户名 / 密码 → 名册中的党员）：")
    for person, member in zip(people, members, strict=True):
        print(f"#   {person.uid} / {person.password} → {member.name}（{member.org.name}）")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so the finally below stops both
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        provider.stop()
        slapd.terminate()


if __name__ == "__main__":
    main()
