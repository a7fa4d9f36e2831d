/**
 * The command line: `graph-invite-participants validate …` and `graph-invite-participants schema …`.
 * Exit status: 0 all valid, 1 any payload invalid (unparsable JSON included), 2 usage errors, unknown
 * types and unreadable files. User errors get a message, never a stack trace.
 */
import { isAscii } from "node:buffer";
import { createReadStream, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { validators as tolerantValidators } from "../index.js";
import { exceedsStructure, locate, locatePointer, readJsonText, utf8ErrorMessage } from "../validators/json.js";
import { inviteRequestWarnings } from "../validators/helpers.js";
import { closest } from "../validators/report.js";
import type { Validator } from "../validators/runtime.js";
import { validators as strictValidators } from "../strict.js";
import { printable, truncate } from "../validators/text.js";
import { TYPES, type Mode, type TypeName } from "../validators/table.js";
import { nameInGraph } from "../validators/graph-names.js";

const NAME = "graph-invite-participants";
const DEFAULT_TYPE: TypeName = "InviteParticipantsOperation";
/** The largest payload read: a whole file, or one line with --ndjson. Memory stays within about twice this. */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

const USAGE = `Usage:
  ${NAME} validate [options] <file|folder|glob…|->
                                         validate JSON payloads (standard input when none or -; a
                                         folder: its .json files, with --ndjson .ndjson and .jsonl too;
                                         a quoted glob: * ? and **)
  ${NAME} schema <Name> [--strict]       print a type's JSON Schema
  ${NAME} --help | --version               (-h, -V; after a command too)

Options of validate:
  --type <Name>          the payload type; without it, the payload's @odata.type when it names a
                         known type, else InviteParticipantsRequest for an object with participants
                         and no status, CommsNotifications for one with a value array, else
                         ${DEFAULT_TYPE}
  --strict               reject undeclared properties (strict mode)
  --all-errors           report every error, not only the first
  --format text|json     text (default): each issue on a line of its own, file:line:column: message;
                         or one JSON object per payload and line: {"source","type","json","valid",
                         "errors":[{"path","message","keyword","params","line","column"}],"warnings":[…]}
                         (warnings: what Graph may not do with a valid invite request)
  --ndjson               each line of the input is one payload, streamed
  --max-bytes <n>        the largest payload read, a file or (with --ndjson) a line; a larger one
                         gets a message and exit status 2 (default ${DEFAULT_MAX_BYTES}, 64 MiB); a
                         payload over 1 MiB with more objects and arrays than one per 8 bytes of
                         --max-bytes is refused before it is parsed

Types: ${TYPES.map((t) => t.name).join(", ")}
       (Graph names such as ${TYPES[0].graphName} work too)

Exit status: 0 all valid, 1 any payload invalid (text that is not JSON included), 2 usage error,
unreadable file or payload not read (see --max-bytes). When the output pipe closes early, the status says what was printed until then.
`;

/** Where the command writes; the tests and the bin pass process streams. */
export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Told the exit status each time it changes, so that a run cut short (a closed pipe) can still exit with it. */
  onStatus?: (status: number) => void;
}

class UsageError extends Error {}

/** Output that could not be written (a full disk, a closed terminal): said on standard error, exit status 2. */
class WriteError extends Error {}

/**
 * An argument as a message quotes it: at most 64 characters, control and direction characters escaped, so that an
 * argument cannot clear the screen or write a fake line. Every message quoting an argument goes through it.
 */
const argument = (text: string): string => printable(truncate(text, 64));

/** A TypeScript name (`IdentitySet`) or Graph name (`identitySet`) → the TypeScript name. */
const COMMANDS = ["validate", "schema", "help"];

/** The usage error for a type name the package does not know: the nearest known one (case aside), or the list. */
function unknownType(name: string): string {
  const names = TYPES.map((t) => t.name);
  const meant = closest(name, [...names, ...TYPES.map((t) => t.graphName)]);
  const suggestion = meant === undefined ? undefined : (TYPES.find((t) => t.graphName === meant)?.name ?? meant);
  return `unknown type "${argument(name)}"${suggestion === undefined ? "" : `; did you mean "${suggestion}"?`} Known types: ${names.join(", ")}`;
}

