"""Validates payloads with Python's jsonschema against the shipped schema files.

Reads {"cases": [{"schema": "<path relative to the package root>", "data": ...}]} on standard input and
prints a JSON list of booleans, one verdict per case. Each schema file is used alone, as a Python tool would.
"""
import json
import sys
from pathlib import Path

import jsonschema

root = Path(__file__).resolve().parents[2]
request = json.load(sys.stdin)
validators = {}
verdicts = []
for case in request["cases"]:
    path = case["schema"]
    if path not in validators:
        schema = json.loads((root / path).read_text(encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(schema)
        validators[path] = jsonschema.Draft7Validator(schema)
    verdicts.append(validators[path].is_valid(case["data"]))
json.dump({"verdicts": verdicts}, sys.stdout)
