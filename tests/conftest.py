"""Hypothesis profiles: ``dev`` (default, quick) and ``ci`` (more examples, no deadline).

Choose one with ``HYPOTHESIS_PROFILE=ci``; `.ci/run` does.
"""

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from finsam._i18n import using_language

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """The tests pin messages in English; tests of the Swedish default say so themselves.

    (Doctests in ``src/`` and ``docs/`` are outside this folder: they run in the default
    language, Swedish, as a reader's copy would.)
    """
    with using_language("en"):
        yield
