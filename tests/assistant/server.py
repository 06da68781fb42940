"""A small OpenAI-compatible server for the assistant's tests: POST /v1/chat/completions on
127.0.0.1 with a random port, canned JSON answers chosen by the prompt, and failure modes.

Also the fake provider the base-class tests use (a test helper, never a product provider).
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from partybrand.assistant.base import Provider


def _candidate(name: str, slogan: str) -> dict:
    return {"name": name, "slogan": slogan, "pattern": "四字短语", "rationale": "AI 的理由"}


CANDIDATES = {
    "candidates": [
        _candidate("银线先锋", "党员当先锋 银线连万家"),
        _candidate("行业第一检修队", "最强团队"),
        _candidate("红心护网", "红心向党 护网保电"),
        {"slogan": "没有名称的候选被跳过"},
    ]
}
MEANING = {
    "summary": "“银线先锋”寓意党员在输电线路上当先锋。",
    "phrases": [
        {"phrase": "银线", "explanation": "输电线路连通千家万户"},
        {"phrase": "先锋", "explanation": "党员走在前、作表率"},
    ],
}
CRITIQUE = {
    "comments": [
        {"dimension": "政治味", "passed": True, "comment": "“先锋”体现党员作用。"},
        {"dimension": "融合味", "passed": True, "comment": "“银线”紧扣输电业务。"},
        {"dimension": "独特", "passed": False, "comment": "“先锋”用得较多。"},
        {"dimension": "无关", "passed": True, "comment": "应被忽略"},
    ]
}


SECTION = {
    "text": "一是坚持党建引领。\n二是推行“三步工作法”，成效明显。",
    "used": [1, 1, 99, True],
}


class FakeOpenAI:
    """Start with `with FakeOpenAI() as server:`; set `server.mode`; read `server.requests`."""

    def __init__(self, mode: str = "ok", delay: float = 2.0) -> None:
        self.mode = mode
        self.delay = delay
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> "FakeOpenAI":
        threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def sent_text(self) -> str:
        """Everything the client sent in message contents, all requests together."""
        return "\n".join(m["content"] for r in self.requests for m in r["body"]["messages"])

    def answer(self, body: dict) -> str:
        prompt = body["messages"][-1]["content"]
        if "本部分标题" in prompt:
            data = SECTION
        elif "起草内涵释义" in prompt:
            data = MEANING
        elif "逐项点评" in prompt:
            data = CRITIQUE
        else:
            data = CANDIDATES
        if self.mode == "fenced":
            return f"好的，以下是结果：\n```json\n{json.dumps(data, ensure_ascii=False)}\n```"
        if self.mode == "malformed":
            return "抱歉，我暂时无法给出建议。"
        return json.dumps(data, ensure_ascii=False)


def _handler(server: FakeOpenAI):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            with server.lock:
                server.requests.append(
                    {"path": self.path, "auth": self.headers.get("Authorization"), "body": body}
                )
            if self.path != "/v1/chat/completions":
                return self._send(404, {"error": {"message": "not found"}})
            mode = server.mode
            if mode == "timeout":
                time.sleep(server.delay)
            if mode in ("500", "401", "429"):
                error = {"error": {"message": f"mode {mode}", "type": "test", "code": mode}}
                return self._send(int(mode), error)
            content = server.answer(body)
            completion = {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", ""),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
            self._send(200, completion)

        def _send(self, status: int, data: dict) -> None:
            payload = json.dumps(data, ensure_ascii=False).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("retry-after-ms", "10")  # keep the client's retries quick
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout mode)

    return Handler


class FakeProvider(Provider):
    """Returns the drafts it was given, so the base class's gates can be tested directly."""

    source = "fake"

    def __init__(self, drafts) -> None:
        self.drafts = drafts

    def _candidates(self, request):
        return list(self.drafts)
