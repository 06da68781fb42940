"""Responses that hand files to the browser: generated documents and stored uploads.

Stored uploads are only ever served through views that have checked access first.
"""

from urllib.parse import quote

from django.http import FileResponse, HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """Generated content offered as a download under a Chinese file name."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def xlsx_download(content: bytes, filename: str) -> HttpResponse:
    return download(content, filename, XLSX)


def stored_download(field_file, *, title: str, content_type: str) -> FileResponse:
    """An uploaded file, downloaded under its title and the extension it was stored with."""
    extension = field_file.name.rsplit(".", 1)[-1]
    return FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=f"{title}.{extension}",
        content_type=content_type,
    )


def stored_image(field_file, content_type: str) -> FileResponse:
    """An uploaded logo shown inline."""
    response = FileResponse(field_file.open("rb"), content_type=content_type)
    # SVG is sanitised on upload; this keeps any script from running even if opened directly.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "private, max-age=3600"
    return response
