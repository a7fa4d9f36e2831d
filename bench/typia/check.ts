// typia's `is` of the package's own type, generated at compile time (`npm run build` here): the contender
// bench/single-layout.ts times beside the package. typia checks what the TypeScript type says, not the schema
// files' rules: no pattern on `@odata.type` names, no subtype's own properties (rule 12).
import typia from "typia";
import type { InviteParticipantsOperation } from "../../types/index.js";

export const is = typia.createIs<InviteParticipantsOperation>();
