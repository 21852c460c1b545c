import AxeBuilder from "@axe-core/playwright";
import { test, expect, ALL_PATHS } from "./fixtures";

// axe-core with the WCAG 2.0/2.1 A and AA rules, on every page, at a phone width and a laptop
// width, in both colour schemes, with the phone menu open so its links are checked too.
const WIDTHS = [360, 1280];
const SCHEMES = ["light", "dark"] as const;

for (const width of WIDTHS) {
  for (const colorScheme of SCHEMES) {
    test(`no WCAG 2.1 AA violation on any page at ${width}px, ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      for (const path of ALL_PATHS) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const menu = page.getByRole("button", { name: "Danh mục" });
        if (await menu.isVisible()) await menu.click();
        const results = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
          .analyze();
        const found = results.violations.map((v) => `${path}: ${v.id} (${v.nodes.length}) ${v.help}`);
        expect(found, `axe violations on ${path}`).toEqual([]);
      }
    });
  }
}
