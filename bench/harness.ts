// A small timing harness: calibrate a loop to ~40 ms, take samples, report the time per call.

export interface Timing {
  /** Nanoseconds per call: the fastest sample. On a shared machine noise only ever adds time, so the
   * minimum is the steadiest estimate of the code's own cost. */
  ns: number;
  /** Median nanoseconds per call over the samples. */
  medianNs: number;
  samples: number;
}

let sink = 0;

/** Times `run(value)`; the result feeds a sink so the call cannot be optimized away. */
export function time(run: (value: unknown) => unknown, value: unknown, { samples = 15, sampleMs = 40 } = {}): Timing {
  let iterations = 1;
  // Calibrate (this also warms the function up).
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < iterations; i += 1) if (run(value)) sink += 1;
    const elapsed = performance.now() - start;
    if (elapsed >= sampleMs / 4) {
      iterations = Math.max(1, Math.round((iterations * sampleMs) / elapsed));
      break;
    }
    iterations *= 4;
  }
  const perCall: number[] = [];
  for (let s = 0; s < samples; s += 1) {
    const start = performance.now();
    for (let i = 0; i < iterations; i += 1) if (run(value)) sink += 1;
    perCall.push(((performance.now() - start) * 1e6) / iterations);
  }
  perCall.sort((a, b) => a - b);
  return { ns: perCall[0]!, medianNs: perCall[Math.floor(perCall.length / 2)]!, samples };
}

/** What the timed calls fed the sink: readable from outside, so that the writes to it are not dead code. */
export const sinkValue = (): number => sink;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export const formatNs = (ns: number): string => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
