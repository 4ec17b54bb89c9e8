#!/usr/bin/env python
"""APIS's manage.py for the benchmark: run it with the APIS virtualenv (README.md)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apis_project.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
