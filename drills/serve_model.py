"""llama-cpp-python's OpenAI-compatible server with a chat format that keeps the system message
(run with the drill's own venv). The GGUF of Gemma 3 270M carries no chat template, and the
built-in `gemma` format drops the system message; this one puts it at the top of the first user
turn, as Gemma 3's own template does.

    python drills/serve_model.py --model FILE --host 127.0.0.1 --port N [server options]
"""

from __future__ import annotations

import sys
from typing import Any

from llama_cpp import llama_chat_format

FORMAT_NAME = "gemma-system"


@llama_chat_format.register_chat_format(FORMAT_NAME)
def format_gemma_with_system(messages: list[dict[str, Any]], **_: Any) -> llama_chat_format.ChatFormatterResponse:
    system = "\n\n".join(str(m.get("content") or "") for m in messages if m["role"] == "system")
    turns: list[str] = []
    for message in messages:
        if message["role"] == "system":
            continue
        role = "model" if message["role"] == "assistant" else "user"
        text = str(message.get("content") or "")
        if role == "user" and system:
            text, system = f"{system}\n\n{text}", ""
        turns.append(f"<start_of_turn>{role}\n{text}<end_of_turn>\n")
    prompt = "".join(turns) + "<start_of_turn>model\n"
    return llama_chat_format.ChatFormatterResponse(prompt=prompt, stop=["<end_of_turn>"])


def main() -> None:
    from llama_cpp.server.__main__ import main as serve

    sys.argv = [sys.argv[0], *sys.argv[1:], "--chat_format", FORMAT_NAME]
    serve()


if __name__ == "__main__":
    main()
