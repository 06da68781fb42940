"""`make multinode`: the platform as production runs it, on one machine — two app nodes (separate
gunicorn servers on local ports) and one task-queue worker (`celery -A partybrand worker`) against
one PostgreSQL database of their own (`partybrand_multinode`, created fresh), Redis as the shared
cache and as the worker's broker (a database number each, emptied first; a queue name of the
run's own) and one shared data folder (uploads) — and, over plain HTTP, the things that must hold
across nodes:

- a session made on node A works on node B;
- login throttling is shared: five failures split across the nodes lock the name;
- a brand added through A is found by the similarity check on B within seconds;
- an upload through A is served by B;
- a member workbook uploaded on A's import page is imported by the worker, its job page and
  progress endpoint followed on B until done, and the members are there.

Only what the checks need is seeded, on a schema cloned from a template migrated once
(scripts/multinode_seed.py: a few branches, two secretaries and the committee administrator), so a
run costs little more than a few Django starts; CI runs it (.ci/run).

Each check prints ✓ or ✗ with its time; the script exits non-zero when any fails, and stops every
process it started whatever happens (Ctrl+C included). Settings: MULTINODE_POSTGRES (server URL
without a database, default postgres://postgres@127.0.0.1:5432), MULTINODE_REDIS_URL (default
redis://127.0.0.1:6379/12), MULTINODE_BROKER_URL (default redis://127.0.0.1:6379/13),
MULTINODE_KEEP=1 keeps var/multinode/ (logs of each node and of the worker) afterwards.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis
import requests
from openpyxl import Workbook, load_workbook
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCRATCH = ROOT / "var" / "multinode"
DATABASE = "partybrand_multinode"
POSTGRES = os.environ.get("MULTINODE_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("MULTINODE_REDIS_URL", "redis://127.0.0.1:6379/12")
BROKER_URL = os.environ.get("MULTINODE_BROKER_URL", "redis://127.0.0.1:6379/13")
QUEUE = f"multinode-{os.getpid()}"  # the run's own: no other worker on this Redis takes its tasks
PASSWORD = os.environ.get("DEMO_PASSWORD", "demo12345")  # noqa: S105 (the demo accounts)
USER = "secretary1"  # signs in, adds the brand and its logo, imports members
LOCKED_USER = "secretary2"  # whose name the failures lock
TIMEOUT = 60
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORTED = 300  # members in the workbook: enough for the job to be seen running


@dataclass
class Node:
    name: str
    port: int
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    nodes: list[Node]
    processes: list[subprocess.Popen] = field(default_factory=list)
    shared: dict = field(default_factory=dict)  # what one check leaves for the next

    @property
    def a(self) -> Node:
        return self.nodes[0]

    @property
    def b(self) -> Node:
        return self.nodes[1]


class CheckFailed(AssertionError):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# --- the processes ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment() -> dict:
    secret = (SCRATCH / "secret_key").read_text().strip()
    return {
        **os.environ,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "PARTYBRAND_BROKER_URL": BROKER_URL,
        "PARTYBRAND_QUEUE_NAME": QUEUE,
        "PARTYBRAND_DATA_DIR": str(SCRATCH / "data"),  # one folder for both nodes: uploads
        "PARTYBRAND_SECRET_KEY": secret,  # the same on every node: sessions and CSRF tokens
        "PARTYBRAND_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PARTYBRAND_HTTPS": "false",
        "PARTYBRAND_DEMO": "true",
        "PARTYBRAND_LOG_FORMAT": "json",
        "DEMO_PASSWORD": PASSWORD,
    }


def fresh_database() -> None:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    for url in (REDIS_URL, BROKER_URL):
        redis.Redis.from_url(url).flushdb()


def prepare(cluster: Cluster) -> None:
    """A fresh database, its schema cloned from a template migrated once (or migrated) and only
    what the checks need seeded (scripts/multinode_seed.py, whose last line is secretary1's
    branch code), while the static files are collected beside it."""
    shutil.rmtree(SCRATCH, ignore_errors=True)
    (SCRATCH / "data").mkdir(parents=True)
    (SCRATCH / "secret_key").write_text(secrets.token_urlsafe(50))
    fresh_database()
    env = environment()
    partybrand = str(BIN / "partybrand")
    collecting = subprocess.Popen(
        [partybrand, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, start_new_session=True
    )
    cluster.processes.append(collecting)
    seeded = subprocess.run(
        [str(BIN / "python"), str(ROOT / "scripts" / "multinode_seed.py")],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    expect(seeded.returncode == 0, f"multinode_seed.py failed:\n{seeded.stderr[-3000:]}")
    how, cluster.shared["branch_code"] = seeded.stdout.strip().splitlines()[-2:]
    print(f"  {how}", flush=True)
    expect(collecting.wait() == 0, "collectstatic failed")


def start_node(cluster: Cluster, node: Node) -> None:
    log = (SCRATCH / f"node-{node.name}.log").open("w")
    node.process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            "python:partybrand.gunicorn_conf",
            "partybrand.wsgi",
            "-b",
            f"127.0.0.1:{node.port}",
            "-w",
            "1",  # one worker a node: sharing is between nodes, and each start costs seconds
            "--timeout",
            "60",  # the first similarity check loads the sentence encoder
            "--limit-request-line",
            "0",
        ],
        env=environment(),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped with its workers
    )
    cluster.processes.append(node.process)


def start_worker(cluster: Cluster) -> None:
    """One worker process on the run's own queue, as scripts/serve.sh starts it (without beat)."""
    log = (SCRATCH / "worker.log").open("w")
    worker = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "partybrand",
            "worker",
            "--concurrency",
            "1",
            "--loglevel",
            "info",
            "-Q",
            QUEUE,
            "--hostname",
            f"{QUEUE}@%h",
            "--without-gossip",
            "--without-mingle",
        ],
        env=environment(),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped with its pool
    )
    cluster.processes.append(worker)
    cluster.shared["worker"] = worker


