// How the package writes values and places into messages: bounded, with control characters escaped.
// Shared by the runtime, the issues' messages (src/validators/report.ts) and the command line.

/** How a message names the place of its issue: the JSON Pointer, bounded and escaped, or "The value". */
export const placeOf = (path: string): string => (path === "" ? "The value" : printable(truncate(path, 200)));

/** A message without the place it starts with (`/status must be …` → `must be …`), for those who show the place apart. */
export function afterPlace(path: string, message: string): string {
  const place = `${placeOf(path)} `;
  return message.startsWith(place) ? message.slice(place.length) : message;
}

/** `/a~1b/0` → `["a/b", 0]`: a JSON Pointer as the path segments Standard Schema uses. */
export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment.replace(/~1/g, "/").replace(/~0/g, "~")));
}

export const escapeSegment = (key: string): string => (key.includes("~") || key.includes("/") ? key.replace(/~/g, "~0").replace(/\//g, "~1") : key);
/** Control, line-separator and direction-override characters as `\u` escapes; everything else as it is. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** Whether a character code is one `printable` escapes (UNPRINTABLE, as a test of one code). */
const unprintable = (c: number): boolean =>
  c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x61c || c === 0x200e || c === 0x200f || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

/** Whether `printable` leaves a text as it is. */
export function isPrintable(text: string): boolean {
  // A look at each code is much cheaper than a regular expression on short text.
  for (let at = 0; at < text.length; at += 1) if (unprintable(text.charCodeAt(at))) return false;
  return true;
}

export function printable(text: string): string {
  return isPrintable(text) ? text : text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Printable ASCII but the quote and the backslash: what a string may hold to be quoted as it is. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * A string as a message quotes it: JSON's quoting, with what `printable` escapes escaped. Most strings need
 * neither (printable ASCII, no quote or backslash): they are quoted as they are. A regular expression looks at
 * them in about half the time a loop over their codes takes.
 */
function quoted(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : printable(JSON.stringify(text));
}

export function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length)}…`;
}

/** The longest string a message quotes whole (SECURITY.md); a longer one is described by its length and start. */
export const QUOTED_LENGTH = 60;

/** A short description of a value for an error message: bounded, whatever the value's size. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (ArrayBuffer.isView(value)) return `binary data of ${value.byteLength} byte${value.byteLength === 1 ? "" : "s"}`;
  switch (typeof value) {
    case "string":
      return value.length <= QUOTED_LENGTH ? quoted(value) : `a string of ${value.length} characters, ${quoted(value.slice(0, 40))}…`;
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `the BigInt ${truncate(String(value), 40)}n`;
    case "boolean":
      return String(value);
    case "object":
      return "an object";
    case "undefined":
      return "undefined";
    default:
      return `a ${typeof value}`;
  }
}
