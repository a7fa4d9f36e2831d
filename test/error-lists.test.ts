// The errors the package reports are the ones Ajv finds in the shipped schema files: Ajv compiling the files at
// run time, its errors described by the same runtime, gives the same issues, case by case, in both modes and
// both error modes. (The generated code is compiled from the same files, each type once.)
import { describe, expect, it } from "vitest";
import { createAjv } from "../scripts/generate/schemas.js";
import { toIssues } from "../src/runtime.js";
import { TYPES, type AjvError, type JsonSchema } from "../src/table.js";
import { MODES, api, payloads, schemaFiles } from "./support.js";

describe.each(MODES)("%s mode", (mode) => {
  it.each([false, true])("reports, with allErrors %s, the issues described from Ajv compiling the shipped files", (allErrors) => {
    const ajv = createAjv({ allErrors, messages: false, loopEnum: 16 });
    for (const file of schemaFiles) ajv.addSchema(file.schema);
    const differing: string[] = [];
    let compared = 0;
    for (const p of payloads()) {
      const validator = api[mode].validators[p.type];
      const graphName = TYPES.find((t) => t.name === p.type)!.graphName;
      const validate = ajv.getSchema(schemaFiles.find((f) => f.mode === mode && f.graphName === graphName)!.schema.$id as string)!;
      if (validate(p.data)) continue;
      compared += 1;
      const expected = toIssues(validate.errors as AjvError[], p.data, validator.schema as JsonSchema, 100);
      const reported = validator.validate(p.data, { allErrors }).errors;
      if (JSON.stringify(reported) !== JSON.stringify(expected))
        differing.push(`${p.label}\n  reported ${JSON.stringify(reported.map((e) => e.message))}\n  from the files ${JSON.stringify(expected.map((e) => e.message))}`);
    }
    expect(compared).toBeGreaterThan(100);
    expect(differing).toEqual([]);
  });
});
