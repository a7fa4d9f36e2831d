export * from "./test-kit/stand-in.js";
