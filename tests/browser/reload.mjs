#!/usr/bin/env node
/*
 * Live reload in a real browser (issue 6), driven by `cargo test --test browser`, which
 * starts `waymark serve` on a fixture and passes:
 *
 *   node tests/browser/reload.mjs URL FILE
 *
 * Opens URL, scrolls down, rewrites the Markdown FILE, and expects the page to reload by
 * itself, show the new text and keep its scroll position. Exits 0 only if all of that holds.
 */

import { chromium } from "playwright-core";
import fs from "node:fs";

const [url, file] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.WAYMARK_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 500 } });
  await page.goto(url, { waitUntil: "load" });
  // Give the page room to scroll, then scroll, so the position can be checked after reload.
  const tall = "\n\n" + Array.from({ length: 120 }, (_, i) => `Paragraph ${i} of filler text.`).join("\n\n") + "\n";
  const original = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, original + tall);
  await page.waitForFunction(() => document.body.innerText.includes("Paragraph 119 of filler text."), null, { timeout: 15000 });
  await page.evaluate(() => window.scrollTo(0, 600));
  await page.waitForTimeout(100);
  const before = await page.evaluate(() => window.scrollY);

  let reloaded = false;
  page.on("load", () => { reloaded = true; });
  fs.writeFileSync(file, original + "\nA sentence written after the page was opened.\n" + tall);
  await page.waitForFunction(() => document.body.innerText.includes("A sentence written after the page was opened."), null, { timeout: 15000 });
  await page.waitForLoadState("load");
  await page.waitForTimeout(200);
  const after = await page.evaluate(() => window.scrollY);
  if (!reloaded) failures.push("the page changed without a reload event");
  if (Math.abs(after - before) > 2) failures.push(`the scroll position was not kept: ${before} before, ${after} after`);
  const liveScripts = await page.locator("script[data-waymark-live-reload]").count();
  if (liveScripts !== 1) failures.push(`expected one live-reload script, found ${liveScripts}`);
} catch (error) {
  failures.push(String(error));
} finally {
  await browser.close();
}
for (const failure of failures) console.log(`FAIL live reload: ${failure}`);
console.log(failures.length ? "live reload: failed" : "live reload: ok");
process.exit(failures.length ? 1 : 0);
