"""Hypothesis profiles: ``dev`` (default, quick) and ``ci`` (more examples, no deadline).

Choose one with ``HYPOTHESIS_PROFILE=ci``; `.ci/run` does.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
