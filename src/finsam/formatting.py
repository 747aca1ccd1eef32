"""Swedish presentation of amounts and dates (kept for compatibility: see
`finsam.present.formatting`)."""

from finsam.present.formatting import (
    format_amount,
    format_date,
    format_number,
    format_percent,
    format_period,
    format_share,
)

__all__ = [
    "format_amount",
    "format_date",
    "format_number",
    "format_percent",
    "format_period",
    "format_share",
]
