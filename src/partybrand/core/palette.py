"""The platform's colours for what Python draws (spreadsheets, the board's PDF). Pages and charts
read the same colours as CSS variables in static/partybrand/app.css (--pb-red, --pb-red-tint);
tests/test_palette.py keeps them equal, so there is one party red everywhere."""

RED = "#c8161d"  # 党旗红: headers, titles, overdue
RED_TINT = "#fbeaea"  # a light band behind a header or a group's row


def argb(colour: str) -> str:
    """#c8161d → FFC8161D, the form openpyxl writes."""
    return "FF" + colour.lstrip("#").upper()
