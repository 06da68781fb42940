"""Zip archives (.xlsx, .docx, .pptx) judged before anything parses them.

An Office file is a zip of XML parts. A few hundred kilobytes can unzip to hundreds of
megabytes (rows of nothing, repeated text), and a parser given such a part keeps a worker busy
until it is killed. So an archive is first judged from its central directory (how many parts,
their uncompressed sizes, the compression ratio, safe names), then its XML parts are streamed
through expat (no tree is built, DOCTYPEs and entities refused) with counters and a deadline.
Every refusal is a ValidationError whose Chinese message names the limit.
"""

import time
import xml.parsers.expat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError

MB = 1024 * 1024
RATIO_FLOOR = MB  # parts smaller than this may compress as well as they like
CHUNK = 64 * 1024

DAMAGED = "文件已损坏，无法识别。"
NOT_SAFE = "文件中含有不安全的路径名，已拒绝。"


@dataclass(frozen=True)
class ZipLimits:
    total: int  # all parts together, uncompressed
    part: int  # any one part, uncompressed
    ratio: int  # uncompressed ÷ compressed, for parts of RATIO_FLOOR or more
    parts: int = 2000  # how many parts


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".rstrip("0").rstrip(".")


def _unsafe(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or (len(name) > 1 and name[1] == ":")
        or ".." in path.parts
    )


def open_zip(data: bytes, limits: ZipLimits) -> zipfile.ZipFile:
    """The archive in `data`, once its central directory is within `limits`."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ValidationError(DAMAGED) from exc
    if len(infos) > limits.parts:
        raise ValidationError(f"文件内含 {len(infos)} 个部件，超过 {limits.parts} 个的上限。")
    names = set()
    total = 0
    for info in infos:
        if _unsafe(info.filename) or info.filename in names:
            raise ValidationError(NOT_SAFE)
        names.add(info.filename)
        if info.flag_bits & 0x1:
            raise ValidationError("文件已加密，请上传未加密的文件。")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ValidationError(DAMAGED)
        size = info.file_size
        if size >= RATIO_FLOOR and size > limits.ratio * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise ValidationError(
                f"文件中的“{info.filename}”解压后是压缩时的 {ratio} 倍，超过 {limits.ratio} 倍的"
                "上限（常见于大量空行、空白格式或重复内容），已拒绝。"
            )
        if size > limits.part:
            raise ValidationError(
                f"文件中的“{info.filename}”解压后有 {_mb(size)} MB，"
                f"超过 {_mb(limits.part)} MB 的上限。"
            )
        total += size
    if total > limits.total:
        raise ValidationError(f"文件解压后共 {_mb(total)} MB，超过 {_mb(limits.total)} MB 的上限。")
    return archive


class Deadline:
    """A point in time after which reading stops with a refusal naming the time allowed."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise ValidationError(
                f"文件在 {self.seconds:g} 秒内未能读完，已停止读取。请删除多余的空行、空列和"
                "格式，或拆分为几个较小的文件。"
            )


class StopScan(Exception):  # noqa: N818 (not an error: a handler has seen enough)
    """Raised by a handler that needs nothing more from the part."""


def _no_dtd(*_args) -> None:
    raise ValidationError("文件中含有不允许的 XML 声明（DOCTYPE 或实体），已拒绝。")


def local_name(tag: str) -> str:
    return tag.rsplit(":", 1)[-1]


def scan_xml(
    archive: zipfile.ZipFile,
    name: str,
    start: Callable[[str, dict[str, str]], None],
    deadline: Deadline,
) -> None:
    """Stream the part `name` through expat, calling `start(local tag, attributes)` for every
    element; `start` refuses by raising ValidationError, or ends the scan with StopScan.
    Memory stays small whatever the part's size; the deadline is checked after every chunk."""
    parser = xml.parsers.expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_dtd
    parser.StartElementHandler = lambda tag, attrs: start(local_name(tag), attrs)
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
                deadline.check()
            parser.Parse(b"", True)
    except StopScan:
        return
    except xml.parsers.expat.ExpatError as exc:
        raise ValidationError(f"文件中的“{name}”不是完整的 XML，文件可能已损坏。") from exc
    except (zipfile.BadZipFile, OSError, EOFError) as exc:  # a CRC or size that lied
        raise ValidationError(DAMAGED) from exc


def root_element(archive: zipfile.ZipFile, name: str, deadline: Deadline) -> str:
    """The local name of the part's root element, reading no further than it."""
    found: list[str] = []

    def start(tag: str, _attrs) -> None:
        found.append(tag)
        raise StopScan

    scan_xml(archive, name, start, deadline)
    if not found:
        raise ValidationError(f"文件中的“{name}”是空的，文件可能已损坏。")
    return found[0]


def check_well_formed(
    archive: zipfile.ZipFile, name: str, deadline: Deadline, *, max_elements: int
) -> str:
    """Read the whole part as XML (well-formed, no DOCTYPE, at most `max_elements` elements);
    the local name of its root element."""
    seen: list[str] = []
    count = 0

    def start(tag: str, _attrs) -> None:
        nonlocal count
        count += 1
        if not seen:
            seen.append(tag)
        if count > max_elements:
            raise ValidationError(
                f"文件中的“{name}”有超过 {max_elements} 个元素，超过上限，已拒绝。"
            )

    scan_xml(archive, name, start, deadline)
    if not seen:
        raise ValidationError(f"文件中的“{name}”是空的，文件可能已损坏。")
    return seen[0]