function typeNamed(name: string): TypeName | undefined {
  return TYPES.find((type) => type.name === name || type.graphName === name)?.name;
}

/**
 * The type a payload names with `@odata.type`, if it is one of this package's types; without one, an
 * invite request (participants, no status: the request body has no `@odata.type`) or a notification batch
 * (a `value` array) is recognised by its shape.
 */
export function typeOfPayload(value: unknown): TypeName | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const annotation = record["@odata.type"];
  if (typeof annotation === "string") {
    // A stream of payloads mostly repeats one label.
    if (annotation === lastLabel.annotation) return lastLabel.type;
    const name = nameInGraph(annotation);
    const type = name === undefined ? undefined : TYPE_OF_GRAPH_NAME.get(name);
    lastLabel = { annotation, type };
    return type;
  }
  if (annotation !== undefined) return undefined;
  if (Array.isArray(record.participants) && !("status" in record)) return "InviteParticipantsRequest";
  if (Array.isArray(record.value) && !("status" in record)) return "CommsNotifications";
  return undefined;
}

const TYPE_OF_GRAPH_NAME = new Map<string, TypeName>(TYPES.map(({ name, graphName }) => [graphName, name]));
let lastLabel: { annotation: string | undefined; type: TypeName | undefined } = { annotation: undefined, type: undefined };

function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (manifest.name === NAME) return manifest.version ?? "unknown";
    } catch {
      // not here; look further up
    }
  }
  return "unknown";
}

interface ValidateSettings {
  type: TypeName | undefined;
  strict: boolean;
  allErrors: boolean;
  format: "text" | "json";
  ndjson: boolean;
  maxBytes: number;
}

/** An issue as the command line reports it: the package's issue, and where it stands in the payload's text. */
interface ReportedIssue {
  path: string;
  message: string;
  keyword: string;
  params: Record<string, unknown>;
  /** 1-based, in the file (an NDJSON payload's line is its line in the file). */
  line: number;
  column: number;
}

interface Verdict {
  source: string;
  /** The type checked, or the type asked for (`--type`), or null, for text that is not JSON (bad syntax, bytes that are not UTF-8). */
  type: TypeName | null;
  /** False for text that is not JSON. */
  json: boolean;
  valid: boolean;
  errors: ReportedIssue[];
  /** For a valid invite request: what Graph may not do as it says (inviteRequestWarnings). */
  warnings?: { path: string; message: string }[];
}

/**
 * Buffered output that waits when the stream is full, so a slow reader never makes memory grow. A write that
 * fails (a full disk) is a WriteError at the next flush, never an unhandled stream error.
 */
class Output {
  private buffer = "";
  private failure: Error | undefined;
  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on("error", (error: Error) => {
      this.failure ??= error;
      stream.emit("drain");
    });
  }

  /** Buffers the text; returns a promise only when the buffer was flushed and the stream is full. */
  write(text: string): Promise<void> | undefined {
    this.buffer += text;
    return this.buffer.length >= 1 << 16 ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    this.failed();
    if (this.buffer === "") return;
    const text = this.buffer;
    this.buffer = "";
    if (!this.stream.write(text)) await new Promise<void>((resolve) => this.stream.once("drain", resolve));
    this.failed();
  }

  /** Waits for what was written to be taken (or to fail), then says whether it failed. */
  async finish(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve) => this.stream.write("", () => resolve()));
    this.failed();
  }

  private failed(): void {
    if (this.failure === undefined) return;
    const code = (this.failure as NodeJS.ErrnoException).code;
    if (code === "EPIPE") return; // a closed pipe ends the run quietly (src/bin.ts)
    throw new WriteError(`cannot write the output: ${printable(code ?? this.failure.message)}`);
  }
}

