// Times one contender on every benchmark case and prints the nanoseconds per call as JSON (bench/throughput.ts).
import { contenders, timeContender, type Contender } from "./throughput.js";

const name = process.argv[2] as Contender;
if (!(name in contenders)) throw new Error(`unknown contender ${name}`);
console.log(JSON.stringify(timeContender(name)));