def wait_until_up(node: Node) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(node.base + "/readyz", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        expect(node.process.poll() is None, f"node {node.name} exited; see its log")
        expect(time.monotonic() < deadline, f"node {node.name} not ready within 120 s")
        time.sleep(0.5)


def stop(processes: list[subprocess.Popen]) -> None:
    """Every process group started, TERM then KILL: gunicorn's master takes its workers along."""
    for process in processes:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- HTTP helpers -------------------------------------------------------------------------------


def sign_in(session: requests.Session, node: Node, username: str, password: str):
    """The sign-in page, as a browser posts it (the CSRF cookie and field)."""
    session.get(node.base + "/login/", timeout=TIMEOUT)
    return session.post(
        node.base + "/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        },
        allow_redirects=False,
        timeout=TIMEOUT,
    )


def api_token(node: Node, username: str) -> dict:
    answer = requests.post(
        node.base + "/api/v1/auth/token/",
        json={"username": username, "password": PASSWORD},
        timeout=TIMEOUT,
    )
    expect(answer.status_code == 200, f"token on {node.name}: {answer.status_code}")
    return {"Authorization": f"Token {answer.json()['token']}"}


def theme_check(node: Node, headers: dict, name: str) -> list[str]:
    answer = requests.post(
        node.base + "/api/v1/themes/check", json={"name": name}, headers=headers, timeout=TIMEOUT
    )
    expect(answer.status_code == 200, f"check on {node.name}: {answer.status_code}")
    return [near["name"] for near in answer.json()["nearest"]]


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 16, 46)).save(buffer, "PNG")
    return buffer.getvalue()


# --- the checks ---------------------------------------------------------------------------------


def session_made_on_a_works_on_b(cluster: Cluster) -> str:
    browser = requests.Session()
    signed_in = sign_in(browser, cluster.a, USER, PASSWORD)
    expect(signed_in.status_code == 302, f"sign-in on A answered {signed_in.status_code}")
    home = browser.get(cluster.b.base + "/", allow_redirects=False, timeout=TIMEOUT)
    expect(home.status_code == 200, f"B answered {home.status_code} to A's session")
    expect(USER in home.text or "退出" in home.text, "B's page does not show a signed-in user")
    cluster.shared["browser"] = browser
    return "A 登录的会话在 B 上打开首页"


