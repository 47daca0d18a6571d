"""Shared fixtures: the real spaCy pipeline, a store file, a config pointing at test folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from digest.config import Config, load_config
from digest.nlp import load_nlp

SAMPLES = Path(__file__).resolve().parent.parent / "digest" / "samples"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture
def sample_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}


@pytest.fixture
def write_config(tmp_path: Path):
    """Write a config file in tmp_path; returns its path."""

    def write(body: str) -> Path:
        path = tmp_path / "tradedigest.toml"
        path.write_text(body, encoding="utf-8")
        return path

    return write


@pytest.fixture
def config(tmp_path: Path, write_config) -> Config:
    """The bundled samples as the one source, a fresh database in tmp_path."""
    path = write_config(
        f'[database]\npath = "{tmp_path / "td.db"}"\n'
        '[[sources]]\nname = "samples"\nkind = "folder"\npath = "bundled:samples"\n',
    )
    return load_config(environ={}, path=path)
