import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { main, typeOfPayload } from "../src/cli.js";
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
    expect(stdout).toMatch(/seed-create-request\.json: invalid InviteParticipantsOperation \(tolerant\)\n {2}- \/status must be one of .* \(got "String"\)\n$/);
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
    expect(stdout).toBe("<stdin>: invalid Identity (tolerant)\n  - /id must be null or a string (got 5)\n");
  });

  it("reports every error with --all-errors", () => {
    const { stdout } = run(["validate", "--all-errors", "-"], '{"status": "x", "participants": [{}]}');
    expect(stdout.split("\n").filter((line) => line.startsWith("  - "))).toHaveLength(2);
  });

  it("prints one JSON object per payload with --format json", () => {
    const { status, stdout } = run(["validate", "--format", "json", "test/examples/inviteParticipantsOperation.invite-response.json", "-"], "{");
    expect(status).toBe(1);
    const lines = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { source: "test/examples/inviteParticipantsOperation.invite-response.json", type: "InviteParticipantsOperation", valid: true, errors: [] },
      { source: "<stdin>", type: "JSON", valid: false, errors: [{ path: "", message: "Invalid JSON at line 1, column 2: Expected property name or '}'" }] },
    ]);
  });

  it("reads standard input when no file is given", () => {
    expect(run(["validate"], '{"status": "Running"}')).toMatchObject({ status: 0, stdout: "<stdin>: valid InviteParticipantsOperation (tolerant)\n" });
  });

  it("gives line and column for JSON that does not parse, with exit 1", () => {
    const { status, stdout } = run(["validate", file("bad.json", '{\n  "status": "running",\n  "participants": [}\n')]);
    expect(status).toBe(1);
    expect(stdout).toContain("Invalid JSON at line 3, column 20: Unexpected token '}'");
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
    expect(stderr).toContain(`cannot read ${dir}: is a directory`);
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
    expect(whole.out.split("\n").filter((line) => /^(<stdin>:|\{"source")/.test(line))).toHaveLength(10);
    expect(whole.out).toContain("<stdin>:6");
    expect(whole.err).toContain("<stdin>:7: payload larger than --max-bytes 200");
    expect(whole.out).toMatch(/<stdin>:12\b[^\n]*(\n[^\n]*)?not valid UTF-8 \(at byte 1\)/);
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
    expect(text).toMatchObject({ status: 1, stdout: "<stdin>: invalid JSON\n  - Invalid JSON at line 1, column 12: Unexpected token '}'\n" });
    expect(JSON.parse(run(["validate", "--format", "json", "-"], '{"status": }').stdout)).toMatchObject({ type: "JSON", valid: false });
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
