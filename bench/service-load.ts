/**
 * The example callback service under load, over loopback: the service in its own process (as deployed, logging
 * warnings and errors), valid notifications sent concurrently from this one, alone and alongside a stream of
 * hostile bodies just under the 1 MB body limit. Every valid notification must be
 * answered 202 and stored (none lost); the figures are the valid requests' latency percentiles.
 *
 * Usage: npm run bench:service   (also run by npm run bench; test/callback-service.test.ts asserts a loose bound)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { ROOT } from "../scripts/root.js";
import { validateCommsNotifications } from "../src/index.js";
import { APP_ID, startKeyServer } from "../test/graph-tokens.js";

export interface LoadOptions {
  /** Valid notifications to send, each for its own operation. */
  valid: number;
  /** Valid requests in flight at once. */
  concurrency: number;
  /** Clients sending hostile bodies back to back while the valid ones run; 0 for the baseline. */
  hostileClients: number;
}

export interface LoadResult {
  valid: number;
  lost: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  hostileSent: number;
  /** Status codes of the hostile requests, counted; a thrown fetch counts as "reset". */
  hostileStatuses: Record<string, number>;
  seconds: number;
}

const BODY_LIMIT = 1024 * 1024;
const REAL_CALLBACK = JSON.parse(readFileSync(join(ROOT, "test/examples/commsNotifications.invite-completed.json"), "utf8")) as {
  value: { resourceUrl: string; resource: string; resourceData: { clientContext: string; status: string } }[];
};

/** Hostile bodies of about 1 MB, each of a kind an attacker would try. */
export function hostileBodies(): { name: string; body: string }[] {
  const notification = (resourceData: unknown) => ({ value: [{ changeType: "deleted", resourceUrl: "/communications/calls/c/operations/o", resourceData }] });
  const fill = (make: (count: number) => string) => {
    // The largest count whose body still fits under the limit, so that the body is read and parsed.
    let low = 1;
    let high = BODY_LIMIT;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (Buffer.byteLength(make(mid)) < BODY_LIMIT) low = mid;
      else high = mid - 1;
    }
    return make(low);
  };
  const invite = { "@odata.type": "#microsoft.graph.inviteParticipantsOperation", status: "running" };
  return [
    { name: "empty participants", body: fill((n) => JSON.stringify(notification({ ...invite, participants: Array.from({ length: n }, () => ({})) }))) },
    {
      name: "bad participants last",
      body: fill((n) => JSON.stringify(notification({ ...invite, participants: [...Array.from({ length: n }, () => ({ identity: { user: { id: "u" } } })), { identity: 5 }] }))),
    },
    {
      name: "undeclared keys",
      body: fill((n) => JSON.stringify(notification(Object.fromEntries([...Object.entries(invite), ...Array.from({ length: n }, (_, i) => [`k${i}`, i])])))),
    },
    { name: "deep nesting", body: fill((n) => `{"value":[{"changeType":"deleted","resourceUrl":"/x","resourceData":${"[".repeat(n)}${"]".repeat(n)}}]}`) },
    {
      name: "many notifications",
      body: fill((n) => JSON.stringify({ value: Array.from({ length: n }, () => ({ changeType: "updated", resourceUrl: "/communications/calls/c" })) })),
    },
    { name: "long string", body: fill((n) => JSON.stringify(notification({ ...invite, clientContext: "x".repeat(n) }))) },
  ];
}

/**
 * 1 MB bodies wrong in one early field (a notification's changeType) and right in everything after it: what
 * costs the verdict nothing and, before, cost the explanation a walk of the whole body.
 */
export function earlyInvalidBodies(): { name: string; body: string }[] {
  const participant = { identity: { user: { id: "278405a3-f568-4b3e-b684-009193463064", displayName: "Participant" } } };
  const make = (count: number) =>
    JSON.stringify({
      value: [
        {
          changeType: "replaced",
          resourceUrl: "/communications/calls/c/operations/o",
          resourceData: { "@odata.type": "#microsoft.graph.inviteParticipantsOperation", status: "completed", participants: Array.from({ length: count }, () => participant) },
        },
      ],
    });
  let count = 1;
  while (Buffer.byteLength(make(count * 2)) < BODY_LIMIT) count *= 2;
  while (Buffer.byteLength(make(count + 100)) < BODY_LIMIT) count += 100;
  return [{ name: "invalid changeType, 1 MB", body: make(count) }];
}

