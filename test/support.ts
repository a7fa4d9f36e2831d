// Shared by the tests: the shipped schema files, the example payloads and rule cases, both entry points,
// and Ajv compiling the shipped files at run time (what a user of the schema files alone would do).
import { spawnSync } from "node:child_process";
import type { CorpusEntry, CorpusFile } from "../scripts/generate/fixtures.js";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createAjv, ROOT, schemaPath } from "../scripts/generate.js";
import * as strict from "../src/strict.js";
import * as tolerant from "../src/index.js";
import { TYPES, type Mode, type TypeName } from "../src/validators/table.js";

export const api = { tolerant, strict } as const;
export const MODES = ["tolerant", "strict"] as const satisfies readonly Mode[];

/** Every `$ref` in a schema or document, with the JSON Pointer of where it stands. */
export function refs(node: unknown, at = ""): { at: string; ref: string }[] {
  if (node === null || typeof node !== "object") return [];
  const own = typeof (node as { $ref?: unknown }).$ref === "string" ? [{ at, ref: (node as { $ref: string }).$ref }] : [];
  return own.concat(Object.entries(node).flatMap(([key, value]) => refs(value, `${at}/${key}`)));
}

export const readJsonFile = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), "utf8"));

/** Every shipped schema file: path, mode, type. */
export const schemaFiles = MODES.flatMap((mode) =>
  TYPES.map(({ name, graphName }) => ({ mode, name, graphName, path: schemaPath(graphName, mode), schema: readJsonFile(schemaPath(graphName, mode)) as Record<string, unknown> })),
);

/** A validator compiled at run time by Ajv from a shipped schema file; returns the error paths, [] when valid. */
export function runtimeAjv(options: { allErrors?: boolean } = {}) {
  const ajv = createAjv({ allErrors: options.allErrors ?? false, inlineRefs: false });
  for (const file of schemaFiles) ajv.addSchema(file.schema);
  return (mode: Mode, name: TypeName, data: unknown): boolean => {
    const graphName = TYPES.find((t) => t.name === name)!.graphName;
    const validate = ajv.getSchema(schemaFiles.find((f) => f.mode === mode && f.graphName === graphName)!.schema.$id as string)!;
    return validate(data) as boolean;
  };
}

/**
 * A value as the validators judge it (README, "Values that are not plain JSON"): each object as a new one with no
 * prototype, holding the names `for…in` visits on it, each a getter that reads the value's (so that a name no
 * check reads is not read, as the validators do not read it: a throwing getter there throws nothing); each array
 * as its items. Written apart from the runtime (src/validators/read.ts), so that a test giving this to
 * the shipped files checks the runtime against the rule, not against itself.
 */
export function asForInSees(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  // Binary data is no JSON value (README, "What is read of a value"): a symbol, which every schema rejects as no JSON type.
  if (ArrayBuffer.isView(value)) return Symbol("binary data");
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, index) => asForInSees(value[index]));
  const seen: Record<string, unknown> = Object.create(null);
  for (const name in value) Object.defineProperty(seen, name, { get: () => asForInSees((value as Record<string, unknown>)[name]), enumerable: true });
  return seen;
}

export interface RuleCase {
  rule: string;
  description: string;
  type: TypeName;
  data: unknown;
  tolerant: true | string;
  strict: true | string;
  /** For a wrong value of a subtype's own property: the subtype its messages name (rule 12). */
  subtype?: string;
}

/**
 * Rule 12's cases, one set per subtype of identity and identitySet in Graph's metadata (metadata/graph.json, read
 * here rather than from the schemas): each own property accepted with a value of its type, rejected with a value
 * of another in both modes (naming the subtype), and rejected in strict mode on a subtype that does not declare it.
 */
