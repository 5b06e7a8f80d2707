#!/usr/bin/env node
/*
 * What a reader downloads for a first search: node tests/browser/first-query.mjs SITE_DIR
 * PAGE QUERY. Serves the built site on a free localhost port, opens PAGE, types QUERY
 * into the search box and sums the bytes of every response from the first keystroke
 * until the results show (Pagefind's script, WebAssembly, metadata, index chunks and
 * the fragments of the shown results). Used by the benchmark (`--first-query`).
 */

import { chromium } from "playwright-core";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const [dir, pagePath, query] = process.argv.slice(2);
const root = fs.realpathSync(dir);
const server = http.createServer((req, res) => {
  const wanted = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = path.join(root, wanted);
  if (!file.startsWith(root)) return res.writeHead(400).end();
  if (wanted.endsWith("/")) file = path.join(file, "index.html");
  fs.readFile(file, (error, body) => {
    if (error) return res.writeHead(404).end();
    const type = file.endsWith(".html") ? "text/html" : file.endsWith(".js") ? "text/javascript" : "application/octet-stream";
    res.writeHead(200, { "content-type": type, "content-length": body.length }).end(body);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.WAYMARK_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  let phase = "page";
  const bytes = { page: 0, search: 0 };
  const files = [];
  page.on("requestfinished", async (request) => {
    const size = (await request.sizes()).responseBodySize;
    bytes[phase] += size;
    if (phase === "search") files.push(`${new URL(request.url()).pathname} ${size}`);
  });
  await page.goto(base + pagePath, { waitUntil: "networkidle" });
  phase = "search";
  await page.locator("#search-input").pressSequentially(query, { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll("#search-results [role=option]").length > 0, null, { timeout: 60000 });
  await page.waitForLoadState("networkidle");
  const results = await page.locator("#search-results [role=option]").count();
  console.log(files.join("\n"));
  console.log(`page load: ${(bytes.page / 1024).toFixed(1)} KB`);
  console.log(`first query "${query}": ${(bytes.search / 1024).toFixed(1)} KB in ${files.length} requests, ${results} results shown`);
} finally {
  await browser.close();
  server.close();
}
