import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { main, typeOfPayload } from "../src/cli/main.js";
import { ROOT } from "../scripts/generate.js";
import { MODES, corpus } from "./support.js";

// The tests run the built executable, as a user would (npm test builds dist/ first).
const BIN = join(ROOT, "dist/src/bin.js");
const run = (args: string[], input?: string) => {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};
const dir = mkdtempSync(join(tmpdir(), "gip-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

describe("validate", () => {
  it("recognises an invite request body without --type, and shows what Graph may not do with it", () => {
    const { status, stdout } = run(["validate", "test/examples/inviteParticipantsRequest.invite.json"]);
    expect(status).toBe(0);
    expect(stdout).toBe("test/examples/inviteParticipantsRequest.invite.json: valid InviteParticipantsRequest (tolerant)\n");
    const two = JSON.stringify({ participants: [{ identity: { user: { id: "a" } } }, { identity: { user: { id: "b" } } }] });
    const text = run(["validate", "-"], two);
    expect(text.stdout).toBe(
      "<stdin>: valid InviteParticipantsRequest (tolerant)\n  ! warning: /participants invites 2 participants: inviting several participants works only in group calls\n",
    );
    expect(text.status).toBe(0);
    const json = JSON.parse(run(["validate", "--format", "json", "-"], two).stdout);
    expect(json.warnings).toEqual([{ path: "/participants", message: "/participants invites 2 participants: inviting several participants works only in group calls" }]);
    // A notification batch without @odata.type is recognised too.
    expect(run(["validate", "-"], JSON.stringify({ value: [] })).stdout).toBe("<stdin>: valid CommsNotifications (tolerant)\n");
  });

  it("exits 0 and says valid for valid payloads", () => {
    const { status, stdout } = run(["validate", "test/examples/inviteParticipantsOperation.invite-response.json"]);
    expect(status).toBe(0);
    expect(stdout).toBe("test/examples/inviteParticipantsOperation.invite-response.json: valid InviteParticipantsOperation (tolerant)\n");
  });

  it("exits 1 and names each error's path and message for invalid ones", () => {
    const { status, stdout } = run(["validate", "test/examples/inviteParticipantsOperation.seed-create-request.json"]);
    expect(status).toBe(1);
    expect(stdout).toMatch(
      /seed-create-request\.json: invalid InviteParticipantsOperation \(tolerant\)\n[^\n]*seed-create-request\.json:\d+:\d+: \/status must be one of .* \(got "String"\)\n$/,
    );
  });

  it("applies --strict and --type, and takes Graph names for types", () => {
    const pstn = "test/examples/inviteParticipantsOperation.pstn-response.json";
    expect(run(["validate", pstn]).status).toBe(0);
    const strict = run(["validate", "--strict", pstn]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain("/participants/0/id is not a declared property");
    expect(run(["validate", "--type", "InviteParticipantsRequest", "test/examples/inviteParticipantsRequest.pstn.json"]).status).toBe(0);
    expect(run(["validate", "--type", "inviteParticipantsRequest", "--strict", "test/examples/inviteParticipantsRequest.pstn.json"]).status).toBe(0);
  });

  it("takes the type from @odata.type, else InviteParticipantsOperation", () => {
    expect(typeOfPayload({ "@odata.type": "#microsoft.graph.identity" })).toBe("Identity");
    expect(typeOfPayload({ "@odata.type": "microsoft.graph.resultInfo" })).toBe("ResultInfo");
    expect(typeOfPayload({ "@odata.type": "#microsoft.graph.call" })).toBeUndefined();
    expect(typeOfPayload([])).toBeUndefined();
    const { stdout } = run(["validate", "-"], '{"@odata.type": "#microsoft.graph.identity", "id": 5}');
    expect(stdout).toBe("<stdin>: invalid Identity (tolerant)\n<stdin>:1:46: /id must be null or a string (got 5)\n");
  });

  it("reports every error with --all-errors", () => {
    const { stdout } = run(["validate", "--all-errors", "-"], '{"status": "x", "participants": [{}]}');
    expect(stdout.split("\n").filter((line) => line.startsWith("<stdin>:1:"))).toHaveLength(2);
  });

  it("prints one JSON object per payload with --format json", () => {
    const { status, stdout } = run(["validate", "--format", "json", "test/examples/inviteParticipantsOperation.invite-response.json", "-"], "{");
    expect(status).toBe(1);
    const lines = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { source: "test/examples/inviteParticipantsOperation.invite-response.json", type: "InviteParticipantsOperation", json: true, valid: true, errors: [] },
      {
        source: "<stdin>",
        type: null,
        json: false,
        valid: false,
        errors: [{ path: "", message: "Invalid JSON: Expected property name or '}'", keyword: "json", params: {}, line: 1, column: 2 }],
      },
    ]);
  });

  it("reads standard input when no file is given", () => {
    expect(run(["validate"], '{"status": "Running"}')).toMatchObject({ status: 0, stdout: "<stdin>: valid InviteParticipantsOperation (tolerant)\n" });
  });

  it("gives line and column for JSON that does not parse, with exit 1", () => {
    const { status, stdout } = run(["validate", file("bad.json", '{\n  "status": "running",\n  "participants": [}\n')]);
    expect(status).toBe(1);
    expect(stdout).toContain("bad.json:3:20: Invalid JSON: Unexpected token '}'");
  });

  it("streams NDJSON, naming file:line", () => {
    const path = file("many.ndjson", '{"status": "running"}\n\n{"status": 1}\r\n{oops\n{"status": "failed"}');
    const { status, stdout } = run(["validate", "--ndjson", "--format", "json", path]);
    expect(status).toBe(1);
    const verdicts = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { source: string; valid: boolean });
    expect(verdicts.map((v) => [v.source.slice(dir.length + 1), v.valid])).toEqual([
      ["many.ndjson:1", true],
      ["many.ndjson:3", false],
      ["many.ndjson:4", false],
      ["many.ndjson:5", true],
    ]);
  });
});

