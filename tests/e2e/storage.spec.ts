import { test, expect, fillStorage } from "./fixtures";
import type { Page } from "@playwright/test";

// Data lives in localStorage: it survives reloads, bad values are set aside and reported, a
// full store refuses a change without losing anything, and two tabs see each other's changes.

async function loadSample(page: Page) {
  await page.goto("/organizer/data");
  await page.getByRole("button", { name: "Nạp chiến dịch mẫu" }).click();
  await expect(page.getByText("Đã nạp chiến dịch mẫu.")).toBeVisible();
}

/** Loads the sample campaign and cuts one pledge shard short; returns its key. */
async function damagedShard(page: Page) {
  await loadSample(page);
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("hienmau/pledges/"))!;
    localStorage.setItem(key, '{"v":2,"r":[["truncated');
    return key;
  });
}

/** The "Stored" counts on the Data page, by label. */
function count(page: Page, label: string) {
  return page.locator(".counts div", { hasText: label }).locator("dd");
}

test("the sample campaign is stored and a reload shows all of it again", async ({ page }) => {
  await loadSample(page);
  await expect(count(page, "Người hiến")).toHaveText("1.114");
  await expect(count(page, "Lượt đăng ký")).toHaveText("1.288");
  await page.reload();
  await expect(count(page, "Chiến dịch")).toHaveText("2");
  await expect(count(page, "Đợt hiến máu")).toHaveText("2");
  await expect(count(page, "Người hiến")).toHaveText("1.114");
  await expect(count(page, "Lượt đăng ký")).toHaveText("1.288");
  await expect(page.getByRole("meter", { name: "Dung lượng đã dùng" })).toBeVisible();
  await expect(page.getByText(/Đã dùng [\d.]+ trên 5\.242\.880 ký tự/)).toBeVisible();
});

test("a corrupted stored value is reported, kept aside for download, and the rest works", async ({ page }) => {
  const victim = await damagedShard(page);
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "không đọc được" })).toBeVisible();
  const quarantine = page.getByRole("region", { name: "Dữ liệu không đọc được" });
  await expect(quarantine.getByText(victim)).toBeVisible();
  const kept = await page.evaluate((k) => localStorage.getItem("hienmau/quarantine/" + k), victim);
  expect(kept).toBe('{"v":2,"r":[["truncated');
  const download = page.waitForEvent("download");
  await quarantine.getByRole("button", { name: "Tải về" }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(text).toString("utf8")).toBe('{"v":2,"r":[["truncated');
  await expect(count(page, "Người hiến")).toHaveText("1.114");
  await expect(count(page, "Chiến dịch")).toHaveText("2");
});

test("the eligibility self-check and a shared drive start without reading the stored records", async ({ page }) => {
  // Guards these two pages parsing every stored donor and pledge at start (about 1 s on a
  // phone with a full store), though they show none: a damaged value stays where it is until a
  // page that reads records opens.
  const victim = await damagedShard(page);
  for (const [path, heading] of [
    ["/eligibility", "Kiểm tra điều kiện"],
    ["/d", "Đợt hiến máu được chia sẻ"],
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "không đọc được" })).toHaveCount(0);
    expect(await page.evaluate((k) => localStorage.getItem(k), victim)).toBe('{"v":2,"r":[["truncated');
  }
  await page.goto("/drives");
  await expect(page.getByRole("status").filter({ hasText: "không đọc được" })).toBeVisible();
  expect(await page.evaluate((k) => localStorage.getItem("hienmau/quarantine/" + k), victim)).toBe('{"v":2,"r":[["truncated');
});

test("when storage is full a change is refused with how full it is, and nothing is lost", async ({ page }) => {
  await page.goto("/organizer/data");
  // The app (not the first paint) is running and has found working storage before it fills up.
  const sample = page.getByRole("button", { name: "Nạp chiến dịch mẫu" });
  await expect(sample).toBeVisible();
  await fillStorage(page);
  await sample.click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Chưa lưu được thay đổi vừa rồi");
  await expect(alert).toContainText(/đã dùng (99|100),\d %/);
  await expect(count(page, "Lượt đăng ký")).toHaveText("0");
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("hienmau/pledges/")).length);
  expect(stored).toBe(0);
});

test("a second tab shows what the first one stored, without a reload", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await second.goto("/organizer/data");
  await expect(count(second, "Lượt đăng ký")).toHaveText("0");
  await loadSample(first);
  await expect(count(second, "Lượt đăng ký")).toHaveText("1.288");
  await expect(count(second, "Chiến dịch")).toHaveText("2");
});

