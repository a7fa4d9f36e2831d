export * from "./callbacks/middleware.js";
