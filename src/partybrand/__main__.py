"""The `partybrand` console script: Django's manage.py for this project."""

import os
import sys

# Django command names cannot hold "-"; the documented spelling is kept as an alias.
COMMAND_ALIASES = {"import-benchmarks": "import_benchmarks"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partybrand.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and argv[1] in COMMAND_ALIASES:
        argv[1] = COMMAND_ALIASES[argv[1]]
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
