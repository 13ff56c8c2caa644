"""One settings model, layered: defaults < config file < environment < command-line flags.

The API key is a SecretStr: it is never rendered by repr, never dumped into a session, an
export or a log; only the LLM client asks for its value.

The environment is read by name from ENVIRONMENT below, and only those names: a generic variable
another tool set (MODEL, API_KEY, THEME) must not change the grader or reach an endpoint. A plain
table, not pydantic-settings, which matched every field's plain name too and cost ~20 ms of every
start-up to import.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from practice import locations
from practice.errors import BadInputError
from practice.redact import url_without_credentials

VoiceModelName = Literal["tiny.en", "base.en", "small.en"]


class GraderKind(StrEnum):
    offline = "offline"
    llm = "llm"


class Settings(BaseModel):
    """Field names are the config file's keys and the flags' names; ENVIRONMENT maps variables
    onto them."""

    model_config = ConfigDict(extra="forbid")

    grader: GraderKind | None = Field(
        default=None, description="None means: llm when an endpoint is configured, offline otherwise."
    )
    base_url: str | None = None
    api_key: SecretStr | None = None
    model: str | None = None
    api_version: str | None = Field(default=None, description="Azure OpenAI only.")
    timeout_seconds: float = Field(
        default=240.0,
        gt=0,
        description="The whole of one model request, however the server sends it: a hard deadline.",
    )
    connect_timeout_seconds: float = Field(default=10.0, gt=0, description="Reaching the server.")
    first_token_timeout_seconds: float = Field(
        default=120.0,
        gt=0,
        description="From sending a request to the reply's first word (and between words): a local CPU "
        "model reads a long prompt first.",
    )
    max_reply_bytes: int = Field(default=65_536, gt=0, description="A reply longer than this is stopped.")
    max_retries: int = Field(default=2, ge=0)
    retry_wait_seconds: float = Field(
        default=1.0, ge=0, description="First wait before retrying a model call; doubles on each retry."
    )
    retry_wait_cap_seconds: float = Field(
        default=20.0, ge=0, description="Longest wait between retries, whatever a server's Retry-After asks for."
    )
    context_tokens: int | None = Field(default=None, gt=0)
    bank: Path | None = None
    theme: str | None = None
    voice_model: VoiceModelName = Field(
        default="tiny.en", description="Which English Whisper model hears spoken answers."
    )
    voice_model_path: Path | None = Field(
        default=None, description="A CTranslate2 Whisper model directory, used before any cache or package."
    )
    keep_recordings: bool = Field(default=False, description="Keep spoken answers' audio in the data directory.")

    @property
    def llm_configured(self) -> bool:
        return bool(self.model and (self.base_url or self.api_key))

    @property
    def effective_grader(self) -> GraderKind:
        if self.grader is not None:
            return self.grader
        return GraderKind.llm if self.llm_configured else GraderKind.offline

    def describe_grader(self) -> str:
        """What the UI and exports show: never the key."""
        if self.effective_grader == GraderKind.offline:
            return "offline grader (no model configured)" if not self.llm_configured else "offline grader"
        endpoint = url_without_credentials(self.base_url) if self.base_url else "api.openai.com"
        return f"LLM grader: {self.model} at {endpoint}"


def read_config_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise BadInputError(
            f"{path}: not valid TOML: {error}",
            hint="Fix the file or move it aside; see README 'Configuration'.",
        ) from error
    except OSError as error:
        raise BadInputError(f"{path}: cannot be read: {error.strerror}") from error
    return data


def remember_setting(key: str, value: str) -> None:
    """Writes one choice made in the app (the palette's theme) into the config file, so it is
    kept after a restart. tomlkit keeps the rest of the file as the user wrote it, comments
    included; a new file is private, as it may later hold an API key. Raises BadInputError when
    the file cannot be read or written."""
    import tomlkit  # here, not at the top: only a choice being saved needs it

    path = locations.config_path()
    read_config_file(path)  # a file that is not valid TOML is said so, as at start-up, and left alone
    document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    document[key] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(tomlkit.dumps(document))
        os.replace(partial, path)
    except OSError as error:
        raise BadInputError(
            f"{path}: cannot be written, so the {key} was not saved: {error.strerror}",
            hint=f"Check the permissions, or set {key} in the file by hand.",
        ) from error


ENVIRONMENT: dict[str, str] = {
    "PRACTICE_GRADER": "grader",
    "OPENAI_BASE_URL": "base_url",
    "OPENAI_API_KEY": "api_key",
    "PRACTICE_MODEL": "model",
    "OPENAI_API_VERSION": "api_version",
    "PRACTICE_TIMEOUT": "timeout_seconds",
    "PRACTICE_CONNECT_TIMEOUT": "connect_timeout_seconds",
    "PRACTICE_FIRST_TOKEN_TIMEOUT": "first_token_timeout_seconds",
    "PRACTICE_MAX_REPLY_BYTES": "max_reply_bytes",
    "PRACTICE_MAX_RETRIES": "max_retries",
    "PRACTICE_RETRY_WAIT": "retry_wait_seconds",
    "PRACTICE_RETRY_WAIT_CAP": "retry_wait_cap_seconds",
    "PRACTICE_CONTEXT_TOKENS": "context_tokens",
    "PRACTICE_BANK": "bank",
    "PRACTICE_THEME": "theme",
    "PRACTICE_VOICE_MODEL": "voice_model",
    "PRACTICE_VOICE_MODEL_PATH": "voice_model_path",
    "PRACTICE_KEEP_RECORDINGS": "keep_recordings",
}
"""Environment variable → setting; README 'Configuration' lists the same names."""


def load_settings(**flags: Any) -> Settings:
    """Flags given as None are 'not given', so they do not mask the environment or the file."""
    path = locations.config_path()
    file_values = read_config_file(path)
    env_values = {field: os.environ[name] for name, field in ENVIRONMENT.items() if name in os.environ}
    given = {key: value for key, value in flags.items() if value is not None}
    try:
        return Settings.model_validate({**file_values, **env_values, **given})
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        raise BadInputError(
            f"{_origin(field, path, file_values, env_values, given)}: {field or 'settings'}: {first['msg']}",
            hint="Check the config file, the PRACTICE_* / OPENAI_* environment variables and the flags.",
        ) from error


def _origin(
    field: str, path: Path, file_values: Mapping[str, Any], env_values: Mapping[str, Any], given: Mapping[str, Any]
) -> str:
    """Where the bad value came from: the highest layer that set it, as that is the one used."""
    if field in given:
        return "command line"
    if field in env_values:
        return next(name for name, target in ENVIRONMENT.items() if target == field)
    return str(path) if field in file_values else "settings"
