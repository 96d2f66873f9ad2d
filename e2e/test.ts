// Playwright's test with Rolo fixtures: any console error fails the test, and `signIn` seeds a
// fresh workspace and signs its user in through the real login form.
import { expect, test as base, type Page } from "@playwright/test";
import { seedWorkspace, type Role } from "./fixtures";

type Seeded = Awaited<ReturnType<typeof seedWorkspace>>;

export const test = base.extend<{ consoleErrors: string[]; signIn: (role?: Role) => Promise<Seeded> }>({
  consoleErrors: [
    async ({ page }, provide) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        // 4xx answers the test provokes on purpose show up as failed resource loads.
        if (m.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await provide(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
  signIn: async ({ page }, provide) => {
    await provide(async (role = "owner") => {
      const seeded = await seedWorkspace(role);
      await login(page, seeded.user.email, seeded.user.password);
      return seeded;
    });
  },
});

export async function login(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/contacts/);
}

export { expect };
