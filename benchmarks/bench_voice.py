"""How fast spoken answers are heard, how well, and what the voice extra costs on disk.

    python benchmarks/bench_voice.py [--repeat 3]

Prints the model's load time, then the median wall time to transcribe 5 s to 60 s of speech
(the committed test recordings, joined end to end) with word timings, as the TUI and
`practice grade --audio` do, and its ratio to the audio's length. Target: tiny.en under 0.3×
real time on this machine's 2 cores. Then the word error rate on each test recording, and how
many of the planted fillers survive with the filler-keeping initial prompt against without it
(the baseline: Whisper's own habit of dropping them). Last, the installed size of the extra's
packages beyond what the base install already has.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import statistics
import time
import wave
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import jiwer
import numpy as np
from packaging.requirements import Requirement

from practice.voice.delivery import measure
from practice.voice.knowledge import bundled_knowledge
from practice.voice.model_location import locate_model
from practice.voice.transcriber import Transcriber

RECORDINGS = Path(__file__).resolve().parent.parent / "tests" / "voice" / "recordings"
LENGTHS = (5, 10, 20, 40, 60)
TARGET_RATIO = 0.3
HESITATIONS = {"um", "uh", "er"}


def samples_of(name: str) -> np.ndarray:
    with wave.open(str(RECORDINGS / f"{name}.wav"), "rb") as recording:
        pcm = np.frombuffer(recording.readframes(recording.getnframes()), dtype="<i2")
    return pcm.astype(np.float32) / 32768


def speech_of(seconds: int, pool: np.ndarray) -> np.ndarray:
    repeats = int(np.ceil(seconds * 16000 / len(pool)))
    return np.tile(pool, repeats)[: seconds * 16000]


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("%", " percent").replace("forty", "40"))


def planted_kept(transcriber: Transcriber, manifest: dict) -> int:
    """Planted fillers found again, at most as many as were planted; the hesitation sounds are
    counted together, since the synthesiser's 'uh' is heard as 'er' at times."""
    kept = 0
    for truth in manifest["recordings"].values():
        found = measure(transcriber.transcribe(RECORDINGS / truth["file"])).filler_counts()
        planted = truth["fillers"]
        kept += min(
            sum(n for p, n in planted.items() if p in HESITATIONS), sum(n for p, n in found.items() if p in HESITATIONS)
        )
        kept += sum(min(n, found.get(p, 0)) for p, n in planted.items() if p not in HESITATIONS)
    return kept


def closure(names: list[str]) -> set[str]:
    """The installed distributions that these need, themselves included."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def installed_bytes(name: str) -> int:
    dist = metadata.distribution(name)
    total = 0
    for file in dist.files or []:
        path = Path(str(dist.locate_file(file)))
        if path.is_file():
            total += path.stat().st_size
    return total


def extra_size() -> tuple[float, int]:
    practice = metadata.distribution("practice")
    requirements = [Requirement(r) for r in practice.requires or []]
    base = [r.name for r in requirements if r.marker is None]
    voice = [r.name for r in requirements if r.marker is not None and r.marker.evaluate({"extra": "voice"})]
    added = closure(voice) - closure(base)
    return sum(installed_bytes(name) for name in added) / 2**20, len(added)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    manifest = json.loads((RECORDINGS / "manifest.json").read_text(encoding="utf-8"))
    location = locate_model("tiny.en")
    print(f"cores: {os.cpu_count()}; model: {location.name} from {location.source}")
    loads = []
    for _ in range(args.repeat):
        loads.append(timed(lambda: Transcriber(location)))
    transcriber = Transcriber(location)
    print(f"model load: median {statistics.median(loads):.2f} s")
    pool = np.concatenate([samples_of(name) for name in sorted(manifest["recordings"])])
    transcriber.transcribe(speech_of(5, pool))  # the first call warms the decoder
    print("measurement  audio  median  ratio  target  met")
    for seconds in LENGTHS:
        audio = speech_of(seconds, pool)
        median = statistics.median(timed(functools.partial(transcriber.transcribe, audio)) for _ in range(args.repeat))
        ratio = median / seconds
        print(
            f"transcribe {seconds} s  {seconds} s  {median:.2f} s  {ratio:.2f}x  {TARGET_RATIO}x  "
            f"{'yes' if ratio < TARGET_RATIO else 'no'}"
        )
    for name, truth in sorted(manifest["recordings"].items()):
        said = " ".join(segment["text"] for segment in truth["segments"])
        heard = transcriber.transcribe(RECORDINGS / truth["file"]).text
        print(f"word error rate, {name}: {jiwer.wer(' '.join(words(said)), ' '.join(words(heard))):.3f}")
    planted = sum(sum(t["fillers"].values()) for t in manifest["recordings"].values())
    with_prompt = planted_kept(transcriber, manifest)
    no_prompt = Transcriber(location, bundled_knowledge().model_copy(update={"initial_prompt": ""}))
    without = planted_kept(no_prompt, manifest)
    print(f"planted fillers kept: {with_prompt} of {planted} with the prompt, {without} of {planted} without")
    size, count = extra_size()
    print(f"voice extra installed size: {size:.0f} MiB in {count} packages beyond the base install")


if __name__ == "__main__":
    main()