const ALL_ERRORS = Object.freeze({ allErrors: true });
const validatorsOf = (settings: ValidateSettings) => (settings.strict ? strictValidators : tolerantValidators);
const typeOf = (value: unknown, settings: ValidateSettings): TypeName => settings.type ?? typeOfPayload(value) ?? DEFAULT_TYPE;

/** Line and column of a byte offset: the bytes before it read as Latin-1 (columns count bytes), not copied. */
const byteLocation = (bytes: Uint8Array, offset: number) => locate(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1", 0, offset), offset);

/**
 * The verdict of one payload. `lineBase` is the number of lines before the payload in its file (an NDJSON line's
 * number less one), so that every issue says where it stands in the file.
 */
function check(line: Uint8Array | string, source: string, settings: ValidateSettings, lineBase = 0): Verdict {
  const notJson = (message: string, at: { line: number; column: number }): Verdict => ({
    source,
    type: settings.type ?? null,
    json: false,
    valid: false,
    errors: [{ path: "", message, keyword: "json", params: {}, line: at.line + lineBase, column: at.column }],
  });
  const read = readJsonText(line);
  if (read.text === undefined) return notJson(utf8ErrorMessage(read.offset), byteLocation(line as Uint8Array, read.offset));
  if (!read.ok) {
    // Several payloads, one a line, read as one: said, with the option that reads them.
    const hint = !settings.ndjson && /non-whitespace character after JSON/.test(read.reason) ? " (one JSON payload a line? use --ndjson)" : "";
    // The place is the line's and column's: in the file, not in the payload (an NDJSON line is line 1 of itself).
    return notJson(`Invalid JSON: ${printable(read.reason)}${hint}`, read.location);
  }
  const type = typeOf(read.value, settings);
  const validator: Validator<unknown> = validatorsOf(settings)[type];
  const result = validator.validate(read.value, settings.allErrors ? ALL_ERRORS : undefined);
  const errors = result.valid
    ? []
    : result.errors.map(({ path, message, keyword, params }) => {
        const at = locatePointer(read.text, path);
        return { path, message, keyword, params: params as Record<string, unknown>, line: at.line + lineBase, column: at.column };
      });
  const verdict: Verdict = { source, type, json: true, valid: result.valid, errors };
  if (result.valid && type === "InviteParticipantsRequest") {
    verdict.warnings = inviteRequestWarnings(result.value as Parameters<typeof inviteRequestWarnings>[0]).map(({ path, message }) => ({ path, message }));
  }
  return verdict;
}

/**
 * A verdict as text; `shown` is its source as printed, `file` the file's name (both escaped: a file name may hold
 * any character). Each issue is a line of its own that begins `file:line:column: `, as compilers and linters write
 * them, so that editors and CI annotate the place.
 */
function formatVerdict(verdict: Verdict, settings: ValidateSettings, shown: string, file: string): string {
  if (settings.format === "json") return `${JSON.stringify(verdict)}\n`;
  const mode = settings.strict ? "strict" : "tolerant";
  // Messages may carry payload text: escaped, a payload cannot print a line or a terminal code.
  const head = !verdict.json ? `${shown}: invalid JSON\n` : `${shown}: ${verdict.valid ? "valid" : "invalid"} ${verdict.type} (${mode})\n`;
  if (verdict.errors.length === 0 && verdict.warnings === undefined) return head;
  const warnings = (verdict.warnings ?? []).map((warning) => `  ! warning: ${printable(warning.message)}\n`).join("");
  return head + verdict.errors.map((error) => `${file}:${error.line}:${error.column}: ${printable(error.message)}\n`).join("") + warnings;
}

class TooLarge extends Error {}

/**
 * JSON.parse makes an object or array of about 60 bytes for as little as two bytes of text (`{}`): a payload
 * within --max-bytes could still take 30 times its size in memory. A payload over 1 MiB is first scanned, and
 * refused when it holds more objects and arrays than one per CROWDING bytes of --max-bytes.
 */
const CROWDING = 8;
const SCANNED_FROM = 1024 * 1024;

/** Why a payload is not read, or undefined when it is read. */
function unreadable(payload: Uint8Array | string, maxBytes: number): string | undefined {
  if (payload.length <= SCANNED_FROM || !exceedsStructure(payload, { containers: Math.floor(maxBytes / CROWDING) })) return undefined;
  return `payload holds more than ${Math.floor(maxBytes / CROWDING)} objects and arrays (one per ${CROWDING} bytes of --max-bytes ${maxBytes}); not validated`;
}

/** How far past a line over --max-bytes its end is looked for: an input without line ends (/dev/zero) ends there. */
const MAX_SKIPPED = 64 * 1024 * 1024;

/**
 * Splits a byte stream into lines, a batch per chunk read, holding one chunk and one partial line. A partial
 * line is kept as parts and only newly read bytes are searched, so a long line costs linear time. A line
 * over `maxBytes` is not kept: it comes out as `null` as soon as it passes the limit, and the rest of it is
 * skipped; when no line end comes within MAX_SKIPPED more bytes, reading ends with TooLarge. A chunk that
 * is all ASCII (most are) is read as text once, and its whole lines come out as strings: no bytes to decode.
 */
async function* lineBatches(stream: NodeJS.ReadableStream, maxBytes: number): AsyncGenerator<(Uint8Array | string | null)[]> {
  let parts: Buffer[] = [];
  let size = 0;
  /** Bytes of a line over the limit skipped so far; -1 while the line is within it. */
  let skipped = -1;
  let batch: (Uint8Array | string | null)[] = [];
  const keep = (piece: Buffer) => {
    if (skipped >= 0) {
      skipped += piece.length;
      if (skipped > MAX_SKIPPED) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        throw new TooLarge(`no line end within ${MAX_SKIPPED} bytes after a line over --max-bytes ${maxBytes}; the rest is not read`);
      }
      return;
    }
    size += piece.length;
    if (size > maxBytes) {
      // Said at once, not when (or if) the line ends.
      batch.push(null);
      skipped = 0;
      parts = [];
    } else {
      parts.push(piece);
    }
  };
  /** The line that just ended, or nothing when it was over the limit (said already). */
  const take = () => {
    if (skipped >= 0) {
      skipped = -1;
      size = 0;
      return;
    }
    const line = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    batch.push(line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line);
  };
  for await (const data of stream as AsyncIterable<Buffer | string>) {
    const chunk = typeof data === "string" ? Buffer.from(data) : data;
    batch = [];
    let start = 0;
    let end = chunk.indexOf(0x0a);
    if (end !== -1 && isAscii(chunk)) {
      // The first line may continue a partial one: it is taken as bytes. The others are text.
      keep(chunk.subarray(0, end));
      take();
      start = end + 1;
      const text = chunk.toString("latin1");
      for (end = text.indexOf("\n", start); end !== -1; end = text.indexOf("\n", start)) {
        // ASCII: as many bytes as characters.
        if (end - start > maxBytes) batch.push(null);
        else batch.push(text.slice(start, end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end));
        start = end + 1;
      }
    } else {
      for (; end !== -1; end = chunk.indexOf(0x0a, start)) {
        keep(chunk.subarray(start, end));
        take();
        start = end + 1;
      }
    }
    if (start < chunk.length) keep(chunk.subarray(start));
    yield batch;
  }
  batch = [];
  if (size > 0) take();
  if (batch.length > 0) yield batch;
}

