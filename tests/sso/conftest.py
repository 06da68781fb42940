import pytest

from tests.factories import make_member, make_user
from tests.sso import people
from tests.sso.directory import DirectoryPerson, start_slapd
from tests.sso.provider import CLIENT_ID, CLIENT_SECRET, SCOPES, start_provider


@pytest.fixture(scope="session")
def slapd(tmp_path_factory):
    """One real slapd per test session (per xdist worker), in its own folder on a free port."""
    entries = [
        DirectoryPerson(uid, password, name, staff, id_no, mail=f"{uid}@example.cn")
        for uid, password, name, staff, id_no in people.EVERYONE
    ]
    directory, process = start_slapd(tmp_path_factory.mktemp("slapd"), entries)
    yield directory
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def ldap_on(settings, slapd):
    """The platform configured for the directory, as docs/CONFIGURATION.md says."""
    settings.AUTH_LDAP_SERVER_URI = slapd.uri
    settings.LDAP_ENABLED = True
    settings.AUTH_LDAP_BIND_DN = slapd.reader
    settings.AUTH_LDAP_BIND_PASSWORD = slapd.reader_password
    settings.LDAP_USER_BASE = slapd.people
    settings.LDAP_USER_FILTER = "(uid=%(user)s)"
    settings.LDAP_ATTRIBUTES = {
        "name": "cn",
        "email": "mail",
        "id_number": "idNumber",
        "staff_number": "employeeNumber",
    }
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "partybrand.sso.backends.DirectoryBackend",
    ]
    return slapd


def make_rolls(world) -> dict:
    """Members of 支部A for the directory's people; 赵六 already has a local login."""
    members = {
        "zhangsan": make_member(world.branch_a, "张三", staff_number="E1001"),
        "lisi": make_member(world.branch_a, "李四", id_number=people.ID_LISI),
        "zhaoliu": make_member(world.branch_a, "赵六", staff_number="E1002"),
        "qianqi": make_member(world.branch_a, "钱七", staff_number="E1003"),
        "sunba": make_member(world.branch_a, "孙八", staff_number="E1004"),
        "sunba_other": make_member(world.branch_a, "孙八（另一人）", id_number=people.ID_CONFLICT),
    }
    local = make_user("zhaoliu-local", "赵六")
    members["zhaoliu"].user = local
    members["zhaoliu"].save(update_fields=["user"])
    return members


@pytest.fixture
def rolls(world):
    return make_rolls(world)


@pytest.fixture(scope="session")
def oidc_provider():
    """One real OIDC provider per test session (per xdist worker) for the test client's site."""
    running = start_provider("http://testserver")
    yield running
    running.stop()


def configure_oidc(settings, issuer: str) -> None:
    """The platform configured for the provider as docs/CONFIGURATION.md says: the issuer and
    the client; the endpoints come from the provider's discovery document."""
    settings.OIDC_ISSUER = issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = SCOPES
    settings.OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "partybrand.sso.oidc.SingleSignOnBackend",
    ]


@pytest.fixture
def oidc_on(settings, oidc_provider):
    configure_oidc(settings, oidc_provider.issuer)
    return oidc_provider
