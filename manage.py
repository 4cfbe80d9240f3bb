#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "att_portal.settings.base")
    # Commands run by a developer default to development settings; production sets
    # DEBUG=false explicitly (and the WSGI application defaults to DEBUG off).
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
