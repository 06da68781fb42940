"""A real OpenLDAP server (slapd) for the tests: its own folder and a free port, so parallel
workers each run their own; started once per test session."""

import base64
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import ldap

SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"
SLAPADD = shutil.which("slapadd") or "/usr/sbin/slapadd"
SCHEMAS = Path("/etc/ldap/schema")
BASE = "dc=example,dc=cn"
PEOPLE = f"ou=people,{BASE}"
READER = f"cn=platform-reader,ou=services,{BASE}"
READER_PASSWORD = "reader-pass-9"

# The ID number attribute the company added to its directory (AD has employeeID and the like).
SCHEMA = """
attributetype ( 1.3.6.1.4.1.4203.666.11.9901.1 NAME 'idNumber'
  DESC 'Resident identity card number'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{32} SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.4203.666.11.9901.2 NAME 'pbPerson'
  DESC 'A person with an identity card number' SUP top AUXILIARY MAY idNumber )
"""

CONFIG = """
include {schemas}/core.schema
include {schemas}/cosine.schema
include {schemas}/inetorgperson.schema
include {root}/partybrand.schema
pidfile {root}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{base}"
rootdn "cn=admin,{base}"
rootpw admin-not-used
directory {root}/db
access to attrs=userPassword
  by self read
  by anonymous auth
  by * none
access to *
  by dn.exact="{reader}" read
  by self read
  by * none
"""


@dataclass(frozen=True)
class DirectoryPerson:
    uid: str
    password: str
    cn: str
    staff_number: str = ""  # employeeNumber
    id_number: str = ""  # idNumber
    mail: str = ""


@dataclass(frozen=True)
class Directory:
    uri: str
    base: str
    people: str
    reader: str
    reader_password: str
    root: Path


def _value(name: str, value: str) -> str:
    if value.isascii():
        return f"{name}: {value}"
    return f"{name}:: {base64.b64encode(value.encode()).decode()}"


def ldif(people: list[DirectoryPerson]) -> str:
    entries = [
        [
            f"dn: {BASE}",
            "objectClass: dcObject",
            "objectClass: organization",
            "dc: example",
            "o: Example Group",
        ],
        [f"dn: ou=people,{BASE}", "objectClass: organizationalUnit", "ou: people"],
        [f"dn: ou=services,{BASE}", "objectClass: organizationalUnit", "ou: services"],
        [
            f"dn: {READER}",
            "objectClass: person",
            "cn: platform-reader",
            "sn: reader",
            f"userPassword: {READER_PASSWORD}",
        ],
    ]
    for p in people:
        lines = [
            f"dn: uid={p.uid},{PEOPLE}",
            "objectClass: inetOrgPerson",
            "objectClass: pbPerson",
            f"uid: {p.uid}",
            _value("cn", p.cn),
            _value("sn", p.cn[:1]),
            f"userPassword: {p.password}",
        ]
        lines += [f"employeeNumber: {p.staff_number}"] if p.staff_number else []
        lines += [f"idNumber: {p.id_number}"] if p.id_number else []
        lines += [f"mail: {p.mail}"] if p.mail else []
        entries.append(lines)
    return "\n\n".join("\n".join(entry) for entry in entries) + "\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ready(uri: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            connection = ldap.initialize(uri)
            connection.set_option(ldap.OPT_NETWORK_TIMEOUT, 1)
            connection.simple_bind_s(READER, READER_PASSWORD)
            connection.unbind_s()
            return True
        except ldap.SERVER_DOWN:
            time.sleep(0.05)
    return False


def start_slapd(root: Path, people: list[DirectoryPerson]):
    """Write the configuration and the people, load them, start slapd; (Directory, process)."""
    (root / "db").mkdir(parents=True)
    (root / "partybrand.schema").write_text(SCHEMA)
    config = root / "slapd.conf"
    config.write_text(CONFIG.format(schemas=SCHEMAS, root=root, base=BASE, reader=READER))
    (root / "people.ldif").write_text(ldif(people), encoding="utf-8")
    subprocess.run(
        [SLAPADD, "-f", str(config), "-l", str(root / "people.ldif")],
        check=True,
        capture_output=True,
    )
    for _attempt in range(5):
        uri = f"ldap://127.0.0.1:{free_port()}/"
        with open(root / "slapd.log", "ab") as log:  # the child keeps its own handle
            process = subprocess.Popen(
                [SLAPD, "-f", str(config), "-h", uri, "-d", "0"],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "LANG": "C"},
            )
        if _ready(uri, time.monotonic() + 10):
            directory = Directory(uri, BASE, PEOPLE, READER, READER_PASSWORD, root)
            return directory, process
        process.kill()
        process.wait()
    raise RuntimeError(f"slapd did not start; see {root / 'slapd.log'}")
