// Where the end-to-end server and its throwaway database live.
export const E2E = {
  port: 3210,
  dbPort: 54339,
  baseURL: "http://localhost:3210",
  databaseUrl: "postgresql://postgres:rolo@127.0.0.1:54339/rolo_e2e",
  secret: "e2e-session-secret",
};
