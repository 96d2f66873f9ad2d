// Preloaded into `next start` (node --import): Node answers a malformed request or a request head
// over 16 KB with a bare status line before any app code runs. Answer those in the API's error
// envelope instead, like every other error under /api.
import http from "node:http";
import { randomBytes } from "node:crypto";

const createServer = http.createServer;
http.createServer = function createServerWithJsonClientErrors(...args) {
  const server = createServer.apply(this, args);
  server.on("clientError", (error, socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) return socket.destroy();
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const requestId = `req_${randomBytes(12).toString("base64url").replace(/[-_]/g, "0").slice(0, 16)}`;
    const body = JSON.stringify({
      error: {
        code: tooLarge ? "headers_too_large" : "invalid_request",
        message: tooLarge ? "The URL and headers must be at most 16 KB together" : "The request is not valid HTTP",
        request_id: requestId,
      },
    });
    const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nX-Request-Id: ${requestId}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
};
