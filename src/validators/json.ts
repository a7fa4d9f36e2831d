import { pointerSegments, printable } from "./text.js";

/** Where a JSON text stops being valid: 0-based offset, 1-based line and column. */
export interface JsonLocation {
  offset: number;
  line: number;
  column: number;
}

/** Reading JSON text, with the place of a syntax error. */
type JsonReadResult = { ok: true; value: unknown } | { ok: false; reason: string; location: JsonLocation };

/**
 * Parses JSON text. On a syntax error it reports the line and column: V8 gives a position for some errors
 * and none for others ("Unexpected token 'x', "…" is not valid JSON"), so the place is found by scanning.
 * Any error JSON.parse throws, RangeError included, becomes a result, never an exception.
 */
function readJson(text: string): JsonReadResult {
  const body = withoutByteOrderMark(text);
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    // -1: the text is JSON after all, too deeply nested for JSON.parse; the error is then at its start.
    const offset = Math.max(0, jsonErrorOffset(body)) + (body === text ? 0 : 1);
    return { ok: false, reason: describeJsonError(error), location: locate(text, offset) };
  }
}

/**
 * JSON text or UTF-8 bytes, read alike: bytes are decoded strictly, then read as the same text would be. The value
 * and the text it was read from; or, for text that is not JSON, why and where; or, for bytes that are not UTF-8,
 * the offset of the first that is not (and no text). The one reader of `parseJsonT` and the command line.
 */
type TextReadResult =
  | { ok: true; value: unknown; text: string }
  | { ok: false; reason: string; location: JsonLocation; text: string }
  | { ok: false; offset: number; text: undefined };

export function readJsonText(input: string | Uint8Array): TextReadResult {
  let text: string;
  if (typeof input === "string") text = input;
  else {
    const decoded = decodeUtf8(input);
    if (!decoded.ok) return { ok: false, offset: decoded.offset, text: undefined };
    text = decoded.text;
  }
  return { ...readJson(text), text };
}

/** JSON text without the byte-order mark it may begin with, which JSON.parse does not accept. */
const withoutByteOrderMark = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The sentence both the API and the command line give for unreadable JSON text. */
export function jsonErrorMessage({ reason, location }: { reason: string; location: JsonLocation }): string {
  // V8's reason quotes the character it stopped at, which may be a control or direction character.
  return `Invalid JSON at line ${location.line}, column ${location.column}: ${printable(reason)}`;
}

/** V8's reason without its position and its quotation of the text, which can be long. */
function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError) return "the text is nested too deeply to read";
  return message
    .replace(/, .*is not valid JSON$/s, "")
    .replace(/ (?:in JSON )?at position \d+.*$/s, "")
    .replace(/^Unexpected end of JSON input$/, "Unexpected end of input");
}

/** The line and column of an offset in text (of a byte offset, in bytes read as Latin-1: columns then count bytes). */
export function locate(text: string, offset: number): JsonLocation {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ["true", "false", "null"];
const isSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/** The end of the string literal that starts at `start`, or the negated offset of its first error minus one. */
function scanString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; ) {
    const code = text.charCodeAt(index);
    if (code === 0x22) return index + 1;
    if (code < 0x20) return -index - 1;
    if (code !== 0x5c) {
      index += 1;
    } else if ('"\\/bfnrt'.includes(text.charAt(index + 1)) && index + 1 < text.length) {
      index += 2;
    } else if (text.charAt(index + 1) === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
      index += 6;
    } else {
      return -index - 1;
    }
  }
  return -text.length - 1;
}

/**
 * The offset of the first character at which `text` stops being JSON (RFC 8259), or -1 if it is JSON.
 * Iterative, so that deep nesting cannot overflow the stack.
 */
function jsonErrorOffset(text: string): number {
  const containers: ("[" | "{")[] = [];
  let state: "value" | "firstValue" | "key" | "firstKey" | "colon" | "after" = "value";
  let index = 0;
  while (true) {
    while (index < text.length && isSpace(text.charCodeAt(index))) index += 1;
    if (index >= text.length) return state === "after" && containers.length === 0 ? -1 : text.length;
    const char = text.charAt(index);
    if (state === "value" || state === "firstValue") {
      if (state === "firstValue" && char === "]") {
        containers.pop();
        index += 1;
        state = "after";
      } else if (char === "[" || char === "{") {
        containers.push(char);
        index += 1;
        state = char === "[" ? "firstValue" : "firstKey";
      } else if (char === '"') {
        const end = scanString(text, index);
        if (end < 0) return -end - 1;
        index = end;
        state = "after";
      } else {
        const literal = LITERALS.find((word) => word.startsWith(char));
        if (literal !== undefined) {
          for (const expected of literal) {
            if (text.charAt(index) !== expected) return index;
            index += 1;
          }
        } else {
          NUMBER.lastIndex = index;
          if (!NUMBER.test(text)) return index;
          index = NUMBER.lastIndex;
        }
        state = "after";
      }
    } else if (state === "key" || state === "firstKey") {
      if (state === "firstKey" && char === "}") {
        containers.pop();
        index += 1;
        state = "after";
      } else if (char === '"') {
        const end = scanString(text, index);
        if (end < 0) return -end - 1;
        index = end;
        state = "colon";
      } else {
        return index;
      }
    } else if (state === "colon") {
      if (char !== ":") return index;
      index += 1;
      state = "value";
    } else {
      const open = containers.at(-1);
      if (open === undefined) return index;
      if (char === ",") state = open === "{" ? "key" : "value";
      else if ((char === "]" && open === "[") || (char === "}" && open === "{")) containers.pop();
      else return index;
      index += 1;
    }
  }
}

