/**
 * Whether `for…in` visits a name on an object: the first object on its prototype chain that has the name as its
 * own property has it enumerable. The rule every path judges a value by (README, "What is read of a value"),
 * asked name by name where listing the names would cost more: the fast path's checks of one or two names (the
 * conditions that dispatch on `@odata.type`). Everywhere else the names come from a `for…in` loop itself (the
 * fast path's other checks, and the views Ajv's code reads in src/explain.ts).
 */
export function visits(object: object, name: string): boolean {
  for (let at: object | null = object; at !== null; at = Object.getPrototypeOf(at) as object | null) {
    if (Object.prototype.propertyIsEnumerable.call(at, name)) return true;
    if (Object.hasOwn(at, name)) return false;
  }
  return false;
}
