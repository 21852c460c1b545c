import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";

// The eligibility self-check, as a volunteer uses it on a phone and on a laptop, in both
// languages. The clock is fixed at 10/05/2024 in Hanoi so every date in the answers is known.

const NOW = new Date("2024-05-10T09:00:00+07:00");

const WORDS = {
  vi: {
    title: "Kiểm tra điều kiện",
    female: "Nữ",
    male: "Nam",
    birth: "Ngày sinh",
    weight: "Cân nặng (kg)",
    donated: "Bạn đã từng hiến máu chưa?",
    yes: "Rồi",
    lastDate: "Ngày hiến gần nhất",
    lastType: "Loại hiến lần đó",
    tattoo: "Xăm hình",
    tattooDate: "Ngày xăm",
    childbirth: "Sinh con",
    submit: "Kiểm tra",
    answer: "Kết quả cho ngày 10/05/2024",
    wholeBlood: "Máu toàn phần",
    platelets: "Gạn tách tiểu cầu",
    can: "Có thể hiến",
    cannot: "Chưa thể hiến vào ngày này",
    max500: "Thể tích tối đa: 500 ml",
    max250: "Thể tích tối đa: 250 ml",
    weight419: "41,9",
    underweight: "Cân nặng dưới 42 kg (nữ)",
    waiting: "Chờ thêm không làm thay đổi kết quả này.",
    tooSoon: "Chưa đủ 84 ngày kể từ lần hiến máu toàn phần ngày 10/04/2024",
    again: "Bạn có thể hiến lại từ ngày 03/07/2024.",
    young: "Dưới 18 tuổi: bạn đủ 18 tuổi vào ngày 22/11/2024",
    from18: "Bạn có thể hiến từ ngày 22/11/2024.",
    tattooReason: "Chưa đủ 6 tháng kể từ khi xăm hình (ngày 01/03/2024)",
    afterTattoo: "Bạn có thể hiến từ ngày 01/09/2024.",
    notANumber: "Hãy nhập cân nặng bằng số, ví dụ 52 hoặc 52,5.",
    fix: "Hãy sửa 1 ô được đánh dấu để xem kết quả.",
  },
  en: {
    title: "Eligibility",
    female: "Female",
    male: "Male",
    birth: "Date of birth",
    weight: "Weight (kg)",
    donated: "Have you given blood before?",
    yes: "Yes",
    lastDate: "Date of your last donation",
    lastType: "What you gave that time",
    tattoo: "A tattoo",
    tattooDate: "Date of the tattoo",
    childbirth: "Giving birth",
    submit: "Check",
    answer: "Your answer for 10/05/2024",
    wholeBlood: "Whole blood",
    platelets: "Platelets (apheresis)",
    can: "You can donate",
    cannot: "Not on this day",
    max500: "Largest volume: 500 ml",
    max250: "Largest volume: 250 ml",
    weight419: "41.9",
    underweight: "Under 42 kg (women)",
    waiting: "Waiting will not change this answer.",
    tooSoon: "Less than 84 days since you gave whole blood on 10/04/2024",
    again: "You can donate again from 03/07/2024.",
    young: "Under 18: you turn 18 on 22/11/2024",
    from18: "You can donate from 22/11/2024.",
    tattooReason: "Less than 6 months since the tattoo (01/03/2024)",
    afterTattoo: "You can donate from 01/09/2024.",
    notANumber: "Enter your weight as a number, for example 52 or 52.5.",
    fix: "Correct the marked field to see your answer.",
  },
};

type Lang = keyof typeof WORDS;
type Words = (typeof WORDS)[Lang];

/** Opens the page on 10/05/2024 in `lang`. */
async function open(page: Page, lang: Lang): Promise<Words> {
  await page.clock.setFixedTime(NOW);
  await page.goto("/eligibility");
  if (lang === "en") {
    await page.getByRole("group", { name: "Ngôn ngữ" }).getByRole("button", { name: "English" }).click();
  }
  const w = WORDS[lang];
  await expect(page.getByRole("heading", { level: 1, name: w.title })).toBeVisible();
  return w;
}

/** Fills sex, birth date and weight. */
async function person(page: Page, w: Words, sex: "female" | "male", birth: string, weight: string) {
  await page.getByRole("radio", { name: w[sex], exact: true }).check();
  await page.getByLabel(w.birth, { exact: true }).fill(birth);
  await page.getByLabel(w.weight).fill(weight);
}

