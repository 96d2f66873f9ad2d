// Any /api/v1 path no route file claims: 404 in the error envelope, whatever the method.
import { noSuchEndpoint } from "@/lib/api/fallback";

export { noSuchEndpoint as GET, noSuchEndpoint as POST, noSuchEndpoint as PUT, noSuchEndpoint as PATCH, noSuchEndpoint as DELETE };
export { noSuchEndpoint as HEAD, noSuchEndpoint as OPTIONS };
