// Before Playwright runs: provide a Chromium (see ensureChromium) or stop with what to install.
import { ensureChromium } from "./toolchains";

try {
  await ensureChromium();
} catch (error) {
  console.error(`\n${(error as Error).message}\n`);
  process.exit(1);
}
