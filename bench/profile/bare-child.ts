// The bare node:http + pg yardstick (bench/bare-server.ts) in its own process, so that its CPU
// per request can be read from /proc like the Next server's. Args: database URL, workspace id, port.
import { startBareServer } from "../bare-server";

const [url, workspaceId, port] = process.argv.slice(2);
const server = await startBareServer(url, workspaceId, Number(port));
console.log("ready");
const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
