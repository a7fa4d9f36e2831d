"""Verdicts of Python's jsonschema and fastjsonschema on the shipped schema files.

Reads {"root": dir, "cases": [{"schema": relative path, "data": value}]} on stdin and writes
{"jsonschema": [bool], "fastjsonschema": [bool]} on stdout, one verdict per case.
"""
import json
import os
import sys

import fastjsonschema
import jsonschema

request = json.load(sys.stdin)
schemas = {}
compiled = {}
out = {"jsonschema": [], "fastjsonschema": []}
for case in request["cases"]:
    path = case["schema"]
    if path not in schemas:
        with open(os.path.join(request["root"], path), encoding="utf-8") as f:
            schemas[path] = json.load(f)
        jsonschema.Draft7Validator.check_schema(schemas[path])
        compiled[path] = (jsonschema.Draft7Validator(schemas[path]), fastjsonschema.compile(schemas[path]))
    reference, fast = compiled[path]
    out["jsonschema"].append(reference.is_valid(case["data"]))
    try:
        fast(case["data"])
        out["fastjsonschema"].append(True)
    except fastjsonschema.JsonSchemaValueException:
        out["fastjsonschema"].append(False)
json.dump(out, sys.stdout)
