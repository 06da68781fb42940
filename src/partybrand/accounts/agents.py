"""A browser's User-Agent as people name it: 微信 · iPhone, Edge · Windows."""

# Checked in order: the first that matches names the browser (Edge and the Chinese apps also
# say "Chrome" and "Safari", so they come first).
BROWSERS = (
    ("wxwork", "企业微信"),
    ("MicroMessenger", "微信"),
    ("DingTalk", "钉钉"),
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox", "Firefox"),
    ("HeadlessChrome", "Chrome（无界面）"),
    ("Chrome", "Chrome"),
    ("Chromium", "Chromium"),
    ("Safari", "Safari"),
    ("Trident", "Internet Explorer"),
)
SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("HarmonyOS", "鸿蒙"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def describe(user_agent: str) -> str:
    if not user_agent:
        return "未知设备"
    browser = next((name for mark, name in BROWSERS if mark in user_agent), "其他浏览器")
    system = next((name for mark, name in SYSTEMS if mark in user_agent), "")
    return f"{browser} · {system}" if system else browser
