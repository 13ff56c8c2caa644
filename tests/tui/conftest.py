"""Fixtures for the TUI tests: a frozen copy of part of the bank (so snapshots do not change when
the shipped bank is edited), a manual clock, and an app wired like the CLI's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from practice.app import PracticeApp, build_app
from practice.bank.loader import load_bank
from practice.bank.models import QuestionBank
from practice.config import Settings
from practice.locations import store_path
from practice.store.sqlite import SessionStore

FIXTURE_BANK = Path(__file__).parent / "fixtures" / "bank.json"
SEED = 7


class ManualClock:
    """Time stands still unless a test moves it, so timers and durations are deterministic."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def bank() -> QuestionBank:
    return load_bank(FIXTURE_BANK)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def store() -> SessionStore:
    return SessionStore(store_path())


@pytest.fixture
def make_app(bank: QuestionBank, clock: ManualClock) -> Callable[[], PracticeApp]:
    """A new app on the same data directory each call, as after a restart."""

    def make() -> PracticeApp:
        return build_app(Settings(), bank, SessionStore(store_path()), clock=clock, seed=SEED)

    return make