/** The attacker's thread: `clients` loops posting hostile bodies back to back until told to stop. */
const ATTACKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { base, clients, bodies, token } = workerData;
let done = false;
let sent = 0;
const statuses = {};
parentPort.once("message", () => { done = true; });
const client = async (first) => {
  for (let i = first; !done; i += 1) {
    sent += 1;
    let status;
    try {
      const response = await fetch(base + "/api/calls", { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer " + token }, body: bodies[i % bodies.length] });
      await response.arrayBuffer();
      status = String(response.status);
    } catch {
      status = "reset";
    }
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
};
Promise.all(Array.from({ length: clients }, (_, i) => client(i))).then(() => parentPort.postMessage({ sent, statuses }));
`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Starts examples/callback-service/server.js on a free port, its tokens' keys from `openIdConfiguration`; resolves when it listens. */
async function startService(openIdConfiguration: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [join(ROOT, "examples/callback-service/server.js"), "0"], {
    env: { ...process.env, HOST: "127.0.0.1", LOG_LEVEL: "warn", APP_ID, OPENID_CONFIGURATION: openIdConfiguration },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`the service exited with status ${code} before listening`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

export async function measureServiceLoad(options: LoadOptions, bodies = options.hostileClients > 0 ? hostileBodies() : []): Promise<LoadResult> {
  // Graph's keys, stood in for on loopback: every request carries a token signed with them, as Graph's do.
  const keys = await startKeyServer();
  const token = await keys.sign();
  const { child, base } = await startService(keys.openIdConfiguration);
  const run = `run-${process.hrtime.bigint()}`;
  const started = performance.now();
  try {
    // The attacker sends from its own thread, as from another machine: its sending does not delay the
    // valid requests' own clock.
    const attacker =
      options.hostileClients > 0
        ? new Worker(ATTACKER, { eval: true, workerData: { base, clients: options.hostileClients, bodies: bodies.map(({ body }) => body), token } })
        : undefined;
    const attackerResult =
      attacker === undefined
        ? Promise.resolve({ sent: 0, statuses: {} as Record<string, number> })
        : new Promise<{ sent: number; statuses: Record<string, number> }>((resolve, reject) => {
            attacker.once("message", resolve);
            attacker.once("error", reject);
          });
    const latencies: number[] = [];
    let lost = 0;
    let next = 0;
    // Graph's own invite-completed callback (the reference page's example), one operation per request.
    const body = (index: number) => {
      const notification = structuredClone(REAL_CALLBACK);
      const item = notification.value[0]!;
      item.resourceUrl = `/communications/calls/c1/operations/${run}-${index}`;
      item.resource = `/app/calls/c1/operations/${run}-${index}`;
      item.resourceData.clientContext = `ctx-${index}`;
      return JSON.stringify(notification);
    };
    const workers = Array.from({ length: options.concurrency }, async () => {
      for (let index = next++; index < options.valid; index = next++) {
        const sent = performance.now();
        try {
          const response = await fetch(`${base}/api/calls`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body: body(index),
          });
          await response.arrayBuffer();
          if (response.status !== 202) lost += 1;
        } catch {
          lost += 1;
        }
        latencies.push(performance.now() - sent);
      }
    });
    await Promise.all(workers);
    attacker?.postMessage("stop");
    const { sent: hostileSent, statuses: hostileStatuses } = await attackerResult;
    // Lost also counts a notification answered 202 whose state was not kept.
    for (let index = 0; index < options.valid; index += 1) {
      const response = await fetch(`${base}/operations/${run}-${index}`);
      const state = (await response.json()) as { status?: string; clientContext?: string };
      if (response.status !== 200 || state.status !== "completed" || state.clientContext !== `ctx-${index}`) lost += 1;
    }
    const sorted = latencies.sort((a, b) => a - b);
    return {
      valid: options.valid,
      lost,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted.at(-1) ?? 0,
      hostileSent,
      hostileStatuses,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill();
    await exited;
    await keys.close();
  }
}

const format = (result: LoadResult) =>
  `${result.valid} valid, ${result.lost} lost; p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, max ${result.maxMs.toFixed(1)} ms; ` +
  `${result.hostileSent} hostile (${
    Object.entries(result.hostileStatuses)
      .map(([status, count]) => `${count}× ${status}`)
      .join(", ") || "none"
  }); ${result.seconds.toFixed(1)} s`;

export async function reportServiceLoad(log: (line: string) => void): Promise<{ baseline: LoadResult; hostile: LoadResult; early: LoadResult }> {
  const bodies = hostileBodies();
  const early = earlyInvalidBodies();
  log(`Hostile bodies: ${bodies.map(({ name, body }) => `${name} (${Buffer.byteLength(body)} bytes)`).join(", ")}`);
  // What each costs in one process: JSON.parse, then the validation the service runs (first-error mode).
  const median = (run: () => void) => {
    const times = Array.from({ length: 7 }, () => {
      const started = performance.now();
      run();
      return performance.now() - started;
    }).sort((a, b) => a - b);
    return times[3]!;
  };
  for (const { name, body } of [...bodies, ...early]) {
    const value = JSON.parse(body) as unknown;
    log(`  ${name}: JSON.parse ${median(() => JSON.parse(body)).toFixed(1)} ms, validate ${median(() => validateCommsNotifications(value)).toFixed(2)} ms`);
  }
  // A warm-up run, so that both measured runs see a compiled service.
  await measureServiceLoad({ valid: 500, concurrency: 50, hostileClients: 0 });
  const baseline = await measureServiceLoad({ valid: 2000, concurrency: 50, hostileClients: 0 });
  log(`Baseline: ${format(baseline)}`);
  const hostile = await measureServiceLoad({ valid: 2000, concurrency: 50, hostileClients: 4 }, bodies);
  log(`With 4 hostile clients: ${format(hostile)}`);
  log(`p99 ratio: ${(hostile.p99Ms / baseline.p99Ms).toFixed(1)}×`);
  const earlyRun = await measureServiceLoad({ valid: 2000, concurrency: 50, hostileClients: 4 }, early);
  log(`With 4 clients sending 1 MB bodies invalid in an early field: ${format(earlyRun)}`);
  log(`p50 ratio: ${(earlyRun.p50Ms / baseline.p50Ms).toFixed(1)}× (goal ≤ 3×)`);
  return { baseline, hostile, early: earlyRun };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await reportServiceLoad(console.log);
}