function subtypeCases(): RuleCase[] {
  const metadata = readJsonFile("metadata/graph.json") as {
    enums: Record<string, Record<string, string[]>>;
    subtypes: Record<string, { family: "identity" | "identitySet"; properties: Record<string, { type: string }> }>;
  };
  const rule = "12. Subtypes bring their own properties";
  const good = (type: string): unknown =>
    type === "Edm.String"
      ? "x"
      : type === "Edm.Boolean"
        ? true
        : metadata.enums[type]
          ? Object.values(metadata.enums[type]!)[0]![0]
          : /Identity$|^identity$/.test(type)
            ? { id: "x" }
            : {};
  const wrong = (type: string): unknown => (type === "Edm.Boolean" ? "yes" : 42);
  const cases: RuleCase[] = [];
  const entries = Object.entries(metadata.subtypes);
  for (const [subtype, { family, properties }] of entries) {
    const type = family === "identity" ? "Identity" : "IdentitySet";
    const label = { "@odata.type": `#microsoft.graph.${subtype}`, ...(family === "identity" ? { id: "x" } : { user: { id: "x" } }) };
    cases.push({ rule, description: `${subtype} with no property of its own`, type, data: label, tolerant: true, strict: true });
    for (const [property, { type: propertyType }] of Object.entries(properties)) {
      cases.push({ rule, description: `${subtype}.${property} of its type`, type, data: { ...label, [property]: good(propertyType) }, tolerant: true, strict: true });
      cases.push({
        rule,
        description: `${subtype}.${property} of another type`,
        type,
        data: { ...label, [property]: wrong(propertyType) },
        tolerant: `/${property}`,
        strict: `/${property}`,
        subtype,
      });
      // On another subtype that does not declare it: the first such, and the first whose own properties its root
      // declares too (the communications subtypes, which real payloads' plain identities carry the properties of).
      const lacking = entries.filter(([name, candidate]) => name !== subtype && candidate.family === family && !(property in candidate.properties));
      const rootDeclares = Object.keys((readJsonFile(`schemas/${family}.schema.json`) as { properties: object }).properties);
      const others = new Set([lacking[0], lacking.find(([, candidate]) => Object.keys(candidate.properties).every((name) => rootDeclares.includes(name)))]);
      for (const other of others) {
        if (other === undefined) continue;
        const data = { ...label, "@odata.type": `#microsoft.graph.${other[0]}`, [property]: good(propertyType) };
        cases.push({ rule, description: `${subtype}.${property} on ${other[0]}, which does not declare it`, type, data, tolerant: true, strict: `/${property}` });
      }
    }
  }
  return cases;
}

/**
 * Rule 14's cases, from the metadata: each member a subtype declares as another subtype (`conversation`, a
 * teamworkConversationIdentity), without a label, takes that type's rules in both modes: its own properties of
 * their type accepted, of another type (or outside the enum) refused naming it, and in strict mode a property
 * the type does not declare refused, though a plain identity declares it. A label names the declared type;
 * another type's name is refused by strict mode, and tolerant mode checks the value as the declared type.
 */
