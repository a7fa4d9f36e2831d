"""What a Python user of the schema files pays: jsonschema (Draft7Validator) and fastjsonschema, each given the
tolerant inviteParticipantsOperation file of a folder of shipped schemas, compiling it and validating each
operation of fixtures/ (Graph's own payloads).

Usage: /usr/bin/python3 bench/schema-tools.py <schemas folder> <fixtures/inviteParticipantsOperation.json>
Prints one JSON object: seconds to compile, nanoseconds per operation, for each library (the fastest of 5 rounds).
bench/schema-files.ts runs it on this checkout's files and on those before rule 12 (commit 3ba8d0b).
"""
import json
import os
import sys
import time

import fastjsonschema
import jsonschema

folder, fixtures = sys.argv[1], sys.argv[2]
with open(os.path.join(folder, "inviteParticipantsOperation.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
with open(fixtures, encoding="utf-8") as f:
    operations = [fixture["payload"] for fixture in json.load(f)["fixtures"]]


def fastest(run, rounds=5):
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def per_operation(check):
    repeat = 20

    def run():
        for _ in range(repeat):
            for operation in operations:
                check(operation)

    return fastest(run) / (repeat * len(operations)) * 1e9


def fast_check(validate):
    def check(value):
        try:
            validate(value)
            return True
        except fastjsonschema.JsonSchemaValueException:
            return False

    return check


reference = jsonschema.Draft7Validator(schema)
fast = fastjsonschema.compile(schema)
result = {
    "jsonschema": {"compileS": fastest(lambda: jsonschema.Draft7Validator(schema).is_valid({})), "perOperationNs": per_operation(reference.is_valid)},
    "fastjsonschema": {"compileS": fastest(lambda: fastjsonschema.compile(schema), 3), "perOperationNs": per_operation(fast_check(fast))},
}
json.dump(result, sys.stdout)
