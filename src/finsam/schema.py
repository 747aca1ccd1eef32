"""JSON Schema of finsam's data files (kept for compatibility: see `finsam.io.schema`)."""

from finsam.io.schema import DRAFT, KINDS, forbund_schema, main, report_schema, schema_json

__all__ = ["DRAFT", "KINDS", "forbund_schema", "main", "report_schema", "schema_json"]

if __name__ == "__main__":
    raise SystemExit(main())
