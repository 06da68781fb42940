"""Reading a page's form as a browser would send it back: every input, textarea and select of
the form with its value as drawn, so a test can change one field and post the rest unchanged."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action: str | None):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.in_form = False
        self.fields: dict = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._multiple = False
        self._first_option: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = self.action is None or attrs.get("action") in (self.action, None, "")
            return
        if not self.in_form or not attrs.get("name") and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields[attrs["name"]] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
            self._multiple = "multiple" in attrs
            self._first_option = None
            if self._multiple:
                self.fields[self._select] = []
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._multiple:
                if "selected" in attrs:
                    self.fields[self._select].append(value)
                return
            if self._first_option is None:
                self._first_option = value
                self.fields.setdefault(self._select, value)
            if "selected" in attrs:
                self.fields[self._select] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += (
                data.removeprefix("\n") if not self.fields[self._textarea] else data
            )


def form_fields(html: str, action: str | None = None) -> dict:
    """The fields of the page's form(s) posting to `action` (every form on the page without
    one), as the browser would send them unchanged; the CSRF token left out."""
    reader = _FormReader(action)
    reader.feed(html)
    reader.fields.pop("csrfmiddlewaretoken", None)
    return reader.fields
