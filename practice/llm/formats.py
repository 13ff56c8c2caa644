"""Which form of structured reply an endpoint takes, found out once and remembered.

Servers differ: OpenAI, Azure, vLLM, Ollama and LM Studio take `json_schema`; the llama.cpp
servers take `{"type": "json_object", "schema": ...}` (llama-cpp-python answers json_schema with
an HTTP 500 naming the response format); some take only plain JSON mode, and a few take no
response_format at all, leaving the instructions in the prompt to ask for JSON. The forms are
tried in that order; what worked is kept per (endpoint, model) for the process and in a small
file in the data directory, so later runs do not pay for the discovery again.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from practice import locations

log = logging.getLogger(__name__)

MEMORY_FILE = "llm-endpoints.json"
# Words in an error body that say the response format itself was refused, whatever the status.
_NAMES_THE_FORMAT = re.compile(
    r"response_format|json_schema|json_object|response format|structured output|grammar", re.IGNORECASE
)
# A request parameter an endpoint refused, in the words servers use, and how to ask without it:
# OpenAI's reasoning models (o-series, GPT-5) refuse `max_tokens` ("Use 'max_completion_tokens'
# instead") and any temperature but 1; older Azure API versions refuse `stream_options`.
_REFUSED_PARAMETERS = {
    "stream_options": re.compile(r"stream_options|include_usage", re.IGNORECASE),
    "max_tokens": re.compile(r"max_tokens.*max_completion_tokens", re.IGNORECASE | re.DOTALL),
    "temperature": re.compile(r"'temperature'|temperature.*(not supported|unsupported)", re.IGNORECASE),
}


class OutputForm(StrEnum):
    json_schema = "json_schema"
    json_object_schema = "json_object+schema"
    json_object = "json_object"
    instructions = "instructions"

    @property
    def described(self) -> str:
        return {
            OutputForm.json_schema: "structured replies (json_schema)",
            OutputForm.json_object_schema: "JSON mode with a schema",
            OutputForm.json_object: "JSON mode",
            OutputForm.instructions: "a plain request for JSON",
        }[self]


NEGOTIATION_ORDER = tuple(OutputForm)


# Keywords OpenAI's strict mode refuses; the reply's own validation holds what they said.
_NOT_STRICT = frozenset({"maxLength", "minLength"})


def response_format(form: OutputForm, name: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    """The request's response_format for `form` (None: none is sent). Grammar-constrained
    servers (the json_object forms) get the schema whole, string bounds included."""
    if form == OutputForm.json_schema:
        return {"type": "json_schema", "json_schema": {"name": name, "schema": strict_schema(schema), "strict": True}}
    if form == OutputForm.json_object_schema:
        return {"type": "json_object", "schema": schema}
    if form == OutputForm.json_object:
        return {"type": "json_object"}
    return None


def strict_schema(node: Any) -> Any:
    """`node` without the keywords strict json_schema mode refuses."""
    if isinstance(node, dict):
        return {key: strict_schema(value) for key, value in node.items() if key not in _NOT_STRICT}
    if isinstance(node, list):
        return [strict_schema(item) for item in node]
    return node


def names_the_format(message: str) -> bool:
    return bool(_NAMES_THE_FORMAT.search(message))


class EndpointNotes(BaseModel):
    """What one (endpoint, model) was found to take. None: not found out yet."""

    output_form: OutputForm | None = None
    stream_usage: bool | None = None
    # False: the endpoint wants `max_completion_tokens` instead.
    max_tokens: bool | None = None
    # False: the endpoint takes only its default temperature.
    temperature: bool | None = None


def request_options(notes: EndpointNotes, *, max_tokens: int, temperature: float) -> dict[str, Any]:
    """The request's limit, temperature and stream options, as far as the endpoint takes them."""
    options: dict[str, Any] = {"stream": True}
    options["max_tokens" if notes.max_tokens is not False else "max_completion_tokens"] = max_tokens
    if notes.temperature is not False:
        options["temperature"] = temperature
    if notes.stream_usage is not False:
        options["stream_options"] = {"include_usage": True}
    return options


def without_refused(options: dict[str, Any], message: str) -> dict[str, Any] | None:
    """What to remember when a refusal (`message`) names a parameter the request can do
    without, having changed `options` to do without it; None when it names none."""
    for parameter, names in _REFUSED_PARAMETERS.items():
        if parameter not in options or not names.search(message):
            continue
        value = options.pop(parameter)
        if parameter == "stream_options":
            return {"stream_usage": False}
        if parameter == "max_tokens":
            options["max_completion_tokens"] = value
        return {parameter: False}
    return None


class EndpointMemory:
    """Notes per (endpoint, model), read from and written to one file. A file that cannot be
    read or written costs only the discovery, never a grade."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._notes: dict[str, EndpointNotes] | None = None

    def get(self, endpoint: str, model: str) -> EndpointNotes:
        with self._lock:
            return self._loaded().get(_key(endpoint, model), EndpointNotes()).model_copy()

    def remember(self, endpoint: str, model: str, **found: Any) -> None:
        with self._lock:
            notes = self._loaded()
            key = _key(endpoint, model)
            updated = notes.get(key, EndpointNotes()).model_copy(update=found)
            if notes.get(key) == updated:
                return
            notes[key] = updated
            self._write(notes)

    def _loaded(self) -> dict[str, EndpointNotes]:
        if self._notes is None:
            self._notes = self._read()
        return self._notes

    def _read(self) -> dict[str, EndpointNotes]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return {str(key): EndpointNotes.model_validate(value) for key, value in dict(raw).items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, ValidationError) as error:
            log.warning("%s: ignored (%s); endpoints will be asked again", self.path, error)
            return {}

    def _write(self, notes: dict[str, EndpointNotes]) -> None:
        data = json.dumps({key: value.model_dump(mode="json") for key, value in notes.items()}, indent=1)
        temporary = self.path.with_suffix(".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(data)
            os.replace(temporary, self.path)
        except OSError as error:
            log.warning("%s: cannot be written (%s); this run still remembers", self.path, error)


def _key(endpoint: str, model: str) -> str:
    return f"{endpoint} {model}"


_memories: dict[Path, EndpointMemory] = {}
_memories_lock = threading.Lock()


def memory() -> EndpointMemory:
    """The memory of the current data directory, one per process (so clients share it)."""
    try:
        path = locations.data_dir() / MEMORY_FILE
    except Exception:
        path = Path(os.devnull)
    with _memories_lock:
        return _memories.setdefault(path, EndpointMemory(path))
