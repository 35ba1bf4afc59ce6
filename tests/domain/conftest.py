"""Hypothesis keeps caches (its example database, constants gathered from the source) in
`./.hypothesis`; point them at a temporary folder so tests write only under tmp paths."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import configuration


@pytest.fixture(autouse=True, scope="session")
def hypothesis_storage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    previous = configuration.storage_directory(intent_to_write=False).path
    configuration.set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    yield
    configuration.set_hypothesis_home_dir(previous)
