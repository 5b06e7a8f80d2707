#!/usr/bin/env node
/*
 * A built site opened straight from disk (file: URLs), driven by `cargo test --test
 * browser`: node tests/browser/file-links.mjs SITE_DIR
 *
 * Clicks a sidebar link, then "next", and expects real pages each time (not folder
 * listings): the theme's script sends folder links to their index.html on file: pages.
 */

import { chromium } from "playwright-core";
import path from "node:path";

const site = path.resolve(process.argv[2]);
const browser = await chromium.launch({
  executablePath: process.env.WAYMARK_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const failures = [];
try {
  const page = await browser.newPage();
  await page.goto("file://" + path.join(site, "index.html"));
  for (const selector of ["#sidebar a[href]:not([aria-current])", "a[rel=next]"]) {
    const before = page.url();
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
    const url = page.url();
    const isPage = await page.locator("main#content").count();
    if (!url.endsWith("/index.html") || isPage !== 1) failures.push(`clicking ${selector} on ${before} led to ${url}, not a page`);
  }
} catch (error) {
  failures.push(String(error));
} finally {
  await browser.close();
}
for (const failure of failures) console.log(`FAIL opened from disk: ${failure}`);
console.log(failures.length ? "opened from disk: failed" : "opened from disk: ok");
process.exit(failures.length ? 1 : 0);
