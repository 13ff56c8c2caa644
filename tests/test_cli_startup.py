"""Start-up stays cheap: the openai SDK (about a second of imports) loads only when a model is used."""

from __future__ import annotations

import subprocess
import sys


def test_command_line_does_not_import_the_llm_stack() -> None:
    probe = "import sys, practice.cli; print(sorted(m for m in ('openai', 'tiktoken') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