function answer(page: Page, w: Words) {
  return page.getByRole("region", { name: w.answer });
}

function wholeBlood(page: Page, w: Words) {
  return answer(page, w).getByRole("region", { name: w.wholeBlood, exact: true });
}

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];

for (const viewport of VIEWPORTS) {
  for (const lang of ["vi", "en"] as const) {
    test.describe(`${lang}, ${viewport.width} px`, () => {
      test.use({ viewport });

      test("a 30-year-old man of 70 kg with no history may give up to 500 ml of whole blood", async ({ page }) => {
        const w = await open(page, lang);
        await person(page, w, "male", "1994-01-15", "70");
        await page.getByRole("button", { name: w.submit, exact: true }).click();
        await expect(page.getByRole("heading", { level: 2, name: w.answer })).toBeFocused();
        const whole = wholeBlood(page, w);
        await expect(whole).toContainText(w.can);
        await expect(whole).toContainText(w.max500);
        await expect(whole).toContainText("Thông tư 26/2013/TT-BYT, Điều 4.2a");
        await expect(whole).not.toContainText(w.cannot);
      });

      test("a woman of 41.9 kg reads why she cannot give whole blood, and at 42 kg she can", async ({ page }) => {
        const w = await open(page, lang);
        await person(page, w, "female", "1990-03-01", w.weight419);
        await page.getByRole("button", { name: w.submit, exact: true }).click();
        const whole = wholeBlood(page, w);
        await expect(whole).toContainText(w.cannot);
        await expect(whole.getByRole("listitem")).toContainText(w.underweight);
        await expect(whole.getByRole("listitem")).toContainText("Thông tư 26/2013/TT-BYT, Điều 4.2a");
        await expect(whole).toContainText(w.waiting);

        // The answer follows a changed field without a second press of the button.
        await page.getByLabel(w.weight).fill("42");
        await page.getByLabel(w.weight).press("Tab");
        await expect(whole).toContainText(w.can);
        await expect(whole).toContainText(w.max250);
        await expect(whole.getByRole("listitem")).toHaveCount(0);
      });

      test("whole blood given 30 days ago: the next date is 84 days after that donation", async ({ page }) => {
        const w = await open(page, lang);
        await person(page, w, "male", "1994-01-15", "70");
        await page.getByRole("group", { name: w.donated }).getByRole("radio", { name: w.yes }).check();
        await page.getByLabel(w.lastDate).fill("2024-04-10");
        await expect(page.getByLabel(w.lastType)).toHaveValue("0");
        await page.getByRole("button", { name: w.submit, exact: true }).click();
        const whole = wholeBlood(page, w);
        await expect(whole).toContainText(w.cannot);
        await expect(whole).toContainText(w.tooSoon);
        await expect(whole).toContainText("Điều 6.1");
        await expect(whole).toContainText(w.again);
        // The wait follows the most recent donation's type, whatever is given next.
        await expect(answer(page, w).getByRole("region", { name: w.platelets })).toContainText(w.again);
      });

      test("a 17-year-old sees the day of their 18th birthday", async ({ page }) => {
        const w = await open(page, lang);
        await person(page, w, "male", "2006-11-22", "60");
        await page.getByRole("button", { name: w.submit, exact: true }).click();
        const whole = wholeBlood(page, w);
        await expect(whole).toContainText(w.young);
        await expect(whole).toContainText("Thông tư 26/2013/TT-BYT, Điều 4.1");
        await expect(whole).toContainText(w.from18);
      });

      test("a weight of 'abc' is explained beside the field and nothing is answered", async ({ page }) => {
        const w = await open(page, lang);
        await person(page, w, "male", "1994-01-15", "abc");
        const weight = page.getByLabel(w.weight);
        await weight.press("Tab");
        await expect(weight).toHaveAttribute("aria-invalid", "true");
        await expect(weight).toHaveAccessibleDescription(new RegExp(w.notANumber.replace(/[.()]/g, "\\$&")));
        await expect(page.getByText(w.notANumber)).toBeVisible();

        await page.getByRole("button", { name: w.submit, exact: true }).click();
        await expect(weight).toBeFocused();
        await expect(page.getByRole("status").filter({ hasText: w.fix })).toBeVisible();
        await expect(answer(page, w)).toHaveCount(0);
      });
    });
  }
}

