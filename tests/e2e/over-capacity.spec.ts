import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";

// Two desks each booked the last place of a one-place slot while offline; sync kept both
// pledges (issue 17). Stored here as this device would hold them after the merge: a drive on
// Tuesday 14 May 2024 at Hội trường A, 08:00-09:00 with 1 place and 09:00-10:00 with 2, and
// Lan and Minh both in the 08:00 slot. The set-up is stored as an app without record versions
// wrote it (no "version", no "removed"): it still reads.
const SETUP =
  '{"v":2,"r":{"campaigns":{"c2024":{"id":"c2024","year":2024,"name":"Hiến máu tình nguyện 2024","baseline":0,"growth_bp":0,"slogans":[],"partner":"","ml_per_unit":250,"notes":""}},"sites":{"hoi-truong-a":{"id":"hoi-truong-a","name":"Hội trường A","address":"1 Tràng Thi","district":"Hoàn Kiếm","kind":"Venue"}},"units":{},"drives":{"dot-thu":{"id":"dot-thu","campaign":"c2024","name":"Đợt thử","start":"2024-05-14","end":"2024-05-14","sites":[{"site":"hoi-truong-a","template":[{"start":"08:00","end":"09:00","capacity":1},{"start":"09:00","end":"10:00","capacity":2}],"overrides":{}}],"status":"Open"}}}}';
const STORED: Record<string, string> = {
  "hienmau/setup": SETUP,
  "hienmau/donors/1e":
    '{"v":2,"r":[["donor-0","Nguyễn Thị Lan",0,"1990-01-20",600,"0912345678",null,0,0,null,[],"lw38enls"]]}',
  "hienmau/donors/31":
    '{"v":2,"r":[["donor-1","Trần Văn Minh",1,"1990-01-20",600,"0987111222",null,0,0,null,[],"lw38enlt"]]}',
  "hienmau/pledges/d.dot-thu.hoi-truong-a/2024-05-14":
    '{"v":2,"r":[["pledge-0","donor-0","08:00",0,350,"P",0,"lw38enls","lw38enls"],["pledge-1","donor-1","08:00",0,350,"P",0,"lw38enm2","lw38enm2"]]}',
};

/** The device at `at` (Hanoi time) holding the merged data. */
async function afterTheMerge(page: Page, at: string) {
  await page.clock.setFixedTime(new Date(at));
  await page.addInitScript((values) => {
    if (localStorage.getItem("hienmau/setup") === null) {
      for (const [k, v] of Object.entries(values)) localStorage.setItem(k, v);
    }
  }, STORED);
}

async function openTheSlot(page: Page) {
  await page.goto("/organizer/schedule");
  const over = page.getByRole("region", { name: "Khung giờ quá chỗ" });
  await expect(over).toContainText("Thứ Ba 14/05/2024 · Hội trường A · 08:00–09:00: 2 người / 1 chỗ");
  await over.getByRole("button", { name: "Xem khung giờ" }).click();
  const flag = page.getByRole("group", { name: "Quá chỗ: 2 người cho 1 chỗ." });
  await expect(flag).toBeVisible();
  return { over, flag };
}

test("a slot with two pledges for one place is flagged at the desk and on the schedule, and moving a donor resolves it", async ({
  page,
}) => {
  await afterTheMerge(page, "2024-05-14T07:00:00+07:00");
  await page.goto("/organizer/check-in");
  const desk = page.getByRole("note");
  await expect(desk).toContainText("⚠ Khung 08:00–09:00: 2 người đăng ký cho 1 chỗ (quá chỗ).");
  await expect(page.locator(".desk-row")).toHaveCount(2);
  await desk.getByRole("link", { name: /Xử lý ở trang Lịch trình/ }).click();

  const { over, flag } = await openTheSlot(page);
  await flag.getByLabel("Chuyển Trần Văn Minh sang").selectOption({ label: "09:00–10:00 (2 chỗ trống)" });
  await flag
    .locator(".over-move", { hasText: "Trần Văn Minh" })
    .getByRole("button", { name: "Chuyển" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Đã chuyển Trần Văn Minh sang 09:00." })).toBeVisible();
  await expect(over).toHaveCount(0);
  await expect(flag).toHaveCount(0);
  const slots = page.locator(".agenda-slot");
  await expect(slots.nth(0).locator("strong")).toHaveText("1 / 1");
  await expect(slots.nth(1).locator("strong")).toHaveText("1 / 2");

  // Stored: after a reload nothing is over capacity, at the desk either.
  await page.goto("/organizer/check-in");
  await expect(page.locator(".desk-row")).toHaveCount(2);
  await expect(page.getByRole("note")).toHaveCount(0);
});

test("accepting the extra place raises that day's capacity of the slot to the pledges it holds, in English too", async ({
  page,
}) => {
  await afterTheMerge(page, "2024-05-13T08:00:00+07:00");
  await openTheSlot(page);
  await page.getByRole("button", { name: "English" }).click();
  const over = page.getByRole("region", { name: "Slots over capacity" });
  await expect(over).toContainText("Tuesday 14/05/2024 · Hội trường A · 08:00–09:00: 2 pledges / 1 place");
  const flag = page.getByRole("group", { name: "Over capacity: 2 pledges for 1 place." });
  await expect(flag.getByLabel("Move Nguyễn Thị Lan to")).toBeVisible();
  await flag.getByRole("button", { name: "Accept the extra place (2 places)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Extra place accepted: 08:00–09:00 now has 2 places." })).toBeVisible();
  await expect(over).toHaveCount(0);
  await expect(flag).toHaveCount(0);
  await expect(page.locator(".agenda-slot").first().locator("strong")).toHaveText("2 / 2");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Schedule" })).toBeVisible();
  await expect(page.locator(".agenda-slot").first().locator("strong")).toHaveText("2 / 2");
  await expect(page.getByRole("region", { name: "Slots over capacity" })).toHaveCount(0);
});
