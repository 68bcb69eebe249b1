"""Running an operator command the way a script does: its exit code and the JSON it printed."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

from django.core.management import call_command


def run_command(name: str, *args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command(name, *args, stdout=out)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue()


def run_json_command(name: str, *args: str) -> tuple[int, dict[str, Any]]:
    code, text = run_command(name, *args)
    return code, json.loads(text)
