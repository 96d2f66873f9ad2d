// Node flags of every `next start` (npm start, the test servers): client errors that Node answers
// itself (a request head over 16 KB, a malformed request) come back in the API's error envelope.
import path from "node:path";
import { pathToFileURL } from "node:url";

export const NEXT_START_FLAGS = ["--import", pathToFileURL(path.resolve("scripts/http-client-errors.mjs")).href];
