"""The bundled reference datasets (kept for compatibility: see `finsam.io.datasets`).

`finsam.load_report` and `finsam.load_forbund` take a bundled name as well as a path.

>>> from finsam.datasets import load_report, report_names
>>> load_report(report_names()[0]).title
'Halvårsredovisning 2019'
"""

from __future__ import annotations

from finsam.io import load_forbund, load_report
from finsam.io.datasets import forbund_names, report_names

__all__ = ["forbund_names", "load_forbund", "load_report", "report_names"]
