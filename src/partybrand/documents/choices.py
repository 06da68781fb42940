"""What the audit log records of documents."""

from django.db import models


class DocumentAudit(models.TextChoices):
    CREATED = "document_created", "建立文书"
    EDITED = "document_edited", "修改文书"
    EXPORTED = "document_exported", "导出文书"
    NUMBERED = "document_numbered", "取发文字号"
    ISSUER_CODE = "document_issuer_code", "设置发文机关代字"


AUDIT_CHANGE_KEYS = {
    "kind": "文书类型",
    "version": "版本",
    "format": "格式",
    "doc_number": "发文字号",
    "findings": "格式提示条数",
    "code": "机关代字",
}
