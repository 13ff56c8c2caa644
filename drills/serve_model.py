"""llama-cpp-python's OpenAI-compatible server with a chat format that keeps the system message
(run with the drill's own venv). The GGUF of Gemma 3 270M carries no chat template, and the
built-in `gemma` format drops the system message; this one puts it at the top of the first user
turn, as Gemma 3's own template does.

    python drills/serve_model.py --model FILE --host 127.0.0.1 --port N [server options]
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import llama_cpp
from llama_cpp import llama_chat_format

FORMAT_NAME = "gemma-system"
# The server reports no usage in streams and prints no timings: each reply's token count goes to
# the log as this line, for the drill to read (a streamed chunk carries one token).
TOKENS_LINE = "drill: completion_tokens="


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


def _counted(create: Any) -> Any:
    def create_chat_completion(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = create(self, *args, **kwargs)
        if not kwargs.get("stream"):
            print(f"{TOKENS_LINE}{result['usage']['completion_tokens']}", file=sys.stderr, flush=True)
            return result

        def chunks() -> Iterator[Any]:
            count = 0
            try:
                for chunk in result:
                    count += any(choice["delta"].get("content") for choice in chunk["choices"])
                    yield chunk
            finally:
                print(f"{TOKENS_LINE}{count}", file=sys.stderr, flush=True)

        return chunks()

    return create_chat_completion


def main() -> None:
    # Wrapped in place, before the server imports it: the drill counts the server's own calls.
    llama_cpp.Llama.create_chat_completion = _counted(  # type: ignore[method-assign]
        llama_cpp.Llama.create_chat_completion
    )
    from llama_cpp.server.__main__ import main as serve

    sys.argv = [sys.argv[0], *sys.argv[1:], "--chat_format", FORMAT_NAME]
    serve()


if __name__ == "__main__":
    main()