test("wiping needs the typed word and then leaves nothing of the app on the device", async ({ page }) => {
  await loadSample(page);
  const wipe = page.getByRole("button", { name: "Xóa toàn bộ dữ liệu" });
  await expect(wipe).toBeDisabled();
  await page.getByLabel("Gõ XÓA để xác nhận").fill("xoa");
  await expect(wipe).toBeDisabled();
  await page.getByLabel("Gõ XÓA để xác nhận").fill("XÓA");
  await wipe.click();
  await expect(page.getByText("Đã xóa toàn bộ dữ liệu trên thiết bị này.")).toBeVisible();
  await expect(count(page, "Lượt đăng ký")).toHaveText("0");
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("hienmau/")));
  expect(left).toEqual([]);
  await page.reload();
  await expect(count(page, "Chiến dịch")).toHaveText("0");
});

test("a backup downloaded, wiped and imported back restores everything; a wrong file changes nothing", async ({ page }, testInfo) => {
  await loadSample(page);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Tải bản sao lưu" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^hien-mau-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const path = testInfo.outputPath("backup.json");
  await file.saveAs(path);

  await page.getByLabel("Gõ XÓA để xác nhận").fill("XÓA");
  await page.getByRole("button", { name: "Xóa toàn bộ dữ liệu" }).click();
  await expect(count(page, "Lượt đăng ký")).toHaveText("0");

  const garbled = testInfo.outputPath("garbled.json");
  const fs = await import("node:fs");
  fs.writeFileSync(garbled, fs.readFileSync(path, "utf8").slice(0, 5000));
  await page.getByLabel("Chọn tệp sao lưu để nhập").setInputFiles(garbled);
  await expect(page.getByText("Tệp này không phải bản sao lưu của ứng dụng, hoặc đã bị cắt cụt. Không có gì bị thay đổi.")).toBeVisible();
  await expect(count(page, "Lượt đăng ký")).toHaveText("0");

  await page.getByLabel("Chọn tệp sao lưu để nhập").setInputFiles(path);
  await expect(page.getByText(/Tệp này có [\d.]+ bản ghi mới, 0 bản ghi cập nhật \(bản trong tệp mới hơn\) và 0 bản ghi không đổi/)).toBeVisible();
  await page.getByRole("button", { name: "Nhập dữ liệu" }).click();
  await expect(page.getByText("Đã nhập dữ liệu từ bản sao lưu.")).toBeVisible();
  await expect(count(page, "Người hiến")).toHaveText("1.114");
  await expect(count(page, "Lượt đăng ký")).toHaveText("1.288");
  await page.reload();
  await expect(count(page, "Lượt đăng ký")).toHaveText("1.288");

  // The same file again changes nothing.
  await page.getByLabel("Chọn tệp sao lưu để nhập").setInputFiles(path);
  await expect(page.getByText(/Tệp này có 0 bản ghi mới, 0 bản ghi cập nhật/)).toBeVisible();
});

test("a backup with a second 2024 campaign previews the conflict and restores nothing; an absurd baseline is refused by name", async ({ page }, testInfo) => {
  // Issue 21: such a file previewed as "1 new", restored, and the next start set the whole
  // set-up aside (no drives, no sites); a baseline of 2^63 - 1 thousandths read as negative.
  const fs = await import("node:fs");
  const sample = JSON.parse(fs.readFileSync("src/ui/sample-campaign.json", "utf8"));
  const write = (name: string, setup: string) => {
    const path = testInfo.outputPath(name);
    fs.writeFileSync(path, JSON.stringify({ ...sample, values: { "hienmau/setup": setup } }));
    return path;
  };
  const setup: string = sample.values["hienmau/setup"];
  const otherId = write("other-id.json", setup.replaceAll("c2024", "c2024-other"));
  const absurd = write("absurd.json", setup.replace(/"baseline":\d+/, '"baseline":9223372036854775807'));

  await page.goto("/organizer/data");
  await page.getByLabel("Chọn tệp sao lưu để nhập").setInputFiles(absurd);
  await expect(page.getByRole("status").filter({ hasText: "Vượt giới hạn: tối đa 10.000.000 đơn vị máu" })).toBeVisible();
  await expect(count(page, "Chiến dịch")).toHaveText("0");

  await loadSample(page);
  await page.getByLabel("Chọn tệp sao lưu để nhập").setInputFiles(otherId);
  await expect(page.getByRole("alert")).toHaveText(
    "Đã có chiến dịch năm 2024 với mã khác. Tệp này không thể gộp với dữ liệu ở đây; không có gì được khôi phục.",
  );
  await expect(page.getByRole("button", { name: "Nhập dữ liệu" })).toHaveCount(0);
  await page.reload();
  await expect(count(page, "Chiến dịch")).toHaveText("2");
  await expect(count(page, "Đợt hiến máu")).toHaveText("2");
});