test.describe("on a laptop", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("a declared tattoo defers for 6 months, and birth questions are asked of women only", async ({ page }) => {
    const w = await open(page, "vi");
    await person(page, w, "male", "1990-03-01", "55");
    await expect(page.getByRole("checkbox", { name: w.childbirth })).toBeHidden();
    await page.getByRole("radio", { name: w.female, exact: true }).check();
    await expect(page.getByRole("checkbox", { name: w.childbirth })).toBeVisible();

    await expect(page.getByLabel(w.tattooDate)).toBeHidden();
    await page.getByRole("checkbox", { name: w.tattoo }).check();
    await page.getByLabel(w.tattooDate).fill("2024-03-01");
    await page.getByRole("button", { name: w.submit, exact: true }).click();
    const whole = wholeBlood(page, w);
    await expect(whole).toContainText(w.tattooReason);
    await expect(whole).toContainText("Điều 5.2a");
    await expect(whole).toContainText(w.afterTattoo);
  });

  test("switching language turns the answer into English", async ({ page }) => {
    const w = await open(page, "vi");
    await person(page, w, "male", "1994-01-15", "70");
    await page.getByRole("button", { name: w.submit, exact: true }).click();
    await expect(wholeBlood(page, w)).toContainText(w.max500);
    await page.getByRole("button", { name: "English" }).click();
    await expect(wholeBlood(page, WORDS.en)).toContainText(WORDS.en.max500);
  });

  test("the form works with the keyboard alone", async ({ page }) => {
    const w = await open(page, "en");
    const female = page.getByRole("radio", { name: w.female, exact: true });
    for (let i = 0; i < 40 && !(await female.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(female).toBeFocused();
    await page.keyboard.press("Space");
    await expect(female).toBeChecked();
    await page.keyboard.press("Tab");
    await expect(page.getByLabel(w.birth, { exact: true })).toBeFocused();
    await page.getByLabel(w.birth, { exact: true }).fill("1990-03-01");
    // Tab walks through the date's day, month and year, then on to the weight.
    const weight = page.getByLabel(w.weight);
    for (let i = 0; i < 4 && !(await weight.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(weight).toBeFocused();
    await page.keyboard.type("52,5");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 2, name: w.answer })).toBeFocused();
    await expect(wholeBlood(page, w)).toContainText("Largest volume: 472 ml");
  });
});

test("on a phone every control of the form is a touch target of at least 44 px", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const w = await open(page, "vi");
  await page.getByRole("radio", { name: w.female, exact: true }).check();
  await page.getByRole("group", { name: w.donated }).getByRole("radio", { name: w.yes }).check();
  await page.getByRole("checkbox", { name: w.tattoo }).check();
  const form = page.getByRole("form", { name: "Thông tin của bạn" });
  const controls = [
    ...(await form.getByRole("radio").all()),
    ...(await form.getByRole("checkbox").all()),
  ].map((c) => c.locator("xpath=ancestor::label[1]"));
  // Sex (2) and donated before (2), and the thirteen causes of Điều 5 asked of a woman.
  expect(controls).toHaveLength(17);
  controls.push(
    page.getByLabel(w.birth, { exact: true }),
    page.getByLabel(w.weight),
    page.getByLabel(w.lastDate),
    page.getByLabel(w.lastType),
    page.getByLabel(w.tattooDate),
    form.getByRole("button", { name: w.submit, exact: true }),
  );
  for (const control of controls) {
    if (!(await control.isVisible())) continue;
    const box = await control.boundingBox();
    expect(box!.height, await control.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  }
});

for (const width of [360, 1280]) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`no WCAG 2.1 AA violation with errors and with an answer at ${width}px, ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      const w = await open(page, "vi");
      const axe = () =>
        new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();

      await page.getByRole("button", { name: w.submit, exact: true }).click();
      await expect(page.getByRole("status").filter({ hasText: "Hãy sửa 3 ô" })).toBeVisible();
      expect((await axe()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

      await person(page, w, "female", "1990-03-01", w.weight419);
      await page.getByRole("group", { name: w.donated }).getByRole("radio", { name: w.yes }).check();
      await page.getByLabel(w.lastDate).fill("2024-04-10");
      await page.getByRole("checkbox", { name: w.tattoo }).check();
      await page.getByLabel(w.tattooDate).fill("2024-03-01");
      await page.getByLabel(w.weight).press("Tab");
      await expect(wholeBlood(page, w)).toContainText(w.underweight);
      expect((await axe()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    });
  }
}
