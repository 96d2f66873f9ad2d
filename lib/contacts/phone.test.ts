import { describe, expect, it } from "vitest";
import { countrySchema, normalizePhone } from "./phone";
import { contactSchemasIn, phoneSchema } from "./schemas";

describe("normalizePhone", () => {
  it.each([
    ["(415) 555-0101", "US", "+14155550101"],
    ["415.555.0101", "US", "+14155550101"],
    ["020 7946 0018", "GB", "+442079460018"],
    ["+44 (0)20 7946 0018", "US", "+442079460018"],
    ["0171 2345678", "DE", "+491712345678"],
    ["0049 30 1234567", "DE", "+49301234567"],
    ["+1 415 555 0101 ext. 12", "US", "+14155550101"],
    ["+14155551234", "FR", "+14155551234"],
  ])("%s in %s → %s", (input, country, e164) => {
    expect(normalizePhone(input, country)).toEqual({ phone: e164 });
  });

  it.each([
    ["12", "US", '"12" is too short for a US number'],
    ["call me", "US", '"call me" is not a phone number'],
    ["0171 2345678", "US", '"0171 2345678" is too long for a US number'],
    ["+1 555 555 5555", "US", '"+1 555 555 5555" is not a valid +1 number'],
    ["", "US", '"" is not a phone number'],
  ])("%s in %s is refused: %s", (input, country, error) => {
    expect(normalizePhone(input, country)).toEqual({ error });
  });
});

describe("the contact schema reads phones in a country", () => {
  it("US by default, another country when asked", () => {
    expect(phoneSchema.parse("(415) 555-0101")).toBe("+14155550101");
    expect(contactSchemasIn("GB").create.parse({ phone: "020 7946 0018" }).phone).toBe("+442079460018");
    expect(contactSchemasIn("GB").update.parse({ phone: "020 7946 0018" }).phone).toBe("+442079460018");
    const invalid = contactSchemasIn("US").create.safeParse({ phone: "020 7946 0018" });
    expect(invalid.success).toBe(false);
    expect(invalid.error?.issues[0]).toMatchObject({ path: ["phone"], message: 'Must be a valid phone number: "020 7946 0018" is too long for a US number' });
  });

  it("country codes are checked", () => {
    expect(countrySchema.parse("gb")).toBe("GB");
    expect(countrySchema.safeParse("XX").success).toBe(false);
    expect(countrySchema.safeParse("USA").success).toBe(false);
  });
});
