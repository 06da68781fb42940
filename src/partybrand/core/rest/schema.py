"""The error answers every API operation documents: each status it can answer, with the one
error shape of core/rest/errors.py (the `Error` component), so a client — and the fuzz run in
CI — finds every answer it gets in the schema."""

from partybrand.core.rest.serializers import ErrorSerializer

BODY_METHODS = ("POST", "PUT", "PATCH")
ID_SCHEMA = {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}  # 1–18 digits

ERRORS = {
    400: "请求有误：地址、参数或内容不合要求（含无效字符、格式或取值错误）；"
    "字段的错误以字段名为键逐一列出。",
    401: "未登录，或令牌无效、已失效。",
    403: "无权执行此操作（对象可见但不允许修改，或不在可操作的范围内）。",
    404: "对象不存在或您无权访问（也用于超出范围的页码）。",
    412: "对象已被他人修改：If-Match 与当前版本不符，请重新读取后再提交。",
    413: "请求内容过大。",
    414: "请求地址（含查询参数）过长。",
    415: "不支持请求的 Content-Type。",
    422: "该 Idempotency-Key 已用于另一个请求。",
    429: "请求过于频繁，请稍后再试（Retry-After 说明等待秒数）。",
    500: "服务器内部错误：问题已记录，请求未造成任何修改。",
}

# A refused body names each wrong field: a list of messages, or for a nested value the same
# shape again (a list's items by position, a dictionary's by key).
FIELD_ERRORS = {"description": "字段名 → 该字段的错误说明（列表；嵌套的值按位置或键逐一说明）"}


def error_statuses(
    *, method: str, signed_in: bool, path_params: bool, idempotent: bool, throttled: bool
) -> list[int]:
    """The error statuses an operation can answer, from what it is."""
    codes = [400, 414, 500]
    if signed_in:
        codes += [401, 403, 404]
    elif path_params:
        codes += [404]
    if method in BODY_METHODS:
        codes += [413, 415]
    if method in ("PUT", "PATCH", "DELETE"):
        codes += [412]  # If-Match on an object that changed since it was read
    if idempotent:
        codes += [422]
    if throttled:
        codes += [429]
    return sorted(codes)


def document_errors(schema, operation: dict, codes: list[int]) -> dict:
    """Add the error answers of `codes` that the operation does not document itself."""
    component = schema.resolve_serializer(ErrorSerializer, "response")
    component.schema["additionalProperties"] = FIELD_ERRORS
    responses = operation.setdefault("responses", {})
    for code in codes:
        responses.setdefault(
            str(code),
            {
                "description": ERRORS[code],
                "content": {"application/json": {"schema": component.ref}},
            },
        )
    operation["responses"] = dict(sorted(responses.items()))
    return operation
