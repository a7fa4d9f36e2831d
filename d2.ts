import * as t from "./src/index.ts";
for (const v of [null, true, 42, {}, [], "text"]) console.log(JSON.stringify(v), t.validateCommsNotifications({value:[{changeType:"created",resourceUrl:v}]}).valid);
