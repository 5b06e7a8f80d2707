#!/usr/bin/env node
/*
 * The version selector of a site deployed with mike, driven by `cargo test --test
 * browser`: node tests/browser/versions.mjs SITE_DIR
 *
 * Serves the one built site as two versions, /1.0/ and /2.0/ (whose `only-old/` page is
 * missing), beside /versions.json, and as /plain/site/ with no versions.json. Checks the
 * selector's names and current version, the outdated notice, choosing a version by
 * keyboard (to the same page, or the version's home page where the page is missing), and
 * that nothing shows where there is no versions.json.
 */

import { chromium } from "playwright-core";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const AXE_SOURCE = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "node_modules/axe-core/axe.min.js"), "utf8");

const site = fs.realpathSync(path.resolve(process.argv[2]));
const versions = [
  { version: "2.0", title: "2.0", aliases: ["latest"] },
  { version: "1.0", title: "1.0 (old)", aliases: [] },
];

const server = http.createServer((req, res) => {
  const pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (pathname === "/versions.json") {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify(versions));
  }
  const match = pathname.match(/^\/(1\.0|2\.0|plain\/site)(\/.*)$/);
  if (!match || (match[1] === "2.0" && match[2].startsWith("/only-old/"))) {
    res.writeHead(404);
    return res.end("not found");
  }
  let file = path.join(site, match[2]);
  if (!file.startsWith(site)) { res.writeHead(403); return res.end(); }
  if (file.endsWith(path.sep)) file = path.join(file, "index.html");
  fs.readFile(file, (error, bytes) => {
    if (error) { res.writeHead(404); return res.end("not found"); }
    const type = file.endsWith(".html") ? "text/html" : file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "application/octet-stream";
    res.writeHead(200, { "content-type": type });
    res.end(req.method === "HEAD" ? undefined : bytes);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.WAYMARK_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const failures = [];
const expect = (ok, what) => { if (!ok) failures.push(what); };
try {
  const page = await browser.newPage();
  await page.goto(`${origin}/1.0/guide/setup/`);
  const selector = page.locator("details.versions");
  await selector.locator("a").first().waitFor({ state: "attached", timeout: 5000 });
  expect(await selector.isVisible(), "the selector is shown where versions.json is");
  const summary = selector.locator("summary");
  const current = await summary.locator(".versions-current").innerText();
  expect(current === "1.0 (old)", `the current version is shown: "${current}"`);
  const name = await summary.evaluate((el) => el.textContent.replace(/\s+/g, " ").trim());
  expect(name === "Version 1.0 (old)", `the summary's accessible text names what it is: "${name}"`);
  const links = await selector.locator("a").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href"), a.getAttribute("aria-current")]));
  expect(JSON.stringify(links) === JSON.stringify([["2.0 latest", `${origin}/2.0/`, null], ["1.0 (old)", `${origin}/1.0/`, "true"]]),
    `the versions, their aliases and the current one: ${JSON.stringify(links)}`);
  const notice = page.locator(".versions-outdated");
  expect(await notice.isVisible(), "an old version says it is outdated");
  expect(await notice.locator("a").evaluate((a) => a.href) === `${origin}/`, "the notice leads to the deployment's root");

  // Escape closes the open menu and puts focus back on its button; so does a click
  // elsewhere.
  await summary.focus();
  await page.keyboard.press("Enter");
  expect(await selector.evaluate((d) => d.open), "Enter opens the menu");
  await page.keyboard.press("Escape");
  expect(!(await selector.evaluate((d) => d.open)), "Escape closes the menu");
  expect(await summary.evaluate((s) => s === document.activeElement), "focus returns to the menu's button");
  await summary.click();
  await page.locator("main h1").click();
  expect(!(await selector.evaluate((d) => d.open)), "a click elsewhere closes the menu");

  // By keyboard: open the list, choose 2.0, arrive at the same page there.
  await summary.focus();
  await page.keyboard.press("Enter");
  // The open list and the notice pass axe's WCAG 2.1 A/AA rules.
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations.length === 0, `axe: ${violations.join("; ")}`);
  await selector.locator("a", { hasText: "2.0" }).focus();
  await Promise.all([page.waitForURL(`${origin}/2.0/guide/setup/`, { timeout: 5000 }), page.keyboard.press("Enter")]);
  await page.locator("details.versions a").first().waitFor({ state: "attached", timeout: 5000 });
  expect(await page.locator(".versions-current").innerText() === "2.0", "2.0 is now the current version");
  expect(!(await page.locator(".versions-outdated").isVisible()), "the latest version is not outdated");

  // A page the other version lacks: its home page.
  await page.goto(`${origin}/1.0/only-old/`);
  await page.locator("details.versions a").first().waitFor({ state: "attached", timeout: 5000 });
  await page.locator("details.versions summary").click();
  await Promise.all([page.waitForURL(`${origin}/2.0/`, { timeout: 5000 }), page.locator("details.versions a", { hasText: "2.0" }).click()]);

  // No versions.json: nothing is shown.
  await page.goto(`${origin}/plain/site/guide/setup/`, { waitUntil: "networkidle" });
  expect(!(await page.locator("details.versions").isVisible()), "no selector without versions.json");
  expect(!(await page.locator(".versions-outdated").isVisible()), "no notice without versions.json");
} catch (error) {
  failures.push(String(error));
} finally {
  await browser.close();
  server.close();
}
for (const failure of failures) console.log(`FAIL versions: ${failure}`);
console.log(failures.length ? "versions: failed" : "versions: ok");
process.exit(failures.length ? 1 : 0);
