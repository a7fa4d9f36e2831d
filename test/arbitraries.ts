// The arbitraries of the differential tests: the shipped ones (src/arbitraries.ts, written from the object model
// rather than from the schemas, so that they check the schemas), and generic mutations of what they draw.
import fc from "fast-check";
import { validArbitrary } from "../src/test-kit/arbitraries.js";
import { TYPES, type TypeName } from "../src/validators/table.js";

/**
 * For each type, payloads that follow the model: valid in both modes. They are the package's own arbitraries
 * (graph-invite-participants/arbitraries), drawn for strict mode, whose values are valid in tolerant mode too.
 */
export const validPayloads = Object.fromEntries(TYPES.map(({ name }) => [name, validArbitrary(name, "strict")])) as Record<TypeName, fc.Arbitrary<Record<string, unknown>>>;

/** A payload with one thing changed: a property removed, retyped, renamed or added, somewhere inside. */
export function mutations(value: unknown): fc.Arbitrary<unknown> {
  const replacements = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.string(), fc.constant({}), fc.constant([]), fc.constant("#microsoft.graph.identity"));
  return fc.tuple(fc.nat(), replacements, fc.constantFrom("set", "delete", "rename", "add", "annotate")).map(([pick, replacement, how]) => {
    const copy = structuredClone(value) as Record<string, unknown>;
    const objects: Record<string, unknown>[] = [];
    const stack: unknown[] = [copy];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node !== null && typeof node === "object") {
        if (!Array.isArray(node)) objects.push(node as Record<string, unknown>);
        for (const child of Object.values(node)) stack.push(child);
      }
    }
    const target = objects[pick % objects.length]!;
    const keys = Object.keys(target);
    const key = keys.length > 0 ? keys[pick % keys.length]! : "x";
    if (how === "set") target[key] = replacement;
    else if (how === "delete") delete target[key];
    else if (how === "rename") {
      target[`${key}s`] = target[key];
      delete target[key];
    } else if (how === "add") target[`extra${pick % 3}`] = replacement;
    else target[`${key}@odata.type`] = replacement;
    return copy;
  });
}

/** A type's name and a payload of it, valid or with one thing changed (see mutations). */
export const namedPayloads: fc.Arbitrary<[TypeName, unknown]> = fc.constantFrom(...(Object.keys(validPayloads) as TypeName[])).chain((name) =>
  fc.tuple(
    fc.constant(name),
    validPayloads[name].chain((payload) => fc.oneof(fc.constant(payload as unknown), mutations(payload))),
  ),
);
