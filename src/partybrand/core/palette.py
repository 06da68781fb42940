"""The platform's colours for what Python draws (spreadsheets, the board's PDF); one party red."""

RED = "#c8161d"  # 党旗红: headers, titles, overdue
RED_TINT = "#fbeaea"  # a light band behind a header or a group's row


def argb(colour: str) -> str:
    """#c8161d → FFC8161D, the form openpyxl writes."""
    return "FF" + colour.lstrip("#").upper()