function declaredTypeCases(): RuleCase[] {
  const metadata = readJsonFile("metadata/graph.json") as {
    enums: Record<string, Record<string, string[]>>;
    families: Record<string, { name: string }[]>;
    subtypes: Record<string, { family: "identity" | "identitySet"; properties: Record<string, { type: string }> }>;
  };
  const rule = "14. A member's declared type counts";
  const identities = new Set(metadata.families.identity!.map(({ name }) => name.replace(/^microsoft\.graph\./, "")));
  const cases: RuleCase[] = [];
  for (const [subtype, { family, properties }] of Object.entries(metadata.subtypes)) {
    if (family !== "identitySet") continue;
    for (const [member, { type: declared }] of Object.entries(properties)) {
      if (declared === "identity" || !identities.has(declared)) continue;
      const own = metadata.subtypes[declared]!.properties;
      const set = (value: object) => ({ "@odata.type": `#microsoft.graph.${subtype}`, user: { id: "u" }, [member]: { id: "x", ...value } });
      const at = `${subtype}.${member} (${declared})`;
      cases.push({ rule, description: `${at} without a label`, type: "IdentitySet", data: set({}), tolerant: true, strict: true });
      cases.push({ rule, description: `${at} labelled as it`, type: "IdentitySet", data: set({ "@odata.type": `#microsoft.graph.${declared}` }), tolerant: true, strict: true });
      cases.push({
        rule,
        description: `${at} labelled as another identity type`,
        type: "IdentitySet",
        data: set({ "@odata.type": "#microsoft.graph.teamworkUserIdentity" }),
        tolerant: true,
        strict: `/${member}/@odata.type`,
      });
      cases.push({ rule, description: `${at} with a plain identity's tenantId`, type: "IdentitySet", data: set({ tenantId: "t" }), tolerant: true, strict: `/${member}/tenantId` });
      for (const [property, { type }] of Object.entries(own)) {
        const members = metadata.enums[type];
        const good = members === undefined ? "x" : Object.values(members)[0]![0];
        cases.push({ rule, description: `${at}.${property} of its type, without a label`, type: "IdentitySet", data: set({ [property]: good }), tolerant: true, strict: true });
        const wrongs: [string, unknown][] = [["of another type", 42], ...(members === undefined ? [] : ([["outside its enum", "thread"]] as [string, unknown][]))];
        for (const [how, wrong] of wrongs)
          cases.push({
            rule,
            description: `${at}.${property} ${how}, without a label`,
            type: "IdentitySet",
            data: set({ [property]: wrong }),
            tolerant: `/${member}/${property}`,
            strict: `/${member}/${property}`,
            subtype: declared,
          });
      }
    }
  }
  return cases;
}

/** Rule 15: a family name starts with a lower-case letter after `microsoft.graph.`, as every Graph type name does. */
function familySpellingCases(): RuleCase[] {
  const rule = "15. Family names are spelled as Graph spells types";
  const set = (label: string) => ({ "@odata.type": label, user: { id: "x" } });
  return [
    ...["microsoft.graph.AiInteractionMentionedIdentitySet", "#microsoft.graph.IdentitySet", "microsoft.graph.1identitySet"].map(
      (label): RuleCase => ({ rule, description: `${label} names no type`, type: "IdentitySet", data: set(label), tolerant: "/@odata.type", strict: "/@odata.type" }),
    ),
    {
      rule,
      description: "a later identity set name in lower camel case",
      type: "IdentitySet",
      data: set("#microsoft.graph.someLaterIdentitySet"),
      tolerant: true,
      strict: "/@odata.type",
    },
    {
      rule,
      description: "a later identity name with a capital",
      type: "Identity",
      data: { "@odata.type": "#microsoft.graph.LaterIdentity", id: "x" },
      tolerant: "/@odata.type",
      strict: "/@odata.type",
    },
  ];
}

export const ruleCases = [...(readJsonFile("test/cases.json") as { cases: RuleCase[] }).cases, ...subtypeCases(), ...declaredTypeCases(), ...familySpellingCases()];

export interface Example {
  file: string;
  type: TypeName;
  source: string;
  tolerant: string[];
  strict: string[];
  data: unknown;
}

export const examples: Example[] = Object.entries(readJsonFile("test/examples/verdicts.json") as Record<string, Omit<Example, "file" | "data">>).map(([file, verdict]) => ({
  file,
  ...verdict,
  data: readJsonFile(`test/examples/${file}`),
}));

/** Every .json payload in test/examples/ other than the verdicts, so that an example without a verdict fails. */
export const exampleFiles = readdirSync(join(ROOT, "test/examples")).filter((file) => file.endsWith(".json") && file !== "verdicts.json");

export type { CorpusEntry };

/** Every payload of test/corpus/: real payloads this project did not write, with their sources and verdicts. */
export const corpus: (CorpusEntry & { file: string; repository: string })[] = readdirSync(join(ROOT, "test/corpus"))
  .filter((file) => file.endsWith(".json"))
  .flatMap((file) => {
    const { repository, entries } = readJsonFile(`test/corpus/${file}`) as CorpusFile;
    return entries.map((entry) => ({ ...entry, file, repository }));
  });