/** The whole input as bytes, or TooLarge as soon as it passes `maxBytes` (an endless input ends there). */
async function readAll(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const data of stream as AsyncIterable<Buffer | string>) {
    const chunk = typeof data === "string" ? Buffer.from(data) : data;
    size += chunk.length;
    if (size > maxBytes) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      throw new TooLarge(`larger than --max-bytes ${maxBytes}`);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts, size);
}

function openInput(file: string, io: Io): NodeJS.ReadableStream {
  if (file === "-") return io.stdin;
  if (statSync(file).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  // Larger reads than the default 64 KiB: fewer chunks, fewer turns of the loop that splits them into lines.
  return createReadStream(file, { highWaterMark: 1 << 20 });
}

function describeFileError(file: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  const reason =
    code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "is a directory" : error instanceof Error ? error.message : String(error);
  return `${NAME}: cannot read ${printable(file)}: ${printable(reason)}\n`;
}

const VALIDATE_OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
  type: { type: "string" },
  strict: { type: "boolean", default: false },
  "all-errors": { type: "boolean", default: false },
  format: { type: "string", default: "text" },
  ndjson: { type: "boolean", default: false },
  "max-bytes": { type: "string" },
} as const;

/**
 * parseArgs, with the nearest known option suggested for an unknown one, and an option that takes a value refused
 * when it is given twice (parseArgs would keep the last one silently).
 */
