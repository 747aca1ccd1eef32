"""Plots of splits, budgets and insatser (kept for compatibility: see `finsam.present.plots`)."""

from finsam.present.plots import *  # noqa: F403
from finsam.present.plots import __all__  # noqa: F401