def login_throttling_is_shared(cluster: Cluster) -> str:
    nodes = [cluster.a, cluster.b, cluster.a, cluster.b, cluster.a]
    for number, node in enumerate(nodes, 1):
        answer = sign_in(requests.Session(), node, LOCKED_USER, f"wrong-{number}")
        expect(answer.status_code in (200, 429), f"failure {number} on {node.name}: {answer}")
    right = sign_in(requests.Session(), cluster.b, LOCKED_USER, PASSWORD)
    expect(right.status_code == 429, f"the right password after 5 failures: {right.status_code}")
    expect(right.headers.get("Retry-After"), "no Retry-After on the refusal")
    return "A、B 交替 5 次失败后，正确密码在 B 上也被锁定（429）"


def brand_added_on_a_is_found_on_b(cluster: Cluster) -> str:
    headers = api_token(cluster.a, USER)
    orgs = requests.get(cluster.a.base + "/api/v1/orgs/", headers=headers, timeout=TIMEOUT)
    expect(orgs.status_code == 200 and orgs.json()["results"], f"{USER} sees no organisation")
    org = orgs.json()["results"][0]["id"]  # a branch secretary sees their branch
    name = "星河领航" + secrets.choice("甲乙丙丁戊己庚辛")
    theme_check(cluster.b, headers, name)  # B's index is loaded before the brand exists
    created = requests.post(
        cluster.a.base + "/api/v1/brands/",
        json={"org": org, "name": name, "slogan": "多节点验证 同步可见"},
        headers=headers,
        timeout=TIMEOUT,
    )
    expect(created.status_code == 201, f"brand on A: {created.status_code} {created.text[:200]}")
    cluster.shared["brand"] = created.json()["id"]
    added = time.monotonic()
    while name not in theme_check(cluster.b, headers, name):
        expect(time.monotonic() - added < 10, "B's similarity check did not find it within 10 s")
        time.sleep(0.2)
    return f"B 的相似度检查在 {time.monotonic() - added:.1f} 秒内找到 A 新建的品牌"