/** Every payload the tests know: the examples, the rule cases and the corpus, each with its type. */
export const payloads = (): { label: string; type: TypeName; data: unknown }[] => [
  ...examples.map((e) => ({ label: `example ${e.file}`, type: e.type, data: e.data })),
  ...ruleCases.map((c) => ({ label: `${c.rule}: ${c.description}`, type: c.type, data: c.data })),
  ...corpus.map((e) => ({ label: `corpus ${e.type} from ${e.source.path}@${e.source.date} ${e.at}`, type: e.type, data: e.data })),
];

/**
 * Runs `work` holding a lock between processes: a folder made at `path` (mkdir either makes it or fails), holding
 * the owner's pid, so that a lock left by a process that died is taken over rather than waited on.
 */
function withLock(path: string, work: () => void): void {
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let owner = Number.NaN;
      try {
        owner = Number(readFileSync(join(path, "pid"), "utf8"));
      } catch {
        // Just made: its pid is being written.
      }
      let alive = true;
      if (Number.isInteger(owner) && owner > 0) {
        try {
          process.kill(owner, 0);
        } catch {
          alive = false;
        }
      }
      if (!alive) rmSync(path, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${path} is held by process ${owner}, for more than 15 minutes`);
      else Atomics.wait(sleep, 0, 0, 200);
    }
  }
  try {
    work();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Installs a consumer project under test/consumers/ from its own lockfile (`npm ci`, skipped when its
 * node_modules is already from that lockfile), then the packed package into it (the tarball the global setup
 * made: what `npm install <tarball>` puts there, the package having no dependencies); returns its folder.
 * Such a project pins libraries that cannot share the package's tree (another TypeScript, Jest, tRPC).
 */
const prepared = new Set<string>();

/**
 * Whether a consumer project's node_modules is what its lockfile says. npm's record of what it installed
 * (`node_modules/.package-lock.json`) leaves out the optional packages of other platforms (a native binary for each
 * operating system): every installed package is the lockfile's, and every one the lockfile needs is installed.
 */
export function installedAsLocked(folder: string): boolean {
  type Packages = Record<string, { version?: string; optional?: boolean }>;
  const packagesOf = (path: string): Packages | undefined => {
    if (!existsSync(path)) return undefined;
    const { packages } = JSON.parse(readFileSync(path, "utf8")) as { packages: Packages };
    return Object.fromEntries(Object.entries(packages).filter(([name]) => name !== "" && name !== "node_modules/graph-invite-participants"));
  };
  const installed = packagesOf(join(folder, "node_modules/.package-lock.json"));
  const locked = packagesOf(join(folder, "package-lock.json"))!;
  return (
    installed !== undefined &&
    Object.entries(installed).every(([name, { version }]) => locked[name]?.version === version) &&
    Object.entries(locked).every(([name, { optional }]) => optional === true || installed[name] !== undefined)
  );
}

export function consumerProject(name: string, tarball?: string): string {
  const folder = join(ROOT, "test/consumers", name);
  // Once per test file: the tests of one project share its installation.
  if (prepared.has(`${name} ${tarball}`)) return folder;
  // Test files in other workers may prepare the same project at the same time: one at a time, and a package the
  // run has unpacked there already is left as it is (another worker's tests may be reading it).
  withLock(join(folder, "node_modules.lock"), () => {
    if (!installedAsLocked(folder)) {
      const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: folder, encoding: "utf8" });
      if (result.status !== 0) throw new Error(`npm ci in test/consumers/${name} failed:\n${result.stderr}`);
    }
    if (tarball !== undefined) {
      const target = join(folder, "node_modules/graph-invite-participants");
      const marker = join(target, ".unpacked-from");
      if (existsSync(marker) && readFileSync(marker, "utf8") === tarball) return;
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      const untar = spawnSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"], { encoding: "utf8" });
      if (untar.status !== 0) throw new Error(`cannot unpack ${tarball}: ${untar.stderr}`);
      writeFileSync(marker, tarball);
    }
  });
  prepared.add(`${name} ${tarball}`);
  return folder;
}
