// typia's `is` and `validate` of the package's own type, generated at compile time (`npm run build` here): the
// contender bench/single-layout.ts times beside the package, and one of the peers that explain in bench/errors.ts
// (`validate` gathers every issue). typia checks what the TypeScript type says, not the schema
// files' rules: no pattern on `@odata.type` names, no subtype's own properties (rule 12).
import typia from "typia";
import type { InviteParticipantsOperation } from "../../types/index.js";

export const is = typia.createIs<InviteParticipantsOperation>();
export const validate = typia.createValidate<InviteParticipantsOperation>();
