"""One settings model, layered: defaults < config file < environment < command-line flags.

The API key is a SecretStr: it is never rendered by repr, never dumped into a session, an
export or a log; only the LLM client asks for its value.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from practice import locations
from practice.errors import BadInputError


class GraderKind(StrEnum):
    offline = "offline"
    llm = "llm"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="forbid", populate_by_name=True)

    grader: GraderKind | None = Field(
        default=None,
        validation_alias=AliasChoices("grader", "PRACTICE_GRADER"),
        description="None means: llm when an endpoint is configured, offline otherwise.",
    )
    base_url: str | None = Field(default=None, validation_alias=AliasChoices("base_url", "OPENAI_BASE_URL"))
    api_key: SecretStr | None = Field(default=None, validation_alias=AliasChoices("api_key", "OPENAI_API_KEY"))
    model: str | None = Field(default=None, validation_alias=AliasChoices("model", "PRACTICE_MODEL"))
    api_version: str | None = Field(
        default=None,
        validation_alias=AliasChoices("api_version", "OPENAI_API_VERSION"),
        description="Azure OpenAI only.",
    )
    timeout_seconds: float = Field(default=60.0, gt=0, validation_alias=AliasChoices("timeout_seconds", "PRACTICE_TIMEOUT"))
    max_retries: int = Field(default=2, ge=0, validation_alias=AliasChoices("max_retries", "PRACTICE_MAX_RETRIES"))
    retry_wait_seconds: float = Field(
        default=1.0, ge=0, validation_alias=AliasChoices("retry_wait_seconds", "PRACTICE_RETRY_WAIT"),
        description="First wait before retrying a model call; doubles on each retry.",
    )
    retry_wait_cap_seconds: float = Field(
        default=20.0, ge=0, validation_alias=AliasChoices("retry_wait_cap_seconds", "PRACTICE_RETRY_WAIT_CAP"),
        description="Longest wait between retries, whatever a server's Retry-After asks for.",
    )
    context_tokens: int | None = Field(default=None, gt=0, validation_alias=AliasChoices("context_tokens", "PRACTICE_CONTEXT_TOKENS"))
    bank: Path | None = Field(default=None, validation_alias=AliasChoices("bank", "PRACTICE_BANK"))
    theme: str | None = Field(default=None, validation_alias=AliasChoices("theme", "PRACTICE_THEME"))

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Flags (init) beat the environment, which beats the config file (passed as init
        # defaults by `load_settings`, see there).
        return (init_settings, env_settings)

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
        return f"LLM grader: {self.model} at {self.base_url or 'api.openai.com'}"


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


def load_settings(**flags: Any) -> Settings:
    """Flags given as None are 'not given', so they do not mask the environment or the file."""
    given = {key: value for key, value in flags.items() if value is not None}
    path = locations.config_path()
    file_values = read_config_file(path)
    try:
        from_env = Settings(**given)
        if not file_values:
            return from_env
        # Only fill what neither env nor flags set: file < env < flags.
        explicit = from_env.model_dump(exclude_unset=True)
        return Settings(**{**file_values, **explicit, **given})
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        raise BadInputError(
            f"{path if file_values else 'settings'}: {where}: {first['msg']}",
            hint="Check the config file, the PRACTICE_* / OPENAI_* environment variables and the flags.",
        ) from error
