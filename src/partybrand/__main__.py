"""The `partybrand` console script: Django's manage.py for this project."""

import os
import sys


def command_name(word: str) -> str:
    """Django command names cannot hold "-": `partybrand theme-check` runs `theme_check`."""
    return word.replace("-", "_") if not word.startswith("-") else word


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1:
        argv[1] = command_name(argv[1])
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
