"""Makes the test recordings from recordings/spec.json with espeak-ng and sox, and writes
recordings/manifest.json: the truth the voice tests hold transcription and delivery to (the
words, when each stretch of speech starts and how long it lasts, where the planted pauses are).

The WAV files and the manifest are committed, so the tests and CI need no synthesiser. Run it
again after changing the spec: `python3 tests/voice/make_recordings.py` (needs espeak-ng and sox:
`apt-get install espeak-ng sox`).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "recordings"
RATE = "16000"


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def seconds(path: Path) -> float:
    return float(run("soxi", "-D", str(path)))


def speech(text: str, rate: int, out: Path, work: Path) -> None:
    """Spoken text with the synthesiser's own leading and trailing silence cut, so a planted
    pause is exactly as long as the spec says."""
    raw = work / "raw.wav"
    run("espeak-ng", "-s", str(rate), "-w", str(raw), text)
    run(
        "sox",
        str(raw),
        "-r",
        RATE,
        "-c",
        "1",
        "-b",
        "16",
        str(out),
        "silence",
        "1",
        "0.02",
        "1%",
        "reverse",
        "silence",
        "1",
        "0.02",
        "1%",
        "reverse",
    )


def silence(length: float, out: Path) -> None:
    run("sox", "-n", "-r", RATE, "-c", "1", "-b", "16", str(out), "trim", "0", f"{length}")


def make(name: str, spec: dict, rate: int, work: Path) -> dict:
    parts: list[Path] = []
    segments: list[dict] = []
    pauses: list[dict] = []
    clock = 0.0
    for index, item in enumerate([{"pause": spec["lead_seconds"]}, *spec["items"]]):
        part = work / f"{index:02d}.wav"
        if "say" in item:
            speech(item["say"], rate, part, work)
        else:
            silence(item["pause"], part)
        length = seconds(part)
        if "say" in item:
            segments.append({"text": item["say"], "start": round(clock, 3), "seconds": round(length, 3)})
        elif index > 0:
            pauses.append({"start": round(clock, 3), "seconds": round(length, 3)})
        parts.append(part)
        clock += length
    tail = work / "tail.wav"
    silence(0.5, tail)
    run("sox", *map(str, parts), str(tail), str(HERE / f"{name}.wav"))
    return {
        "file": f"{name}.wav",
        "audio_seconds": round(seconds(HERE / f"{name}.wav"), 3),
        "lead_seconds": spec["lead_seconds"],
        "segments": segments,
        "pauses": pauses,
        "fillers": spec["fillers"],
        "trails_off": spec["trails_off"],
    }


def main() -> None:
    spec = json.loads((HERE / "spec.json").read_text(encoding="utf-8"))
    manifest = {"rate": spec["rate"], "espeak_ng": run("espeak-ng", "--version"), "recordings": {}}
    for name, recording in spec["recordings"].items():
        with tempfile.TemporaryDirectory() as work:
            manifest["recordings"][name] = make(name, recording, spec["rate"], Path(work))
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
