#!/usr/bin/env node
/*
 * The search box in a real browser, driven by `cargo test --test browser`:
 *
 *     node tests/browser/search.mjs EN_URL FI_URL
 *
 * EN_URL serves tests/fixtures/search, FI_URL tests/fixtures/search-fi (language "fi"),
 * both through `waymark serve`. Types queries and expects the right pages and sections,
 * including a word that appears only in a code block and Finnish inflected forms, drives
 * the results by keyboard, checks the ARIA combobox, axe-core with results open, phone
 * width, scripts disabled, and that no request leaves the machine.
 */

import { chromium } from "playwright-core";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const [english, finnish] = process.argv.slice(2).map((url) => (url.endsWith("/") ? url : url + "/"));
const failures = [];
const foreign = [];

function expect(condition, message) {
  if (!condition) failures.push(message);
  return condition;
}

const browser = await chromium.launch({
  executablePath: process.env.WAYMARK_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function newPage(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol !== "data:") foreign.push(request.url());
  });
  page.on("pageerror", (error) => failures.push(`script error on ${page.url()}: ${error.message}`));
  return page;
}

/* Types `query` into the box and waits for its results; returns what the reader sees. */
async function search(page, query) {
  const input = page.locator("#search-input");
  await input.fill("");
  await input.pressSequentially(query, { delay: 20 });
  await page.waitForFunction(
    (q) => document.querySelector(".search-status").textContent.includes(`${q}”`), // “…” in English, ”…” in Finnish
    query,
    { timeout: 10000 },
  ).catch(() => {});
  return page.evaluate(() => ({
    status: document.querySelector(".search-status").textContent,
    expanded: document.querySelector("#search-input").getAttribute("aria-expanded"),
    results: Array.from(document.querySelectorAll("#search-results [role=option]")).map((option) => ({
      id: option.id,
      href: new URL(option.href).pathname + new URL(option.href).hash,
      title: option.querySelector(".search-result-title").textContent,
      section: (option.querySelector(".search-result-section") || {}).textContent || null,
      marks: Array.from(option.querySelectorAll("mark")).map((mark) => mark.textContent.toLowerCase()),
    })),
  }));
}

async function check(name, body) {
  const before = failures.length;
  try {
    await body();
  } catch (error) {
    failures.push(`${name}: ${error.message.split("\n")[0]}`);
  }
  console.log(`${failures.length === before ? "ok  " : "FAIL"} search: ${name}`);
}

