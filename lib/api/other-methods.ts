// Every /api/v1 route file ends with `export * from "@/lib/api/other-methods"`: the methods it does
// not define itself answer 405 in the error envelope, with Allow (a module's own exports win over
// `export *`). HEAD is left to Next, which answers it with the route's GET.
import { allowedOptions, methodNotAllowed } from "./fallback";

export {
  methodNotAllowed as GET,
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
  allowedOptions as OPTIONS,
};
