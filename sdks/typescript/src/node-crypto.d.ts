// The two node:crypto functions src/webhooks.ts uses, typed here so that the SDK needs no
// @types/node (its other code must stay runtime-neutral). Not shipped: the public types do not
// mention node:crypto.
declare module "node:crypto" {
  interface Hmac {
    update(data: Uint8Array | string): Hmac;
    digest(): Uint8Array;
  }
  export function createHmac(algorithm: "sha256", key: Uint8Array): Hmac;
  export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}
