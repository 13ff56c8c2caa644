"""A speech model downloaded on first use, from the Hugging Face hub into its usual cache (where
faster-whisper and practice/voice/model_location.py find it afterwards).

Two steps, so the candidate is told the size before anything is fetched: `offer` asks the hub
what the model's files weigh (one small request, GET /api/models/{repo}/revision/main), and
`download` fetches them one by one (HEAD and GET /{repo}/resolve/main/{file}), reporting bytes
as they arrive and stopping when asked. huggingface_hub writes each file to a temporary name and
moves it into the cache only once whole, and removes it on any failure (cancelling included), so
a stopped download never leaves a model that looks complete. HF_ENDPOINT is read when asked, so
a mirror (or the tests' loopback hub) can stand in for huggingface.co.
"""

from __future__ import annotations

import fnmatch
import os
import threading
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict

from practice.voice.errors import VoiceUnavailableError, missing_extra
from practice.voice.model_location import MODEL_FILES, ModelLocation, find_local, model_repo

OFFER_TIMEOUT_SECONDS = 10.0
"""How long the size query waits for the hub: the candidate is waiting to speak."""


class DownloadCancelled(Exception):
    """The candidate pressed Escape while the model was downloading."""


class RemoteFile(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    size: int


class DownloadOffer(BaseModel):
    """What downloading the model means: which files, how large in all, from where."""

    model_config = ConfigDict(frozen=True)

    name: str
    repo: str
    files: list[RemoteFile]

    @property
    def total_bytes(self) -> int:
        return sum(file.size for file in self.files)

    def size_text(self) -> str:
        return megabytes(self.total_bytes)


def megabytes(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB"


def _endpoint() -> str | None:
    return os.environ.get("HF_ENDPOINT", "").rstrip("/") or None


def _hub() -> Any:
    try:
        import huggingface_hub
    except ImportError as error:
        raise missing_extra("huggingface-hub") from error
    return huggingface_hub


def offer(name: str, *, timeout: float = OFFER_TIMEOUT_SECONDS) -> DownloadOffer:
    """The model's files and sizes, from the hub. Raises VoiceUnavailableError saying why when
    the hub cannot be asked (no network, offline mode, no such model)."""
    repo = model_repo(name)
    try:
        api = _hub().HfApi(endpoint=_endpoint())
        info = api.model_info(repo, revision="main", files_metadata=True, timeout=timeout)
    except VoiceUnavailableError:
        raise
    except Exception as error:
        raise VoiceUnavailableError(
            f"the {name} speech model cannot be downloaded now: {_reason(error)}",
            hint="Check the network, or set voice_model_path to a model directory you have.",
        ) from error
    files = sorted(
        (
            RemoteFile(name=sibling.rfilename, size=sibling.size or 0)
            for sibling in info.siblings or []
            if any(fnmatch.fnmatch(sibling.rfilename, pattern) for pattern in MODEL_FILES)
        ),
        key=lambda file: file.name == "model.bin",
    )
    if not any(file.name == "model.bin" for file in files):
        raise VoiceUnavailableError(
            f"{repo} on the hub has no model.bin, so it is not a speech model practice can use",
            hint="Set voice_model to tiny.en, base.en or small.en.",
        )
    return DownloadOffer(name=name, repo=repo, files=files)


def download(
    offered: DownloadOffer, *, progress: Callable[[int], None], cancelled: Callable[[], bool]
) -> ModelLocation:
    """Fetches the offered files into the local model cache, one after another (two cores are
    busy enough), model.bin last: its presence is what makes a model of the cache, so a download
    stopped before the end never leaves one that looks whole. `progress(bytes_so_far)` is told
    as bytes arrive (huggingface_hub reads in 10 MB pieces); `cancelled` is asked between pieces,
    and DownloadCancelled raised once it says so. Any other failure is a VoiceUnavailableError
    saying why."""
    hub = _hub()
    done = 0

    def arrived(count: int) -> None:
        if cancelled():
            raise DownloadCancelled
        progress(done + count)

    bar = _counting_bar(arrived)
    try:
        for file in offered.files:
            if cancelled():
                raise DownloadCancelled
            hub.hf_hub_download(offered.repo, file.name, revision="main", endpoint=_endpoint(), tqdm_class=bar)
            done += file.size
            progress(done)
    except (DownloadCancelled, VoiceUnavailableError):
        raise
    except Exception as error:
        raise VoiceUnavailableError(
            f"the {offered.name} speech model could not be downloaded: {_reason(error)}",
            hint="Try again later, or set voice_model_path to a model directory you have.",
        ) from error
    found = find_local(offered.name)
    if found is None:
        raise VoiceUnavailableError(
            f"the {offered.name} speech model was downloaded but is not in the local model cache",
            hint="Check HF_HUB_CACHE (or HF_HOME), or set voice_model_path to a model directory.",
        )
    return found


class BackgroundDownload:
    """`download` in a daemon thread of its own, so stopping it never waits for the network:
    `cancel` ends `wait` at once, while the thread stops at the next piece that arrives (and
    huggingface_hub removes the partial file), or with the process. A worker waits on it, so a
    stalled connection can hold neither Escape nor quitting."""

    def __init__(self, run: Callable[[Callable[[], bool]], ModelLocation]) -> None:
        """`run(cancelled)` does the download (see VoiceInput's ModelSupply.fetch)."""
        self._stop = threading.Event()
        self._over = threading.Event()
        self._location: ModelLocation | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(run,), name="model-download", daemon=True)
        self._thread.start()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def _run(self, run: Callable[[Callable[[], bool]], ModelLocation]) -> None:
        try:
            self._location = run(self._stop.is_set)
        except BaseException as error:
            self._error = error
        finally:
            self._over.set()

    def cancel(self) -> None:
        self._stop.set()
        self._over.set()

    def wait(self) -> ModelLocation:
        """The model's place once downloaded; DownloadCancelled once cancelled; else the error."""
        self._over.wait()
        if self._stop.is_set():
            raise DownloadCancelled
        if self._error is not None:
            raise self._error
        assert self._location is not None
        return self._location


def _counting_bar(arrived: Callable[[int], None]) -> type[Any]:
    """A progress bar class for huggingface_hub that draws nothing and counts the bytes of the
    file being fetched (tqdm's interface, as its tqdm_class parameter asks)."""
    from tqdm.auto import tqdm

    class CountingBar(tqdm):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.pop("name", None)
            kwargs["disable"] = True
            super().__init__(*args, **kwargs)
            self.count = int(kwargs.get("initial") or 0)

        def update(self, n: float | None = 1) -> bool | None:
            self.count += int(n or 0)
            arrived(self.count)
            return None

    return CountingBar


def _reason(error: BaseException) -> str:
    """The hub's errors say a lot, over several lines: the first line is what the candidate needs."""
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