describe("faults and usage", () => {
  it("exits 2 for an unreadable file and still judges the others", () => {
    const { status, stdout, stderr } = run(["validate", join(dir, "missing.json"), "test/examples/inviteParticipantsOperation.invite-response.json", dir]);
    expect(status).toBe(2);
    expect(stdout).toContain("invite-response.json: valid");
    expect(stderr).toContain(`cannot read ${join(dir, "missing.json")}: no such file`);
    // A folder is read as its .json files.
    expect(stdout).toContain(`${join(dir, "bad.json")}: invalid JSON`);
    noStackTrace(stderr);
  });

  it("says a binary file is not text, with exit 1", () => {
    const { status, stdout, stderr } = run(["validate", file("binary.bin", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]))]);
    expect(status).toBe(1);
    expect(stdout).toContain("The bytes are not valid UTF-8 (at byte 0)");
    noStackTrace(stderr);
  });

  it.each([
    [["validate", "--type", "Call", "x.json"], /unknown type "Call" Known types: InviteParticipantsOperation/],
    [["validate", "--format", "xml", "x.json"], /--format must be text or json/],
    [["validate", "--bogus"], /unknown option --bogus; the options are --type, --strict, --all-errors, --format, --ndjson, --max-bytes/],
    [["validate", "--strcit", "x.json"], /unknown option --strcit; did you mean --strict\?/],
    [["validate", "--all-error", "x.json"], /unknown option --all-error; did you mean --all-errors\?/],
    [["schema", "identity", "--strickt"], /unknown option --strickt; did you mean --strict\?/],
    [["schema"], /schema takes one type name/],
    [["schema", "call"], /unknown type "call"/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [[], /no command given/],
  ])("exits 2 for %j with a message and no stack trace", (args, message) => {
    const { status, stderr } = run(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Run "graph-invite-participants --help" for usage.');
    noStackTrace(stderr);
  });

  it("prints help and version", () => {
    expect(run(["--help"]).stdout).toContain("Usage:");
    expect(run(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("prints a schema", () => {
    const tolerant = JSON.parse(run(["schema", "InviteParticipantsRequest"]).stdout);
    const strict = JSON.parse(run(["schema", "inviteParticipantsRequest", "--strict"]).stdout);
    expect(tolerant.$id).toMatch(/\/schemas\/inviteParticipantsRequest\.schema\.json$/);
    expect(strict.$id).toMatch(/\/schemas\/strict\/inviteParticipantsRequest\.schema\.json$/);
  });

  it("ends quietly when the output pipe closes", async () => {
    const path = file("long.ndjson", '{"status": "running"}\n'.repeat(200_000));
    const child = spawn("sh", ["-c", `"${process.execPath}" "${BIN}" validate --ndjson "${path}" | head -1`]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(stdout).toBe(`${path}:1: valid InviteParticipantsOperation (tolerant)\n`);
    expect(stderr).toBe("");
  });

  it("stops on an interrupt with a message and status 130", async () => {
    const path = file("interrupt.ndjson", '{"status": "running"}\n'.repeat(300_000));
    const child = spawn(process.execPath, [BIN, "validate", "--ndjson", "--format", "json", path]);
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.once("data", () => child.kill("SIGINT"));
    const code = await new Promise((resolve) => child.on("close", (status) => resolve(status)));
    expect(code).toBe(130);
    expect(stderr).toContain("interrupted");
    noStackTrace(stderr);
  });
});

describe("streaming", () => {
  it("gives each verdict as soon as its line arrives", async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const running = main(["validate", "--ndjson"], { stdin, stdout, stderr });
    stdin.write('{"status": "running"}\n');
    const first = await new Promise<string>((resolve) => stdout.once("data", (chunk) => resolve(String(chunk))));
    expect(first).toBe("<stdin>:1: valid InviteParticipantsOperation (tolerant)\n");
    stdin.end('{"status": "nope"}\n');
    expect(await running).toBe(1);
  });
});

describe("NDJSON lines however the input is cut into chunks", () => {
  // ASCII chunks are read as text and other chunks as bytes; a line may start in one and end in another.
  // ASCII lines first (a chunk of them is read as text), then lines of other characters (read as bytes).
  const lines = [
    "",
    '{"status": 1}\r',
    "   ",
    '{"status": "running", "clientContext": "ascii only"}',
    '{"value": [{"changeType": "deleted", "resourceUrl": "/communications/calls/c"}]}',
    '{"participants": [{"identity": {"user": {"id": "a"}}}]}',
    `{"status": "running", "clientContext": "${"x".repeat(300)}"}`,
    "{oops",
    '{"status": "running"}\r',
    '{"status": "running", "participants": [{"identity": {"user": {"id": "a", "displayName": "Zoë"}}}]}',
    '{"status": "Completed", "clientContext": "caf\u00e9 \u2028 \ud83d\ude00"}',
  ];
  const input = Buffer.concat([Buffer.from(`${lines.join("\n")}\n`), Buffer.from([0x7b, 0xff, 0x7d, 0x0a]), Buffer.from('{"status": "failed"}')]);
  const verdicts = async (chunkSize: number, args: string[]) => {
    // Each piece arrives as a chunk of its own (a stream written to at once would hand over one).
    const pieces: Buffer[] = [];
    for (let start = 0; start < input.length; start += chunkSize) pieces.push(input.subarray(start, start + chunkSize));
    const stdin = Readable.from(pieces);
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = "";
    let err = "";
    stdout.on("data", (chunk) => (out += chunk));
    stderr.on("data", (chunk) => (err += chunk));
    const running = main(["validate", "--ndjson", "--max-bytes", "200", ...args], { stdin, stdout, stderr });
    return { status: await running, out, err };
  };

  it.each([[[]], [["--strict"]], [["--format", "json"]], [["--all-errors"]]])("gives the same verdicts, with %j", async (args) => {
    const whole = await verdicts(input.length, args);
    expect(whole.out.split("\n").filter((line) => /^(<stdin>:\d+: |\{"source")/.test(line))).toHaveLength(10);
    expect(whole.out).toContain("<stdin>:6");
    expect(whole.err).toContain("<stdin>:7: payload larger than --max-bytes 200");
    expect(whole.out).toMatch(/<stdin>:12\b[^\n]*(\n[^\n]*)?not valid UTF-8 \(at byte 1\)/);
    // Its place in the file: line 12, column 2 (the byte after `{`), whatever chunk the line was cut from.
    expect(whole.out).toMatch(/<stdin>:12:2: The bytes are not valid UTF-8|"line":12,"column":2\}/);
    for (const size of [1, 2, 3, 7, 16, 64, 97, 512, 600]) expect(await verdicts(size, args), `chunks of ${size} bytes`).toEqual(whole);
  });
});

describe("NDJSON of real payloads", () => {
  // Graph's published payloads (test/corpus/), one type per stream, as a service would log them: each line
  // gets the verdict recorded for it, at its recorded path, however the stream is cut into chunks.
  const types = [...new Set(corpus.map((entry) => entry.type))];

  /** The command's output over the lines, the same whatever size of chunks they arrive in. */
  const outputOf = async (input: Buffer, args: string[]) => {
    const outputs = new Set<string>();
    for (const size of [input.length, 1, 97, 4096]) {
      const pieces: Buffer[] = [];
      for (let start = 0; start < input.length; start += size) pieces.push(input.subarray(start, start + size));
      const stdout = new PassThrough();
      let out = "";
      stdout.on("data", (chunk) => (out += chunk));
      await main(["validate", "--ndjson", ...args], { stdin: Readable.from(pieces), stdout, stderr: new PassThrough() });
      outputs.add(out);
    }
    expect(outputs.size).toBe(1);
    return [...outputs][0]!;
  };

  it.each(MODES)("gives every corpus payload its recorded verdict, in %s mode, as JSON and as text", async (mode) => {
    let lines = 0;
    for (const type of types) {
      const entries = corpus.filter((entry) => entry.type === type);
      const input = Buffer.from(`${entries.map((entry) => JSON.stringify(entry.data)).join("\n")}\n`);
      const args = ["--type", type, ...(mode === "strict" ? ["--strict"] : [])];
      const json = (await outputOf(input, [...args, "--format", "json"])).trim().split("\n");
      const verdicts = json.map((line) => JSON.parse(line) as { valid: boolean; errors: { path: string }[] });
      expect(
        verdicts.map((v) => (v.valid ? true : v.errors[0]!.path)),
        type,
      ).toEqual(entries.map((entry) => entry[mode]));
      // Text: valid lines take the short way, the others the full check.
      const text = [...(await outputOf(input, args)).matchAll(/^<stdin>:(\d+): (valid|invalid) /gm)];
      expect(
        text.map((m) => [Number(m[1]), m[2] === "valid"]),
        type,
      ).toEqual(entries.map((entry, index) => [index + 1, entry[mode] === true]));
      lines += verdicts.length;
    }
    expect(lines).toBe(corpus.length);
  });
});

describe("progress", () => {
  const collect = (stream: PassThrough) => {
    let text = "";
    stream.on("data", (chunk) => (text += chunk));
    return () => text;
  };

  it("shows a running count on a terminal during a long NDJSON run", async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    const out = collect(stdout);
    const err = collect(stderr);
    const running = main(["validate", "--ndjson"], { stdin, stdout, stderr });
    stdin.end('{"status": "running"}\n'.repeat(5000));
    expect(await running).toBe(0);
    expect(out().split("\n")).toHaveLength(5001);
    expect(err()).toMatch(/\r5,000 payloads checked\n$/);
  });

  it("shows nothing when standard error is not a terminal", async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    collect(stdout);
    const err = collect(stderr);
    const running = main(["validate", "--ndjson"], { stdin, stdout, stderr });
    stdin.end('{"status": "running"}\n'.repeat(5000));
    expect(await running).toBe(0);
    expect(err()).toBe("");
  });
});

describe("inputs that would not end, and payloads that would not fit", () => {
  it("says at once that a line is over --max-bytes, and stops when no line end follows (/dev/zero)", () => {
    const started = performance.now();
    const zero = run(["validate", "--ndjson", "--max-bytes", "1000", "/dev/zero"]);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toContain("/dev/zero:1: payload larger than --max-bytes 1000; not validated");
    expect(zero.stderr).toContain("/dev/zero: no line end within 67108864 bytes after a line over --max-bytes 1000; the rest is not read");
    // A long line with an end is skipped, and the lines after it are checked.
    const lines = run(["validate", "--ndjson", "--max-bytes", "1000", "-"], `{"status":"running"}\n${"a".repeat(3000)}\n{"status":"x"}\n`);
    expect(lines.status).toBe(2);
    expect(lines.stdout).toMatch(/^<stdin>:1: valid InviteParticipantsOperation \(tolerant\)\n<stdin>:3: invalid InviteParticipantsOperation/);
    expect(lines.stderr).toBe("graph-invite-participants: <stdin>:2: payload larger than --max-bytes 1000; not validated\n");
  });

  it("refuses a payload of more objects and arrays than --max-bytes allows for, before parsing it", () => {
    const crowded = file("crowded.json", `[${"{},".repeat(1_000_000)}{}]\n`);
    for (const args of [
      ["validate", "--max-bytes", "4000000", crowded],
      ["validate", "--ndjson", "--max-bytes", "4000000", crowded],
    ]) {
      const result = run(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/crowded\.json(?::1)?: payload holds more than 500000 objects and arrays \(one per 8 bytes of --max-bytes 4000000\); not validated\n$/);
    }
  });

  it("labels text that is not JSON as invalid JSON, with line and column, not as an invalid payload of a type", () => {
    const text = run(["validate", "-"], '{"status": }');
    expect(text).toMatchObject({ status: 1, stdout: "<stdin>: invalid JSON\n<stdin>:1:12: Invalid JSON: Unexpected token '}'\n" });
    expect(JSON.parse(run(["validate", "--format", "json", "-"], '{"status": }').stdout)).toMatchObject({
      type: null,
      json: false,
      valid: false,
      errors: [{ keyword: "json", line: 1, column: 12 }],
    });
  });
});

describe("what the command line suggests", () => {
  it.each([
    [["validate", "--type", "inviteParticipantRequest", "-"], 'unknown type "inviteParticipantRequest"; did you mean "InviteParticipantsRequest"?'],
    [["validate", "--type", "identityset", "-"], 'unknown type "identityset"; did you mean "IdentitySet"?'],
    [["schema", "INVITEPARTICIPANTSOPERATION"], 'unknown type "INVITEPARTICIPANTSOPERATION"; did you mean "InviteParticipantsOperation"?'],
    [["validat", "x.json"], 'unknown command "validat"; did you mean "validate"?'],
    [["frobnicate"], 'unknown command "frobnicate"; the commands are validate, schema, help'],
  ])("%j: %s", (args, message) => {
    const result = run(args, "{}");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it("escapes raw control and direction characters of a JSON syntax error in --format json output", () => {
    const result = run(["validate", "--format", "json", "-"], '{"status": \u001b[31m}');
    expect(result.status).toBe(1);
    expect(result.stdout.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028-\u202e]/);
    expect(JSON.parse(result.stdout).errors[0].message).toContain("\\u001b");
  });
});

describe("the ecosystem's conventions", () => {
  // The location part of VS Code's $tsc problem matcher: file, line, column.
  const TSC_LOCATION = /^([^\s].*)[(:](\d+)[,:](\d+)(?:\):\s+|\s+-\s+|:\s+)/;

  it("begins every issue with file:line:column, the place of the path in the text, as editors parse it", () => {
    const path = file("located.json", '{\n  "status": "running",\n  "participants": [\n    { "identity": { "user": { "id": 5 } } }\n  ]\n}\n');
    const { stdout } = run(["validate", "--all-errors", path]);
    const located = stdout.split("\n").filter((line) => TSC_LOCATION.test(line));
    expect(located).toEqual([`${path}:4:31: /participants/0/identity/user/id must be null or a string (got 5)`]);
    const [, where, line, column] = TSC_LOCATION.exec(located[0]!)!;
    expect([where, line, column]).toEqual([path, "4", "31"]);
    // A syntax error, an NDJSON line's issue and bytes that are not UTF-8 too.
    expect(run(["validate", file("syntax.json", '{\n  "a": ]\n}')]).stdout).toMatch(/syntax\.json:2:8: Invalid JSON: /);
    expect(run(["validate", "--ndjson", file("lines.ndjson", '{"status":"running"}\n{"status":5}\n')]).stdout).toContain("lines.ndjson:2:2: /status must be a string (got 5)");
    expect(run(["validate", file("bytes.json", Buffer.from([0x7b, 0x0a, 0x22, 0xff, 0x22]))]).stdout).toMatch(/bytes\.json:2:2: The bytes are not valid UTF-8/);
    // A missing property is pointed at the object that lacks it; paths stay as given.
    expect(run(["validate", "test/examples/commsNotifications.invite-no-identity_invalid.json"]).stdout).toMatch(
      /^test\/examples\/commsNotifications\.invite-no-identity_invalid\.json:\d+:\d+: /m,
    );
  });

  it("gives keyword and params in --format json, and no type for text that is not JSON", () => {
    const [verdict] = run(["validate", "--format", "json", "-"], '{"@odata.type": "#microsoft.graph.identity", "id": 5}')
      .stdout.trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(verdict.errors).toEqual([{ path: "/id", message: "/id must be null or a string (got 5)", keyword: "type", params: { type: ["null", "string"] }, line: 1, column: 46 }]);
  });

  it("reads a folder's JSON files and a quoted glob's, and says when one gives none", () => {
    const folder = join(dir, "folder");
    mkdirSync(join(folder, "nested"), { recursive: true });
    writeFileSync(join(folder, "a.json"), '{"status": "running"}');
    writeFileSync(join(folder, "nested", "b.json"), '{"status": 5}');
    writeFileSync(join(folder, "c.txt"), "not read");
    const folderRun = run(["validate", folder]);
    expect(folderRun.stdout.split("\n").filter((line) => / (?:valid|invalid) /.test(line))).toEqual([
      `${join(folder, "a.json")}: valid InviteParticipantsOperation (tolerant)`,
      `${join(folder, "nested", "b.json")}: invalid InviteParticipantsOperation (tolerant)`,
    ]);
    expect(folderRun.status).toBe(1);
    expect(run(["validate", `${folder}/**/*.json`]).stdout).toContain(join(folder, "nested", "b.json"));
    expect(run(["validate", `${folder}/*.json`]).stdout).not.toContain("b.json");
    const none = run(["validate", `${folder}/*.nothing`]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(`no file matches "${folder}/*.nothing"`);
  });

  it("takes -h and -V wherever --help and --version work, and refuses an option that takes a value given twice", () => {
    for (const args of [["-h"], ["--help"], ["validate", "-h"], ["validate", "--help"], ["schema", "-h"]]) expect(run(args).stdout, args.join(" ")).toMatch(/^Usage:/);
    const version = run(["--version"]).stdout;
    for (const args of [["-V"], ["validate", "-V"], ["validate", "--version"], ["schema", "-V"]]) expect(run(args).stdout, args.join(" ")).toBe(version);
    const twice = run(["validate", "--type", "Identity", "--type", "IdentitySet", "-"], "{}");
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain("--type is given twice; give it once");
  });

  it("points at --ndjson when a file holds one payload a line", () => {
    const { stdout } = run(["validate", file("many.json", '{"status":"running"}\n{"status":"running"}\n')]);
    expect(stdout).toContain("many.json:2:1: Invalid JSON: Unexpected non-whitespace character after JSON (one JSON payload a line? use --ndjson)");
  });
});

describe("the place of a path in JSON text", () => {
  it("is the member's key, or the item, wherever the path leads, however the text is spaced", async () => {
    const fc = (await import("fast-check")).default;
    const { locatePointer } = await import("../src/validators/json.js");
    const key = fc.string({ unit: "binary", maxLength: 6 });
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, fc.constantFrom(null, true, 0, -1.5e3, "", 'a"\\b'), tie("object"), tie("array")),
      object: fc.dictionary(key, tie("value"), { maxKeys: 4 }),
      array: fc.array(tie("value"), { maxLength: 4 }),
    })).value;
    fc.assert(
      fc.property(json, fc.constantFrom(0, 2, "\t"), fc.nat(), (value, indent, pick) => {
        const text = JSON.stringify(value, null, indent);
        // Every path that leads somewhere in the value, and where it must point.
        const paths: { path: string; starts: string }[] = [{ path: "", starts: text.trimStart()[0] ?? "" }];
        const walk = (node: unknown, path: string) => {
          if (node === null || typeof node !== "object") return;
          for (const [name, child] of Object.entries(node)) {
            const pointer = `${path}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
            paths.push({ path: pointer, starts: Array.isArray(node) ? (JSON.stringify(child, null, indent) ?? "null").slice(0, 1) : JSON.stringify(name) });
            walk(child, pointer);
          }
        };
        walk(value, "");
        const { path, starts } = paths[pick % paths.length]!;
        const { offset, line, column } = locatePointer(text, path);
        // Line and column agree with the offset, and the text there begins as the key or the item does.
        const before = text.slice(0, offset).split("\n");
        return before.length === line && before.at(-1)!.length + 1 === column && text.startsWith(starts, offset);
      }),
      { numRuns: 2_000, seed: 7 },
    );
    // A missing member points at the object that lacks it; a path through a string stops there.
    expect(locatePointer('{\n  "a": {"b": 1}\n}', "/a/c")).toMatchObject({ line: 2, column: 8 });
    expect(locatePointer('{"a": "text"}', "/a/b/c")).toMatchObject({ line: 1, column: 2 });
  });
});