/**
 * Whether JSON text (or its UTF-8 bytes: the structural characters are ASCII) opens more objects and arrays than
 * `containers`, or nests them deeper than `depth`: one linear scan that skips strings, run before JSON.parse, whose
 * time and memory grow with both.
 */
export function exceedsStructure(text: Uint8Array | string, { containers: most = Number.POSITIVE_INFINITY, depth: deepest = Number.POSITIVE_INFINITY }): boolean {
  let opened = 0;
  let depth = 0;
  let inString = false;
  const bytes = typeof text !== "string";
  for (let index = 0; index < text.length; index += 1) {
    const code = bytes ? text[index]! : text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++opened > most || ++depth > deepest) return true;
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return false;
}

/** Made when bytes are first decoded, not at import: making a TextDecoder is a measurable part of a first import. */
let strictUtf8: InstanceType<typeof TextDecoder> | undefined;

/** The sentence both the API and the command line give for bytes that are not UTF-8. */
export const utf8ErrorMessage = (offset: number): string => `The bytes are not valid UTF-8 (at byte ${offset})`;

/** UTF-8 bytes as text, or undefined when they are not UTF-8 (never replaced by U+FFFD). */
function utf8Text(bytes: Uint8Array): string | undefined {
  // ignoreBOM keeps a byte-order mark in the text, so that bytes are read exactly as the same text would be.
  strictUtf8 ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** UTF-8 bytes as text; invalid bytes are an error at their offset, never silently replaced by U+FFFD. */
function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; offset: number } {
  const text = utf8Text(bytes);
  return text === undefined ? { ok: false, offset: invalidUtf8Offset(bytes) } : { ok: true, text };
}

/** The offset of the first byte that does not begin or continue a well-formed UTF-8 sequence. */
function invalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k += 1) {
      const byte = bytes[index + k]!;
      if (k === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xbf) return index;
    }
    index += length;
  }
  return bytes.length;
}

/**
 * Where the value a JSON Pointer names stands in valid JSON text, for a message that says `file:line:column`: a
 * member's key (an undeclared or wrong property is pointed at by its name), an item's first character, or, for a
 * place that is not in the text (a missing property), the object or array that lacks it. One linear scan that
 * descends only along the pointer.
 */
export function locatePointer(text: string, pointer: string): JsonLocation {
  // As the names and indexes the text writes them (an index's digits are its canonical number's).
  const segments = pointerSegments(pointer).map(String);
  let at = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  let found = at;
  for (const segment of segments) {
    const open = text[at];
    if (open !== "{" && open !== "[") break;
    let index = skipSpace(text, at + 1);
    let item = 0;
    let next: number | undefined;
    while (index < text.length && text[index] !== "}" && text[index] !== "]") {
      if (open === "{") {
        const keyEnd = stringEnd(text, index);
        const key = JSON.parse(text.slice(index, keyEnd)) as string;
        const value = skipSpace(text, skipSpace(text, keyEnd) + 1);
        if (key === segment) {
          found = index;
          next = value;
          break;
        }
        index = skipSpace(text, valueEnd(text, value));
      } else {
        if (String(item) === segment) {
          found = index;
          next = index;
          break;
        }
        item += 1;
        index = skipSpace(text, valueEnd(text, index));
      }
      if (text[index] === ",") index = skipSpace(text, index + 1);
    }
    if (next === undefined) {
      found = at;
      break;
    }
    at = next;
  }
  return locate(text, found);
}

function skipSpace(text: string, index: number): number {
  while (index < text.length && isSpace(text.charCodeAt(index))) index += 1;
  return index;
}

/** The index after a string token that starts at `index`. */
function stringEnd(text: string, index: number): number {
  for (let at = index + 1; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === 0x5c) at += 1;
    else if (code === 0x22) return at + 1;
  }
  return text.length;
}

/** The index after the value that starts at `index` (valid JSON). */
function valueEnd(text: string, index: number): number {
  const first = text[index];
  if (first === '"') return stringEnd(text, index);
  if (first !== "{" && first !== "[") {
    let at = index;
    while (at < text.length && !/[\s,\]}]/.test(text[at]!)) at += 1;
    return at;
  }
  let depth = 0;
  for (let at = index; at < text.length; at += 1) {
    const char = text[at];
    if (char === '"') at = stringEnd(text, at) - 1;
    else if (char === "{" || char === "[") depth += 1;
    else if (char === "}" || char === "]") {
      depth -= 1;
      if (depth === 0) return at + 1;
    }
  }
  return text.length;
}
