"""The PDF of a document is its .docx printed by LibreOffice (headless, from Debian's
libreoffice-writer-nogui), so both say the same. Each call gets a profile of its own (two
conversions never share one) and a time limit; the faces a 公文 names are mapped to installed free
faces by fonts/fonts.conf, and LibreOffice embeds what it uses."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

FONTS_CONF = Path(__file__).parent / "fonts" / "fonts.conf"
AUTOSPACE = 'style:text-autospace="ideograph-alpha"'


class PdfEngineError(Exception):
    """The PDF could not be made; the message is for the user."""


def engine() -> str | None:
    return settings.DOCUMENTS_SOFFICE or shutil.which("soffice") or shutil.which("libreoffice")


def _convert(binary: str, folder: Path, source: Path, target: str, limit: float) -> Path:
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(FONTS_CONF),
        "HOME": str(folder),  # LibreOffice writes caches under HOME
        "SAL_USE_VCLPLUGIN": "svp",
    }
    command = [
        binary,
        f"-env:UserInstallation=file://{folder / 'profile'}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        target,
        "--outdir",
        str(folder),
        str(source),
    ]
    try:
        subprocess.run(  # noqa: S603  (our own binary and arguments, no shell)
            command, env=env, capture_output=True, timeout=limit, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise PdfEngineError(f"生成 PDF 超过 {limit:.0f} 秒未完成，请稍后重试。") from exc
    result = folder / f"{source.stem}.{target.split(':')[0]}"
    if not result.exists():
        raise PdfEngineError("LibreOffice 未能生成 PDF，请下载 Word 版或联系管理员。")
    return result


def docx_to_pdf(content: bytes, *, timeout: float | None = None) -> bytes:
    """The PDF of a .docx. LibreOffice ignores Word's w:autoSpaceDE and would set a quarter-em
    between Chinese and digits (“2026 年”), so the .docx is first read into LibreOffice's own flat
    format, that spacing switched off there, and the result printed."""
    binary = engine()
    if not binary:
        raise PdfEngineError(
            "服务器未安装 LibreOffice（libreoffice-writer-nogui），无法生成 PDF；请下载 Word 版。"
        )
    limit = timeout or settings.DOCUMENTS_PDF_TIMEOUT
    with tempfile.TemporaryDirectory(prefix="pb-doc-") as work:
        folder = Path(work)
        source = folder / "document.docx"
        source.write_bytes(content)
        flat = _convert(binary, folder, source, "fodt", limit)
        text = flat.read_text(encoding="utf-8")
        flat.write_text(text.replace(AUTOSPACE, 'style:text-autospace="none"'), encoding="utf-8")
        return _convert(binary, folder, flat, "pdf:writer_pdf_Export", limit).read_bytes()
