"""The user's settings: config.toml in the platform's user config dir, read with pydantic.

    refresh_minutes = 30          # the open app refreshes the feeds this often (0: never)

    [http]
    timeout_seconds = 20          # per connect / read
    retries = 2                   # on timeouts, 5xx and 429
    max_response_mb = 10
    per_host = 2                  # requests at once to one host
    contact = "mailto:me@example.org"   # added to the User-Agent, so a site can reach you

READER_CONFIG names another file (the tests use it). A missing file means the defaults.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from index.errors import ReaderError
from index.feeds import FetchSettings, user_agent
from reader import __version__
from reader.paths import APP_NAME

CONFIG_ENV = "READER_CONFIG"


class ConfigError(ReaderError):
    pass


class HttpConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    timeout_seconds: float = Field(20.0, gt=0)
    total_seconds: float = Field(60.0, gt=0)
    retries: int = Field(2, ge=0, le=10)
    backoff_seconds: float = Field(1.0, ge=0)
    max_retry_after_seconds: float = Field(30.0, ge=0)
    max_response_mb: float = Field(10.0, gt=0)
    per_host: int = Field(2, ge=1, le=8)
    workers: int = Field(8, ge=1, le=64)
    contact: str | None = None


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_minutes: float = Field(0.0, ge=0)
    http: HttpConfig = Field(default_factory=HttpConfig)

    def fetch_settings(self) -> FetchSettings:
        http = self.http
        agent = user_agent(__version__)
        if http.contact:
            agent = f"{agent.removesuffix(')')}; +{http.contact})"
        return FetchSettings(
            timeout_seconds=http.timeout_seconds, total_seconds=http.total_seconds, retries=http.retries,
            backoff_seconds=http.backoff_seconds, max_retry_after_seconds=http.max_retry_after_seconds,
            max_bytes=int(http.max_response_mb * 1024 * 1024), per_host=http.per_host, workers=http.workers,
            user_agent=agent,
        )


def config_path() -> Path:
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """The settings, or a ConfigError naming the file and what is wrong in it."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"Cannot read the config file {path}: {getattr(error, 'strerror', None) or error}.") from None
    try:
        return Config.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"The config file {path} is not valid TOML: {error}.") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"The config file {path} has a bad setting '{where}': {first['msg']}.") from None
