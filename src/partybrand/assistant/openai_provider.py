"""Any OpenAI-compatible chat-completions service (a hosted model or one on the intranet),
through the official `openai` client: timeouts, retries, and errors told in Chinese."""

import openai
from django.conf import settings

from partybrand.assistant import replies
from partybrand.assistant.base import Provider
from partybrand.assistant.drafts import CandidateRequest, OrgContext
from partybrand.assistant.errors import ProviderError
from partybrand.assistant.privacy import guard_outgoing
from partybrand.assistant.prompts import context_values, template
from partybrand.assistant.section_drafts import SectionRequest


class OpenAIProvider(Provider):
    source = "openai"

    def __init__(
        self, *, base_url: str, model: str, api_key: str = "", timeout=30.0, max_retries=2
    ) -> None:
        self.model = model
        self.timeout = timeout
        self.client = openai.OpenAI(
            base_url=base_url or None,
            # Intranet services often need no key; the client insists on one.
            api_key=api_key or "not-needed",
            timeout=timeout,
            max_retries=max_retries,
        )

    @classmethod
    def from_settings(cls, *, retries: int | None = None) -> "OpenAIProvider":
        return cls(
            base_url=settings.AI_BASE_URL,
            model=settings.AI_MODEL,
            api_key=settings.AI_API_KEY,
            timeout=settings.AI_TIMEOUT,
            max_retries=settings.AI_MAX_RETRIES if retries is None else retries,
        )

    def _candidates(self, request: CandidateRequest):
        prompt = template("candidates")
        values = {**context_values(request.context), "count": str(request.count)}
        data = self._ask(prompt.render(**values))
        return replies.read_candidates(data, version=prompt.version)

    def _explain_meaning(self, name: str, slogan: str, context: OrgContext):
        prompt = template("meaning")
        values = {**context_values(context), "name": name, "slogan": slogan or "（无）"}
        data = self._ask(prompt.render(**values))
        return replies.read_meaning(data, name=name, slogan=slogan, version=prompt.version)

    def _critique(self, name: str, slogan: str, context: OrgContext):
        prompt = template("critique")
        values = {**context_values(context), "name": name, "slogan": slogan or "（无）"}
        data = self._ask(prompt.render(**values))
        return replies.read_critique(data, name=name, slogan=slogan, version=prompt.version)

    def _section_draft(self, request: SectionRequest):
        prompt = template("section")
        numbered = "\n".join(f"{n}. {fact}" for n, fact in enumerate(request.facts, start=1))
        values = {
            "document_title": request.document_title,
            "section_title": request.section_title,
            "org_name": request.org_name or "（无）",
            "org_kind": request.org_kind or "（无）",
            "business": request.business or "（无）",
            "brand": request.subject_name or "（无）",
            "facts": numbered or "（无）",
        }
        data = self._ask(prompt.render(**values))
        return replies.read_section(data, facts=request.facts, version=prompt.version)

    def _ask(self, messages: list[dict[str, str]]):
        return replies.parse_json(self.complete(messages, temperature=0.7))

    def complete(self, messages: list[dict[str, str]], *, temperature: float = 0.7) -> str | None:
        """The model's reply as text (other apps' prompts, such as the knowledge assistant's),
        after the privacy guard; errors as ProviderError in Chinese."""
        # The whole prompt is checked once more, exactly as it will leave.
        guard_outgoing("\n".join(m["content"] for m in messages))
        try:
            completion = self.client.chat.completions.create(
                model=self.model, messages=messages, temperature=temperature
            )
        except openai.APIError as exc:
            raise self._explain(exc) from exc
        choices = getattr(completion, "choices", None) or []
        return choices[0].message.content if choices and choices[0].message else None

    def _explain(self, exc: openai.APIError) -> ProviderError:
        """The client's error as a message the user can act on, and whether retrying helps."""
        if isinstance(exc, openai.APITimeoutError):
            return ProviderError(
                f"AI 服务响应超时（超过 {self.timeout:g} 秒），请稍后再试。", permanent=False
            )
        if isinstance(exc, openai.APIConnectionError):
            return ProviderError("无法连接 AI 服务，请检查服务地址和网络。", permanent=False)
        if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
            return ProviderError("AI 服务认证失败，请检查 API 密钥配置。", permanent=True)
        if isinstance(exc, openai.RateLimitError):
            return ProviderError(
                "AI 服务额度不足或请求过于频繁（限流），请稍后再试。", permanent=False
            )
        if isinstance(exc, openai.NotFoundError):
            return ProviderError(
                f"AI 服务找不到模型“{self.model}”或接口地址，请检查配置。", permanent=True
            )
        if isinstance(exc, openai.APIStatusError) and exc.status_code >= 500:
            return ProviderError(
                f"AI 服务暂时不可用（错误 {exc.status_code}），请稍后再试。", permanent=False
            )
        if isinstance(exc, openai.APIStatusError):
            return ProviderError(
                f"AI 服务拒绝了请求（错误 {exc.status_code}），请检查模型和服务配置。",
                permanent=True,
            )
        return ProviderError(replies.UNREADABLE, permanent=False)