def upload_on_a_is_served_by_b(cluster: Cluster) -> str:
    browser, brand = cluster.shared["browser"], cluster.shared["brand"]
    image = png()
    page = browser.get(f"{cluster.a.base}/brands/{brand}/", timeout=TIMEOUT)
    expect(page.status_code == 200, f"brand page on A: {page.status_code}")
    uploaded = browser.post(
        f"{cluster.a.base}/brands/{brand}/logo/upload/",
        data={"csrfmiddlewaretoken": browser.cookies.get("csrftoken", "")},
        files={"logo": ("logo.png", image, "image/png")},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    expect(uploaded.status_code == 302, f"upload on A answered {uploaded.status_code}")
    served = browser.get(f"{cluster.b.base}/brands/{brand}/logo/", timeout=TIMEOUT)
    expect(served.status_code == 200, f"B answered {served.status_code} for the logo")
    expect(served.headers["Content-Type"].startswith("image/"), "B's answer is no image")
    expect(Image.open(io.BytesIO(served.content)).size == (64, 64), "B served another image")
    return "A 上传的品牌标识由 B 读出"


def member_names(tag: str) -> list[str]:
    surnames, given = (
        "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许",
        "安邦成德方国华建军丽明宁平强荣涛伟文祥勇",
    )
    return [surnames[n % 20] + tag + given[n // 20 % 20] for n in range(IMPORTED)]


def member_workbook(template: bytes, branch_code: str, tag: str) -> bytes:
    """IMPORTED members of one branch, under the headers of the import template A offers."""
    headers = [cell.value for cell in next(load_workbook(io.BytesIO(template)).active.iter_rows())]
    expect(
        headers[:6] == ["姓名", "性别", "出生日期", "入党日期", "党员状态", "所在组织编码"],
        f"{headers}",
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for number, name in enumerate(member_names(tag)):
        row = [
            name,
            "男" if number % 2 else "女",
            f"{1970 + number % 30}-0{1 + number % 9}-1{number % 10}",
        ]
        sheet.append(row + ["", "", branch_code] + [""] * (len(headers) - 6))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def task_queued_on_a_is_run_by_the_worker(cluster: Cluster) -> str:
    browser, a, b = cluster.shared["browser"], cluster.a.base, cluster.b.base
    tag = secrets.choice("甲乙丙丁戊己庚辛")
    template = browser.get(a + "/orgs/members/import/template.xlsx", timeout=TIMEOUT)
    expect(template.status_code == 200, f"import template on A: {template.status_code}")
    page = browser.get(a + "/orgs/members/import/", timeout=TIMEOUT)
    expect(page.status_code == 200, f"import page on A: {page.status_code}")
    token = re.search(r'name="submission_token" value="([^"]+)"', page.text)
    workbook = member_workbook(template.content, cluster.shared["branch_code"], tag)
    queued = browser.post(
        a + "/orgs/members/import/",
        data={
            "csrfmiddlewaretoken": browser.cookies.get("csrftoken", ""),
            "submission_token": token.group(1) if token else "",
        },
        files={"file": ("党员名册.xlsx", workbook, XLSX)},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    job = queued.headers.get("Location", "")
    expect(queued.status_code == 302 and "/jobs/" in job, f"import on A: {queued.status_code}")
    job = urlsplit(job).path
    started, seen = time.monotonic(), []
    while True:
        answer = browser.get(b + job + "progress/", timeout=TIMEOUT)
        expect(answer.status_code == 200, f"progress on B answered {answer.status_code}")
        status = answer.json()
        step = f"{status['state_label']} {status['done']}/{status['total']}"
        if not seen or seen[-1] != step:
            seen.append(step)
        if status["final"]:
            break
        expect(time.monotonic() - started < 90, f"no end within 90 s: {' → '.join(seen)}")
        time.sleep(0.1)
    detail = browser.get(b + job, timeout=TIMEOUT)
    expect(status["state"] == "done", f"the job ended {status['state']}: {detail.text[-400:]}")
    expect(
        detail.status_code == 200 and "job-result" in detail.text, "B's job page shows no result"
    )
    exported = browser.get(b + "/orgs/members/export.xlsx", params={"q": tag}, timeout=TIMEOUT)
    expect(exported.status_code == 200, f"member export on B: {exported.status_code}")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    names = {row[0] for row in sheet.iter_rows(values_only=True)}
    missing = set(member_names(tag)) - names
    expect(
        not missing,
        f"{len(missing)} of {IMPORTED} members missing on B, e.g. {sorted(missing)[:3]}",
    )
    took = time.monotonic() - started
    return f"{IMPORTED} 名党员由工作进程导入，B 上跟随进度 {took:.1f} 秒：{' → '.join(seen)}"


CHECKS: list[tuple[str, Callable[[Cluster], str]]] = [
    ("会话跨节点有效", session_made_on_a_works_on_b),
    ("登录限制跨节点共享", login_throttling_is_shared),
    ("相似度索引跨节点同步", brand_added_on_a_is_found_on_b),
    ("上传文件跨节点可读", upload_on_a_is_served_by_b),
    ("A 排入的任务由工作进程执行", task_queued_on_a_is_run_by_the_worker),
]


def run_checks(cluster: Cluster) -> int:
    failures = 0
    for title, check in CHECKS:
        started = time.monotonic()
        try:
            detail = check(cluster)
            mark = "✓"
        except Exception as error:  # a check's failure is reported; the next still runs
            failures += 1
            mark = "✗"
            detail = str(error) if isinstance(error, CheckFailed) else traceback.format_exc()
        print(f"{mark} {title}  ({time.monotonic() - started:.2f} s)  {detail}", flush=True)
    return failures


def main() -> int:
    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    cluster = Cluster(nodes=[Node("a", free_port()), Node("b", free_port())])
    began = time.monotonic()
    try:
        print(f"准备数据库 {DATABASE}、Redis {REDIS_URL}、队列 {QUEUE} 和测试数据……", flush=True)
        prepare(cluster)
        print(f"  {time.monotonic() - began:.1f} s", flush=True)
        for node in cluster.nodes:
            start_node(cluster, node)
        start_worker(cluster)
        started = time.monotonic()
        for node in cluster.nodes:
            wait_until_up(node)
        ports = ", ".join(f"{n.name}: {n.port}" for n in cluster.nodes)
        print(f"节点已就绪（{ports}）：{time.monotonic() - started:.1f} s", flush=True)
        failures = run_checks(cluster)
    except KeyboardInterrupt:
        print("已中断。", flush=True)
        return 130
    finally:
        stop(cluster.processes)
        if not os.environ.get("MULTINODE_KEEP"):
            shutil.rmtree(SCRATCH / "data", ignore_errors=True)
    total = len(CHECKS)
    print(f"{total - failures}/{total} 项通过，共 {time.monotonic() - began:.1f} s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