function parseOptions<const T extends Record<string, { type: "string" | "boolean"; short?: string; default?: string | boolean }>>(args: string[], options: T) {
  try {
    const parsed = parseArgs({ args, allowPositionals: true, options, tokens: true });
    const seen = new Set<string>();
    for (const token of parsed.tokens) {
      if (token.kind !== "option" || options[token.name]?.type !== "string") continue;
      if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice; give it once`);
      seen.add(token.name);
    }
    return parsed;
  } catch (error) {
    const unknown = /^Unknown option '(--?[^']+)'/.exec((error as Error).message)?.[1];
    if ((error as { code?: string }).code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION" || unknown === undefined) throw error;
    const name = unknown.replace(/^--?/, "").split("=")[0]!;
    const listed = Object.keys(options).filter((option) => option !== "help" && option !== "version");
    const suggestion = closest(name, listed);
    const known = listed.map((option) => `--${option}`).join(", ");
    const shown = argument(unknown);
    throw new UsageError(suggestion === undefined ? `unknown option ${shown}; the options are ${known}` : `unknown option ${shown}; did you mean --${suggestion}?`);
  }
}

async function validateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions(args, VALIDATE_OPTIONS);
  if (values.help === true) return usage(io);
  if (values.version === true) return version(io);
  const type = values.type === undefined ? undefined : typeNamed(values.type);
  if (values.type !== undefined && type === undefined) throw new UsageError(unknownType(values.type));
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format must be text or json, not "${argument(values.format)}"`);
  const maxBytes = values["max-bytes"] === undefined ? DEFAULT_MAX_BYTES : Number(values["max-bytes"]);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1 || !/^\d+$/.test(values["max-bytes"] ?? "1")) {
    throw new UsageError(`--max-bytes must be a positive whole number of bytes, not "${argument(values["max-bytes"] ?? "")}"`);
  }
  const settings: ValidateSettings = { type, strict: values.strict, allErrors: values["all-errors"], format: values.format, ndjson: values.ndjson, maxBytes };
  const files = positionals.length === 0 ? ["-"] : positionals;

  const output = new Output(io.stdout);
  const progress = io.stderr.isTTY === true && settings.ndjson ? new Progress(io.stderr) : undefined;
  let status = 0;
  const raise = (to: number) => {
    if (to <= status) return;
    status = to;
    io.onStatus?.(status);
  };
  const tooLarge = async (where: string, why = `payload larger than --max-bytes ${settings.maxBytes}; not validated`) => {
    await output.flush();
    io.stderr.write(`${NAME}: ${printable(where)}: ${why}\n`);
    raise(2);
  };
  const emit = (verdict: Verdict, shown: string, file: string): Promise<void> | undefined => {
    // The status first: once the verdict is out, a closed pipe must not lose it.
    if (!verdict.valid) raise(1);
    return output.write(formatVerdict(verdict, settings, shown, file));
  };
  const inputs = files.flatMap((given) => {
    const expanded = expandInput(given, settings.ndjson);
    if (typeof expanded === "string") {
      io.stderr.write(`${NAME}: ${expanded}\n`);
      raise(2);
      return [];
    }
    return expanded;
  });
  for (const file of inputs) {
    const name = file === "-" ? "<stdin>" : file;
    try {
      const input = openInput(file, io);
      if (settings.ndjson) {
        let lineNumber = 0;
        const shownName = printable(name);
        for await (const batch of lineBatches(input, settings.maxBytes)) {
          for (const line of batch) {
            lineNumber += 1;
            if (line === null) {
              await tooLarge(`${name}:${lineNumber}`);
              continue;
            }
            if (isBlank(line)) continue;
            const why = unreadable(line, settings.maxBytes);
            if (why !== undefined) {
              await tooLarge(`${name}:${lineNumber}`, why);
              continue;
            }
            // Awaited only when the output is full: a microtask per line costs as much as checking it.
            // A line number needs no escaping; the file name is escaped once. Most lines are valid: their
            // verdict line is written at once, and any other line is checked again to say why.
            const valid = settings.format === "text" ? validLine(line, settings) : undefined;
            const full =
              valid !== undefined
                ? output.write(`${shownName}:${lineNumber}: ${valid}`)
                : emit(check(line, `${name}:${lineNumber}`, settings, lineNumber - 1), `${shownName}:${lineNumber}`, shownName);
            if (full !== undefined) await full;
            progress?.tick();
          }
          // Verdicts come out as their lines are read, also when lines arrive slowly on a pipe.
          await output.flush();
        }
      } else {
        let bytes: Uint8Array;
        try {
          bytes = await readAll(input, settings.maxBytes);
        } catch (error) {
          if (!(error instanceof TooLarge)) throw error;
          await tooLarge(name);
          continue;
        }
        const why = unreadable(bytes, settings.maxBytes);
        if (why !== undefined) await tooLarge(name, why);
        else await emit(check(bytes, name, settings), printable(name), printable(name));
      }
    } catch (error) {
      if (error instanceof WriteError) throw error;
      await output.flush();
      io.stderr.write(error instanceof TooLarge ? `${NAME}: ${printable(name)}: ${error.message}\n` : describeFileError(file, error));
      raise(2);
    }
  }
  progress?.done();
  await output.finish();
  return status;
}

