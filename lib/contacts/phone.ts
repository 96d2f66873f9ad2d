// Phone numbers through libphonenumber-js: any common written form becomes E.164, national forms
// read in a default country (the workspace's, or an import's). Shared with the browser (forms).
import { getCountries, isSupportedCountry, parsePhoneNumberWithError, validatePhoneNumberLength, type CountryCode } from "libphonenumber-js/max";
import { z } from "zod";

export const DEFAULT_COUNTRY: CountryCode = "US";
export const PHONE_COUNTRIES = getCountries();

/** An ISO 3166-1 alpha-2 code that libphonenumber knows ("US", "GB", "DE", …). */
export const countrySchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v): v is CountryCode => isSupportedCountry(v), { error: "Use a two-letter country code such as US, GB or DE" });

const LENGTH_REASONS: Record<string, string> = { TOO_SHORT: "is too short for", TOO_LONG: "is too long for", INVALID_LENGTH: "has the wrong number of digits for" };

/** `(415) 555-0101` with US, `020 7946 0018` with GB, `+44 (0)20 7946 0018` → E.164; else why not. */
export function normalizePhone(input: string, country: string = DEFAULT_COUNTRY): { phone: string } | { error: string } {
  const text = input.trim();
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  if (!text) return { error: '"" is not a phone number' };
  if (text.length > 64) return { error: `"${shown}" is too long for a phone number` };
  const readIn = isSupportedCountry(country) ? country : DEFAULT_COUNTRY;
  try {
    const parsed = parsePhoneNumberWithError(text, readIn);
    if (parsed.isValid()) return { phone: parsed.number };
    const where = text.startsWith("+") || text.startsWith("00") ? `+${parsed.countryCallingCode}` : readIn;
    const length = validatePhoneNumberLength(text, readIn);
    const reason = length && LENGTH_REASONS[length] ? `${LENGTH_REASONS[length]} a` : "is not a valid";
    return { error: `"${shown}" ${reason} ${where} number` };
  } catch (error) {
    const reason = LENGTH_REASONS[(error as Error).message];
    return { error: reason ? `"${shown}" ${reason} a ${readIn} number` : `"${shown}" is not a phone number` };
  }
}
