export * from "./test-kit/arbitraries.js";
