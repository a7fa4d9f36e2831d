export * from "./test-kit/fixtures.js";
