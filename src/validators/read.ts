/**
 * What the validators read of a value: the one place the rule is stated, read by the generated verdict and
 * report functions alike (src/generated/<mode>-checks.js), so that what decides the verdict is what the issues
 * describe (README, "What is read of a value").
 *
 * - An object is a non-null `typeof "object"` that is not an array and not binary data (a Buffer, a typed array,
 *   a DataView: JSON text cannot carry them, and a loop over their names would visit every byte). Its properties are the names a `for…in`
 *   loop visits on it (its own enumerable names and those it inherits enumerably: what JSON text made from it
 *   would carry, but for the inherited ones); a name is present when reading it gives something other than
 *   `undefined`. A non-enumerable property, or a class's getter, is not read.
 * - An array is read by its `length` and its items by index, a hole as `undefined`.
 * - A string's length counts code points, not UTF-16 units.
 * - A getter or proxy trap that throws makes the value invalid, never the caller's exception.
 */

/**
 * Whether a value is an object, as JSON Schema's `object` type: not null, not an array, and not binary data (a
 * Buffer, a typed array, a DataView), which JSON text cannot carry and whose every byte `for…in` would visit.
 */
export function isObject(value: unknown): value is object {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** Prototypes deeper than this are not followed (a proxy may answer that its prototype is itself). */
const MAX_PROTOTYPES = 1000;

/**
 * Whether `for…in` visits a name on an object: the first object on its prototype chain that has the name as its
 * own property has it enumerable. Asked name by name where a check reads one or two names and listing an
 * object's names would cost more (conditions on `@odata.type`); every other check takes its names from a
 * `for…in` loop itself.
 */
export function visits(object: object, name: string): boolean {
  let at: object | null = object;
  for (let depth = 0; at !== null && depth < MAX_PROTOTYPES; depth += 1) {
    if (Object.prototype.propertyIsEnumerable.call(at, name)) return true;
    if (Object.hasOwn(at, name)) return false;
    at = Object.getPrototypeOf(at) as object | null;
  }
  return false;
}

/** A string's length in code points (a surrogate pair counts once), as JSON Schema counts it. */
export function ucs2length(text: string): number {
  let length = 0;
  for (let at = 0; at < text.length; at += 1) {
    length += 1;
    const code = text.charCodeAt(at);
    if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00) at += 1;
  }
  return length;
}
