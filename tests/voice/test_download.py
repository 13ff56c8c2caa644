"""Downloading the speech model on first use, against a fake hub on 127.0.0.1 serving the
packaged tiny.en's files as if they were Systran/faster-whisper-base.en: the size is known before
anything is fetched, bytes are reported as they arrive, a stopped or failed download leaves no
model that looks whole, and without the hub the packaged tiny.en stands in, saying so."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from practice.voice.download import BackgroundDownload, DownloadCancelled, download, offer
from practice.voice.errors import VoiceUnavailableError
from practice.voice.model_location import find_local, is_downloadable, locate_model, packaged_location
from practice.voice.transcriber import Transcriber
from tests.llm.fake_server import closed_port_url
from tests.voice.conftest import recording
from tests.voice.fake_hub import FakeHub, Gate, files_in

BASE = "Systran/faster-whisper-base.en"


def packaged_bytes() -> int:
    packaged = packaged_location("tiny.en")
    assert packaged is not None
    return sum(path.stat().st_size for path in packaged.path.iterdir())


def test_the_offer_says_the_size_before_anything_is_fetched(fake_hub: FakeHub) -> None:
    fake_hub.serve(BASE)

    offered = offer("base.en")

    assert offered.total_bytes == packaged_bytes()
    assert offered.size_text() == f"{packaged_bytes() / 1e6:.1f} MB"
    assert [file.name for file in offered.files][-1] == "model.bin"  # last: see download()
    assert fake_hub.requests == [("GET", f"/api/models/{BASE}/revision/main")]


def test_a_download_lands_in_the_cache_and_is_a_working_model(fake_hub: FakeHub, hf_cache: Path) -> None:
    fake_hub.serve(BASE)
    offered = offer("base.en")
    told: list[int] = []

    location = download(offered, progress=told.append, cancelled=lambda: False)

    assert told == sorted(told) and told[-1] == offered.total_bytes
    assert len(told) > len(offered.files)  # within files too, not only between them
    assert location.source == "local model cache" and hf_cache in location.path.parents
    assert locate_model("base.en") == location  # found there from now on, before the package
    heard = Transcriber(location).transcribe(recording("steady"))
    assert "customer" in heard.text.lower()


def test_a_stopped_download_leaves_nothing_that_looks_like_a_model(fake_hub: FakeHub, hf_cache: Path) -> None:
    gate = fake_hub.serve(BASE).gates.setdefault("model.bin", Gate(after_bytes=12 << 20))
    offered = offer("base.en")
    stop = threading.Event()
    ended: list[BaseException] = []

    def run() -> None:
        try:
            download(offered, progress=lambda _: None, cancelled=stop.is_set)
        except BaseException as error:
            ended.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    assert gate.reached.wait(timeout=30)
    stop.set()
    gate.opened.set()
    worker.join(timeout=30)

    assert [type(error) for error in ended] == [DownloadCancelled]
    assert find_local("base.en") is None
    assert not [name for name in files_in(hf_cache) if name.endswith(("model.bin", ".incomplete"))]


def test_a_failed_download_says_why_and_leaves_no_model(fake_hub: FakeHub) -> None:
    fake_hub.serve(BASE).failing.add("model.bin")

    with pytest.raises(VoiceUnavailableError, match=r"base.en speech model could not be downloaded: Server error '500"):
        download(offer("base.en"), progress=lambda _: None, cancelled=lambda: False)
    assert find_local("base.en") is None


def test_without_the_hub_the_offer_says_why(hf_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", closed_port_url())

    with pytest.raises(VoiceUnavailableError, match=r"the base.en speech model cannot be downloaded now: "):
        offer("base.en")


def test_a_model_the_hub_does_not_have_is_named(fake_hub: FakeHub) -> None:
    with pytest.raises(VoiceUnavailableError, match=r"cannot be downloaded now: .*404"):
        offer("small.en")


def test_what_is_worth_downloading(hf_cache: Path, tmp_path: Path) -> None:
    """Not what is here, nor tiny.en while its package holds the same model."""
    assert is_downloadable("base.en")
    assert not is_downloadable("tiny.en")
    assert not is_downloadable("base.en", tmp_path)


def test_the_packaged_model_stands_in_for_one_not_here_and_says_so(hf_cache: Path) -> None:
    found = locate_model("small.en")

    assert (found.name, found.instead_of) == ("tiny.en", "small.en")
    note = found.stand_in_note()
    assert note is not None and note.startswith("The small.en speech model is not on this machine")
    assert locate_model("tiny.en").stand_in_note() is None


def test_a_stalled_download_is_stopped_at_once(fake_hub: FakeHub, hf_cache: Path) -> None:
    """The hub sends model.bin's headers and then nothing: cancelling still ends the wait now;
    the download's own thread stops when bytes come (here, once the hub lets them go)."""
    gate = fake_hub.serve(BASE).gates.setdefault("model.bin", Gate(after_bytes=0))
    offered = offer("base.en")
    started = BackgroundDownload(lambda cancelled: download(offered, progress=lambda _: None, cancelled=cancelled))
    assert gate.reached.wait(timeout=30)

    started.cancel()

    with pytest.raises(DownloadCancelled):
        started.wait()
    gate.opened.set()
    started._thread.join(timeout=30)
    assert not started._thread.is_alive()
    assert find_local("base.en") is None
    assert not [name for name in files_in(hf_cache) if name.endswith(("model.bin", ".incomplete"))]