/** The extensions of the files a directory or a glob gives: JSON, and with --ndjson JSON lines too. */
const extensionsOf = (ndjson: boolean) => (ndjson ? [".json", ".ndjson", ".jsonl"] : [".json"]);

/** Every file under a folder with one of the extensions, sorted, by paths that begin as the folder was given; hidden folders and node_modules left out. */
function filesUnder(folder: string, extensions: readonly string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) for (const file of filesUnder(path, extensions)) found.push(file);
    else if (extensions.some((extension) => entry.name.endsWith(extension))) found.push(path);
  }
  return found;
}

/** A glob (`*` within a name, `**` across folders, `?` one character) as a regular expression over `/`-separated paths. */
function globPattern(glob: string): RegExp {
  let source = "";
  for (let at = 0; at < glob.length; at += 1) {
    const char = glob[at]!;
    if (char === "*" && glob[at + 1] === "*") {
      const slash = glob[at + 2] === "/";
      source += slash ? "(?:.*/)?" : ".*";
      at += slash ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/**
 * What one argument names: `-` (standard input), a file, every JSON file under a folder, or the files a glob
 * matches (for shells that do not expand it, and quoted globs); a message when a folder or glob gives none.
 */
function expandInput(given: string, ndjson: boolean): string[] | string {
  if (given === "-") return [given];
  const extensions = extensionsOf(ndjson);
  if (/[*?]/.test(given)) {
    const parts = given.split("/");
    const fixed = parts.findIndex((part) => /[*?]/.test(part));
    const base = parts.slice(0, fixed).join("/");
    const pattern = globPattern(given);
    let candidates: string[];
    try {
      candidates = filesUnder(base === "" ? "." : base, [""]);
    } catch {
      candidates = [];
    }
    const matched = candidates.filter((path) => pattern.test(path));
    return matched.length > 0 ? matched : `no file matches ${argumentQuoted(given)}`;
  }
  let folder = false;
  try {
    folder = statSync(given).isDirectory();
  } catch {
    folder = false; // not there: reading it says so
  }
  if (!folder) return [given];
  const found = filesUnder(given, extensions);
  return found.length > 0 ? found : `no ${extensions.join(", ")} file under ${argumentQuoted(given)}`;
}

const argumentQuoted = (text: string) => `"${argument(text)}"`;

function isBlank(line: Uint8Array | string): boolean {
  for (let index = 0; index < line.length; index += 1) {
    const code = typeof line === "string" ? line.charCodeAt(index) : line[index]!;
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d) return false;
  }
  return true;
}

/**
 * The rest of a text verdict line (`valid InviteParticipantsOperation (tolerant)`) when a line read as text is
 * a valid payload with nothing to warn about; undefined for anything else, which `check` then explains.
 */
function validLine(line: Uint8Array | string, settings: ValidateSettings): string | undefined {
  if (typeof line !== "string") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const type = typeOf(value, settings);
  if (type === "InviteParticipantsRequest" || !validatorsOf(settings)[type].is(value)) return undefined;
  return VALID_LINE[settings.strict ? "strict" : "tolerant"][type];
}

const VALID_LINE = Object.fromEntries(
  (["tolerant", "strict"] as const).map((mode) => [mode, Object.fromEntries(TYPES.map(({ name }) => [name, `valid ${name} (${mode})\n`]))]),
) as Record<Mode, Record<TypeName, string>>;

/** A running count on a terminal's standard error during long NDJSON runs. */
class Progress {
  private count = 0;
  private last = 0;
  constructor(private readonly stream: NodeJS.WritableStream) {}

  tick(): void {
    this.count += 1;
    if ((this.count & 1023) !== 0) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    this.stream.write(`\r${this.count.toLocaleString("en-US")} payloads checked`);
  }

  done(): void {
    if (this.last !== 0) this.stream.write(`\r${this.count.toLocaleString("en-US")} payloads checked\n`);
  }
}

function schemaCommand(args: string[], io: Io): number {
  const { values, positionals } = parseOptions(args, {
    help: { type: "boolean", short: "h" },
    version: { type: "boolean", short: "V" },
    strict: { type: "boolean", default: false },
  } as const);
  if (values.help === true) return usage(io);
  if (values.version === true) return version(io);
  if (positionals.length !== 1) throw new UsageError("schema takes one type name");
  const type = typeNamed(positionals[0]!);
  if (type === undefined) throw new UsageError(unknownType(positionals[0]!));
  io.stdout.write(`${JSON.stringify((values.strict ? strictValidators : tolerantValidators)[type].schema, null, 2)}\n`);
  return 0;
}

function usage(io: Io): number {
  io.stdout.write(USAGE);
  return 0;
}

function version(io: Io): number {
  io.stdout.write(`${packageVersion()}\n`);
  return 0;
}

/** Runs the command line with `args` (without node and the script); resolves to the exit status. */
export async function main(args: string[], io: Io): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === "--help" || command === "-h" || command === "help") return usage(io);
    if (command === "--version" || command === "-V" || command === "-v") return version(io);
    if (command === "validate") return await validateCommand(rest, io);
    if (command === "schema") return schemaCommand(rest, io);
    if (command === undefined) throw new UsageError("no command given");
    const meant = closest(command, COMMANDS);
    throw new UsageError(`unknown command "${argument(command)}"${meant === undefined ? `; the commands are ${COMMANDS.join(", ")}` : `; did you mean "${meant}"?`}`);
  } catch (error) {
    if (error instanceof WriteError) {
      io.stderr.write(`${NAME}: ${error.message}\n`);
      return 2;
    }
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    if (!usage) throw error;
    io.stderr.write(`${NAME}: ${(error as Error).message}\nRun "${NAME} --help" for usage.\n`);
    return 2;
  }
}
