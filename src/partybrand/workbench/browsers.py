"""A user agent in a few words for the audit log ("Edge 120 · Windows"); the full string stays
in the row and the export."""

import re

# The first that matches names the browser: Edge, WeChat and the Chinese browsers carry
# "Chrome" and "Safari" in their strings too.
BROWSERS = (
    ("Edge", r"Edg(?:e|A|iOS)?/(\d+)"),
    ("微信", r"MicroMessenger/(\d+)"),
    ("钉钉", r"DingTalk/(\d+)"),
    ("企业微信", r"wxwork/(\d+)"),
    ("QQ 浏览器", r"QQBrowser/(\d+)"),
    ("360 浏览器", r"(?:QIHU 360SE|360SE|360EE)()"),
    ("搜狗浏览器", r"(?:SE 2\.X MetaSr|SogouMobileBrowser)()"),
    ("UC 浏览器", r"UCBrowser/(\d+)"),
    ("Firefox", r"Firefox/(\d+)"),
    ("Chrome", r"(?:Chrome|CriOS)/(\d+)"),
    ("Safari", r"Version/(\d+)[\d.]* (?:Mobile/\S+ )?Safari/"),
    ("IE", r"(?:MSIE |Trident/.*rv:)(\d+)"),
    ("curl", r"^curl/(\d+)"),
    ("Python", r"python-requests/(\d+)|^Python-urllib/(\d+)"),
)
SYSTEMS = (
    ("HarmonyOS", r"HarmonyOS|OpenHarmony"),
    ("Android", r"Android"),
    ("iOS", r"iPhone|iPad|iPod"),
    ("Windows", r"Windows"),
    ("macOS", r"Mac OS X|Macintosh"),
    ("Linux", r"Linux|X11"),
)


def browser_summary(agent: str) -> str:
    if not agent:
        return ""
    name = ""
    for label, pattern in BROWSERS:
        found = re.search(pattern, agent)
        if found:
            version = next((group for group in found.groups() if group), "")
            name = f"{label} {version}".strip()
            break
    system = next((label for label, pattern in SYSTEMS if re.search(pattern, agent)), "")
    summary = " · ".join(part for part in (name, system) if part)
    return summary or agent[:40]
