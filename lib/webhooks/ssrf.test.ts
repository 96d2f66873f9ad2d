// The SSRF classification table: which addresses a webhook may be sent to, and the URL check.
import { afterEach, describe, expect, it } from "vitest";
import { isPublicAddress, targetProblem } from "./ssrf";

const allow = process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE;
afterEach(() => {
  if (allow === undefined) delete process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE;
  else process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE = allow;
});

describe("isPublicAddress", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "this network"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["100.64.0.1", "CGNAT"],
    ["100.127.255.254", "CGNAT"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["169.254.169.254", "link-local (cloud metadata)"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.0.0.8", "IETF assignments"],
    ["192.168.1.1", "private"],
    ["198.18.0.1", "benchmarking"],
    ["224.0.0.251", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["::", "IPv6 unspecified"],
    ["::1", "IPv6 loopback"],
    ["0:0:0:0:0:0:0:1", "IPv6 loopback, long form"],
    ["fc00::1", "unique local"],
    ["fd12:3456:789a::1", "unique local"],
    ["fe80::1", "link-local"],
    ["febf::1", "link-local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:7f00:1", "IPv4-mapped loopback (hex)"],
    ["::ffff:10.1.2.3", "IPv4-mapped private"],
    ["::ffff:169.254.169.254", "IPv4-mapped metadata"],
    ["64:ff9b::10.0.0.1", "NAT64 of a private address"],
    ["64:ff9b::a9fe:a9fe", "NAT64 of the metadata address"],
    ["2002:7f00:1::", "6to4 of loopback"],
    ["::127.0.0.1", "IPv4-compatible loopback"],
    ["not-an-ip", "not an address"],
  ])("refuses %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    ["8.8.8.8"],
    ["1.1.1.1"],
    ["93.184.215.14"],
    ["100.63.255.255"], // just below CGNAT
    ["100.128.0.0"], // just above CGNAT
    ["172.15.255.255"], // just below 172.16/12
    ["172.32.0.0"], // just above
    ["169.253.255.255"],
    ["223.255.255.255"], // last unicast before multicast
    ["2606:4700:4700::1111"],
    ["2001:4860:4860::8888"],
    ["::ffff:8.8.8.8"], // mapped public
    ["64:ff9b::8.8.8.8"], // NAT64 of a public address
    ["2002:0808:0808::"], // 6to4 of a public address
  ])("allows %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("targetProblem", () => {
  it.each([
    ["http://127.0.0.1:8080/hook", /127\.0\.0\.1 is not a public address/],
    ["http://0x7f.1/hook", /127\.0\.0\.1 is not a public address/], // URL normalises hex and integer forms
    ["http://2130706433/hook", /127\.0\.0\.1 is not a public address/],
    ["https://10.1.2.3/", /10\.1\.2\.3/],
    ["http://169.254.169.254/latest/meta-data/", /169\.254\.169\.254/],
    ["http://[::1]:3000/", /::1 is not a public address/],
    ["http://[::ffff:127.0.0.1]/", /not a public address/],
    ["http://localhost:9999/hook", /localhost resolves to (127\.0\.0\.1|::1), which is not a public address/],
    ["http://no-such-host.invalid/", /does not resolve/],
  ])("refuses %s", async (url, problem) => {
    delete process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE;
    expect(await targetProblem(url)).toMatch(problem);
  });

  it("accepts a public IP literal without asking DNS", async () => {
    delete process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE;
    expect(await targetProblem("https://93.184.215.14/hooks")).toBeNull();
    expect(await targetProblem("https://[2606:4700:4700::1111]/hooks")).toBeNull();
  });

  it.each(["1", "true", "TRUE"])("allows private targets when ROLO_WEBHOOKS_ALLOW_PRIVATE=%s", async (value) => {
    process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE = value;
    expect(await targetProblem("http://127.0.0.1:8080/hook")).toBeNull();
    expect(await targetProblem("http://localhost:9999/hook")).toBeNull();
  });

  it("ignores other values of the setting", async () => {
    process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE = "yes please";
    expect(await targetProblem("http://127.0.0.1/")).toMatch(/not a public address/);
  });
});