/* The index is built in the background after the preview starts: wait until it is served. */
async function indexReady(base) {
  for (let i = 0; i < 300; i++) {
    const response = await fetch(base + "_waymark/search/pagefind-entry.json").catch(() => null);
    if (response && response.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no search index at ${base} after 30 s`);
}

try {
  await indexReady(english);
  await indexReady(finnish);

  await check("'/' and Ctrl-K move focus to the search box", async () => {
    const page = await newPage();
    await page.goto(english + "access/permits/");
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement.id === "search-input"), "'/' did not focus the search box");
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    });
    expect(ring, "the focused search box has no visible focus ring");
    await page.keyboard.press("Escape");
    await page.locator("main").click();
    await page.keyboard.press("Control+k");
    expect(await page.evaluate(() => document.activeElement.id === "search-input"), "Ctrl-K did not focus the search box");
    await page.context().close();
  });

  await check("a word found only in a code block leads to its page and section", async () => {
    const page = await newPage();
    await page.goto(english);
    const seen = await search(page, "xrdpwrapper");
    expect(seen.status === "1 result for “xrdpwrapper”", `status says "${seen.status}"`);
    expect(seen.expanded === "true", "the combobox is not expanded while results show");
    const [first] = seen.results;
    expect(first && first.title === "Connect to the secure desktop", `first result: ${JSON.stringify(first)}`);
    expect(first && first.section === "Install the client", `section of the result: ${first && first.section}`);
    expect(first && first.href === "/access/connect/#install-the-client", `result links to ${first && first.href}`);
    expect(first && first.marks.includes("xrdpwrapper"), "the matched word is not highlighted");
    await page.context().close();
  });

  await check("issue 20: <mark> holds the matched word only, not the punctuation after it", async () => {
    const page = await newPage();
    await page.goto(english);
    // The fixture writes "run the installer:" with a colon after the word.
    const seen = await search(page, "installer");
    const marks = seen.results.flatMap((r) => r.marks);
    expect(marks.length > 0, `no highlighted word: ${JSON.stringify(seen.results)}`);
    expect(marks.includes("installer"), `"installer" is not highlighted: ${JSON.stringify(marks)}`);
    for (const mark of marks) expect(/^[\p{L}\p{N}]+$/u.test(mark), `the highlight is <mark>${mark}</mark>`);
    await page.context().close();
  });

  await check("titles, descriptions and tags are searchable; excluded pages are not", async () => {
    const page = await newPage();
    await page.goto(english);
    let seen = await search(page, "analysis");
    expect(seen.results[0] && seen.results[0].title === "Data permits", `"analysis" (in a description) found ${JSON.stringify(seen.results)}`);
    seen = await search(page, "authorisation");
    expect(seen.results[0] && seen.results[0].title === "Data permits", `"authorisation" (a tag) found ${JSON.stringify(seen.results)}`);
    seen = await search(page, "two-factor");
    expect(seen.results[0] && seen.results[0].href === "/access/connect/#sign-in-with-two-factor-authentication", `"two-factor" led to ${JSON.stringify(seen.results[0])}`);
    seen = await search(page, "quokkaphrase");
    expect(seen.results.length === 0 && seen.status === "No results for “quokkaphrase”", `an excluded page was found: ${JSON.stringify(seen)}`);
    // The navigation is not indexed: a sidebar-only title does not match other pages.
    seen = await search(page, "checklist");
    expect(seen.results.length === 0, `the sidebar was indexed: "checklist" found ${JSON.stringify(seen.results)}`);
    await page.context().close();
  });

  await check("results are chosen with the arrow keys and opened with Enter; Escape closes them", async () => {
    const page = await newPage();
    await page.goto(english);
    await page.keyboard.press("/");
    const seen = await search(page, "permit");
    expect(seen.results.length >= 1, `no results for "permit"`);
    await page.keyboard.press("ArrowDown");
    let state = await page.evaluate(() => ({
      active: document.querySelector("#search-input").getAttribute("aria-activedescendant"),
      selected: Array.from(document.querySelectorAll("[role=option][aria-selected=true]")).map((o) => o.id),
      focus: document.activeElement.id,
    }));
    expect(state.active === seen.results[0].id && state.selected.join() === seen.results[0].id, `after ArrowDown: ${JSON.stringify(state)}`);
    expect(state.focus === "search-input", "focus left the search box while choosing");
    if (seen.results.length > 1) {
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowUp");
      state = await page.evaluate(() => document.querySelector("#search-input").getAttribute("aria-activedescendant"));
      expect(state === seen.results[0].id, `ArrowDown then ArrowUp left ${state} active`);
    }
    const ring = await page.evaluate(() => {
      const option = document.querySelector("[role=option][aria-selected=true]");
      const style = getComputedStyle(option);
      return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    });
    expect(ring, "the chosen result has no visible focus ring");
    await page.keyboard.press("Escape");
    expect((await page.getAttribute("#search-input", "aria-expanded")) === "false", "Escape did not close the results");
    await page.keyboard.press("ArrowDown");
    await Promise.all([page.waitForURL((url) => url.pathname !== "/"), page.keyboard.press("Enter")]);
    expect(new URL(page.url()).pathname + new URL(page.url()).hash === seen.results[0].href, `Enter opened ${page.url()}, not ${seen.results[0].href}`);
    await page.context().close();
  });

  await check("moving past the last result shows the next ones", async () => {
    const page = await newPage();
    await page.goto(english);
    await page.keyboard.press("/");
    const seen = await search(page, "dataset");
    expect(seen.results.length === 8, `${seen.results.length} results shown at first, expected 8`);
    expect(seen.status === "12 results for “dataset”, showing 8; move past the last to see more", `status says "${seen.status}"`);
    for (let i = 0; i < 9; i++) await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => document.querySelectorAll("#search-results [role=option]").length === 12, null, { timeout: 5000 }).catch(() => {});
    const state = await page.evaluate(() => ({
      shown: document.querySelectorAll("#search-results [role=option]").length,
      active: document.querySelector("#search-input").getAttribute("aria-activedescendant"),
      status: document.querySelector(".search-status").textContent,
      ids: new Set(Array.from(document.querySelectorAll("#search-results [role=option]")).map((o) => o.id)).size,
    }));
    expect(state.shown === 12 && state.ids === 12, `after moving past the last: ${JSON.stringify(state)}`);
    expect(state.active === "search-result-8", `the ninth result is not the active one: ${state.active}`);
    expect(state.status === "12 results for “dataset”", `status then says "${state.status}"`);
    await page.context().close();
  });

  await check("axe-core finds no violations with results open, in light and dark", async () => {
    for (const colorScheme of ["light", "dark"]) {
      const page = await newPage({ colorScheme });
      await page.goto(english);
      await search(page, "desktop");
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      expect(violations.length === 0, `${colorScheme}: ${violations.join("; ")}`);
      await page.context().close();
    }
  });

  await check("at phone width the box opens across the header and results fit the screen", async () => {
    const page = await newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(english + "access/connect/");
    await page.keyboard.press("/");
    const seen = await search(page, "permit");
    expect(seen.results.length >= 1, "no results at phone width");
    const box = await page.evaluate(() => {
      const input = document.querySelector("#search-input").getBoundingClientRect();
      const panel = document.querySelector(".search-panel").getBoundingClientRect();
      return { input: input.width, left: panel.left, right: panel.right, scroll: document.documentElement.scrollWidth };
    });
    expect(box.input >= 280, `the search box is ${box.input}px wide while in use`);
    expect(box.left >= 0 && box.right <= 375, `the results overflow the screen: ${box.left}-${box.right}`);
    expect(box.scroll <= 375, `the page scrolls sideways: ${box.scroll}px`);
    await page.context().close();
  });

  await check("without JavaScript the search box is hidden", async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(english);
    expect(!(await page.locator(".search").isVisible()), "the search box shows although it cannot work");
    expect(await page.locator("main").isVisible(), "the page content is not shown");
    await page.context().close();
  });

  await check("Finnish: inflected forms find each other (stemming)", async () => {
    const page = await newPage();
    await page.goto(finnish);
    let seen = await search(page, "tietokanta");
    expect(seen.results[0] && seen.results[0].title === "Aineistojen käsittely", `"tietokanta" (page says "tietokannassa") found ${JSON.stringify(seen.results)}`);
    seen = await search(page, "luvalla");
    expect(seen.results[0] && seen.results[0].href === "/aineistot/#kayttooikeudet", `"luvalla" (page says "luvan") found ${JSON.stringify(seen.results)}`);
    seen = await search(page, "etätyöpöydälle");
    const titles = seen.results.map((r) => r.title).sort();
    expect(titles.join() === ["Tutkimusaineistojen opas", "Yhteyden avaaminen"].sort().join(), `"etätyöpöydälle" found ${JSON.stringify(titles)}`);
    await page.context().close();
  });

  await check("Finnish: a word on every page, inflected differently on each, finds every page", async () => {
    const page = await newPage();
    await page.goto(finnish);
    // The pages say "palvelun", "palvelussa" and "palveluun".
    const seen = await search(page, "palvelu");
    const titles = seen.results.map((r) => r.title).sort();
    const all = ["Aineistojen käsittely", "Tutkimusaineistojen opas", "Yhteyden avaaminen"];
    expect(titles.join() === all.join(), `"palvelu" found ${JSON.stringify(titles)}`);
    expect(seen.status === "3 tulosta haulle ”palvelu”", `status says "${seen.status}"`);
    await page.context().close();
  });

  await check("tags are filters that Pagefind's runtime reads from the index", async () => {
    const page = await newPage();
    await page.goto(finnish);
    const found = await page.evaluate(async (bundle) => {
      const pagefind = await import(bundle + "pagefind.js");
      await pagefind.init();
      const urls = async (filters) => {
        const search = await pagefind.search(null, { filters });
        return (await Promise.all(search.results.map((r) => r.data()))).map((d) => d.url).sort();
      };
      return {
        counts: await pagefind.filters(),
        privacy: await urls({ tag: "tietosuoja" }),
        remote: await urls({ tag: "etäyhteys" }),
        word: (await pagefind.search("avaa", { filters: { tag: "tietosuoja" } })).results.length,
      };
    }, finnish + "_waymark/search/");
    expect(JSON.stringify(found.counts) === JSON.stringify({ tag: { "etäyhteys": 1, tietosuoja: 2 } }), `filters: ${JSON.stringify(found.counts)}`);
    expect(found.privacy.join() === "/aineistot/,/yhteys/", `tag "tietosuoja": ${found.privacy}`);
    expect(found.remote.join() === "/yhteys/", `tag "etäyhteys": ${found.remote}`);
    expect(found.word === 1, `"avaa" among "tietosuoja" pages: ${found.word} results`);
    await page.context().close();
  });

  await check("no request goes to another host", async () => {
    expect(foreign.length === 0, `requests to other hosts: ${foreign.slice(0, 5).join(", ")}`);
  });
} finally {
  await browser.close();
}

for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(failures.length ? `search: ${failures.length} failed` : "search: ok");
process.exit(failures.length ? 1 : 0);
