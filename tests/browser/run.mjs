#!/usr/bin/env node
/*
 * Browser tests of Waymark's default theme (issues 3 and 8), driven by `cargo test --test
 * browser` (tests/browser.rs), which builds the sites and passes their folders here:
 *
 *   node tests/browser/run.mjs [options] NAME=DIR[@BASE] ...
 *
 *   NAME          one of the sites described in SITES below (guide, tutorial, basic, browser)
 *   DIR           the built site; it is served on a free 127.0.0.1 port, only files inside it
 *   BASE          the URL path the site expects to live under (`/guide/`); by default it is
 *                 read from the root-relative asset links of the site's 404.html, else `/`
 *   --only RE     run only the checks whose name matches the regular expression
 *   --vnu NAME    also validate every HTML file of that site with the Nu HTML Checker
 *                 (repeatable; needs `java`)
 *   --screenshots DIR     where screenshots go (default tests/browser/screenshots)
 *   --readme-screenshot FILE   also write the README's desktop screenshot there
 *
 * Environment: WAYMARK_CHROMIUM overrides /usr/bin/chromium.
 *
 * Every check prints `ok` or `FAIL` with the reasons; the last line is a summary. The exit
 * status is 0 only when every check passed.
 */

import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const STARTED = Date.now();
const CHROMIUM = process.env.WAYMARK_CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const AXE_SOURCE = fs.readFileSync(path.join(HERE, "node_modules/axe-core/axe.min.js"), "utf8");
const VNU_JAR = path.join(HERE, "node_modules/vnu-jar/build/dist/vnu.jar");
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const LANES = Math.max(1, Number(process.env.WAYMARK_BROWSER_LANES) || 2);

/* ---- What each site is tested on ------------------------------------------------------ */

/*
 * Pages by role. `home`, `page` and `notFound` exist on every site; tutorial sites add
 * `overview` and `step` (a step that is on several paths and has path passages), and
 * `stepChosen` (the same step with `?path=`). `code` is a page with code blocks;
 * `dialect` names the pages with the MkDocs Material constructs (tabs, collapsible
 * blocks, a mermaid diagram) that the dialect checks use.
 */
const SITES = {
  guide: {
    pages: {
      home: "",
      page: "waymark/markdown/",
      overview: "register-data/",
      step: "register-data/create-project/",
      stepChosen: "register-data/create-project/?path=register",
      notFound: "no/such/page/",
    },
    code: "waymark/markdown/",
    tutorials: [{ overview: "register-data/" }],
    screenshots: ["", "register-data/create-project/?path=national", "waymark/markdown/", "account/connect/"],
    readme: "register-data/create-project/?path=national",
    documented: { "register-data/create-project/?path=national": "step", "account/connect/": "reference" },
    /* Issue 20: what readers notice (header at 375 px, menu with the banner, copy buttons,
       contents on phones, shared steps, breadcrumbs, back to top, favicon and footer). */
    reader: {
      home: "",
      page: "account/connect/",
      step: "register-data/create-project/?path=national",
      stepChosen: "register-data/create-project/?path=national",
      sharedStep: "register-data/create-project/",
      code: ["account/connect/", "waymark/markdown/"],
      deep: { rel: "account/connect/", trail: ["Home", "Your account", "Connect to the secure desktop"] },
      long: "waymark/markdown/",
      copyright: "© The Kestrel team",
      updated: true,
    },
  },
  tutorial: {
    pages: {
      home: "",
      page: "access/background/",
      overview: "access/",
      step: "access/account/",
      stepChosen: "access/account/?path=national",
      notFound: "missing/",
    },
    tutorials: [{ overview: "access/" }],
    screenshots: ["access/", "access/account/?path=register"],
  },
  basic: {
    pages: {
      home: "",
      page: "guide/setup/",
      faq: "faq/",
      options: "guide/advanced/options/",
      notFound: "missing/",
    },
    code: "guide/setup/",
    tutorials: [],
    screenshots: ["guide/setup/"],
  },
  browser: {
    pages: {
      home: "",
      page: "components/",
      overview: "install/",
      step: "install/download/",
      stepChosen: "install/download/?path=server",
      single: "quick/first/",
      languages: "reference/languages/",
      dialect: "dialect/",
      linked: "dialect/linked/",
      notFound: "missing/",
    },
    code: "components/",
    tutorials: [{ overview: "install/" }, { overview: "quick/" }],
    screenshots: ["components/", "install/download/?path=laptop", "dialect/"],
    reader: {
      home: "",
      page: "components/",
      step: "install/download/?path=laptop",
      stepChosen: "install/download/?path=laptop",
      sharedStep: "install/download/",
      code: ["components/"],
      deep: { rel: "reference/languages/", trail: ["Home", "Reference", "Code in many languages"] },
      long: "components/",
    },
    /* The MkDocs dialect: `page` has three tab sets (one in an admonition) labelled
       Linux/Windows (the first also macOS), a closed and an open collapsible block and a
       mermaid diagram; `linked` has one Linux/Windows set and no diagram. */
    dialect: { page: "dialect/", linked: "dialect/linked/", noDiagram: ["dialect/linked/", "components/", ""] },
  },
  /* Issue 17: sections without index pages, nested three deep, and a section of 55 pages
     (more than a page's sidebar lists). `navTree` names what the tree checks use. */
  nav: {
    pages: {
      home: "",
      page: "guide/intro/",
      section: "guide/advanced/",
      long: "reference/item-30/",
      notFound: "missing/",
    },
    tutorials: [],
    screenshots: [],
    navTree: {
      start: "guide/intro/",
      current: "Introduction",
      // A collapsed section far from the start page, with the page to follow in it.
      far: { section: "Reference", page: "Reference item 1", url: "reference/item-01/" },
      // A section inside collapsed sections: the pointer opens each, then follows the page.
      nested: { sections: ["Guide", "Advanced", "Deep"], page: "Far away", url: "guide/advanced/deep/far-away/" },
    },
  },
};

/* ---- Command line ------------------------------------------------------------------------ */

function parseArgs(argv) {
  const options = { sites: [], vnu: [], only: null, screenshots: path.join(HERE, "screenshots"), readme: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === "--only") options.only = new RegExp(value());
    else if (arg === "--vnu") options.vnu.push(value());
    else if (arg === "--screenshots") options.screenshots = path.resolve(value());
    else if (arg === "--readme-screenshot") options.readme = path.resolve(value());
    else if (arg === "-h" || arg === "--help") usage(null);
    else if (arg.startsWith("-")) usage(`unknown option ${arg}`);
    else {
      const match = /^([a-z]+)=(.+?)(?:@(\/.*))?$/.exec(arg);
      if (!match) usage(`expected NAME=DIR[@BASE], got ${arg}`);
      const [, name, dir, given] = match;
      if (!SITES[name]) usage(`unknown site ${name}; known: ${Object.keys(SITES).join(", ")}`);
      if (!fs.existsSync(path.join(dir, "index.html"))) usage(`${dir} has no index.html`);
      const base = given || detectBase(dir);
      options.sites.push({ name, dir: path.resolve(dir), base: base.endsWith("/") ? base : base + "/", ...SITES[name] });
    }
  }
  for (const name of options.vnu) {
    if (!options.sites.some((s) => s.name === name)) usage(`--vnu ${name}: no such site given`);
  }
  if (!options.sites.length) usage("no site given");
  return options;
}

/* The 404 page links its assets from the site root (`/guide/_waymark/waymark.css`), since
   it is served at any depth: that prefix is where the site expects to live. */
function detectBase(dir) {
  try {
    const html = fs.readFileSync(path.join(dir, "404.html"), "utf8");
    const match = /href="(\/[^"]*?)_waymark\/waymark\.css"/.exec(html);
    if (match) return match[1];
  } catch {
    /* no 404 page */
  }
  return "/";
}

function usage(problem) {
  const text = fs.readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0];
  if (problem) console.error(`run.mjs: ${problem}`);
  console.error(text.replace(/^\/\*\n|^ ?\*/gm, ""));
  process.exit(problem ? 2 : 0);
}

/* ---- A static file server that serves one folder and nothing outside it ----------------- */

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".pdf": "application/pdf",
  ".woff2": "font/woff2",
};

function serve(site) {
  const root = fs.realpathSync(site.dir);
  const inside = (file) => file === root || file.startsWith(root + path.sep);
  const send = (res, status, type, body, head) => {
    res.writeHead(status, { "content-type": type, "content-length": body.length, "cache-control": "no-store" });
    res.end(head ? undefined : body);
  };
  const notFound = (res, head) => {
    const page = path.join(root, "404.html");
    if (fs.existsSync(page)) send(res, 404, TYPES[".html"], fs.readFileSync(page), head);
    else send(res, 404, "text/plain", Buffer.from("not found"), head);
  };
  const server = http.createServer((req, res) => {
    const head = req.method === "HEAD";
    if (req.method !== "GET" && !head) return send(res, 405, "text/plain", Buffer.from("method not allowed"));
    let url;
    try {
      url = new URL(req.url, "http://localhost");
    } catch {
      return send(res, 400, "text/plain", Buffer.from("bad request"));
    }
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, "text/plain", Buffer.from("bad request"));
    }
    if (pathname.includes("\0")) return send(res, 400, "text/plain", Buffer.from("bad request"));
    if (!pathname.startsWith(site.base)) {
      if (pathname + "/" === site.base) return res.writeHead(301, { location: site.base + url.search }).end();
      return notFound(res, head);
    }
    let file = path.resolve(root, "." + path.sep + pathname.slice(site.base.length));
    if (!inside(file)) return send(res, 403, "text/plain", Buffer.from("forbidden"));
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && stat.isDirectory()) {
      if (!pathname.endsWith("/")) return res.writeHead(301, { location: url.pathname + "/" + url.search }).end();
      file = path.join(file, "index.html");
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat || !stat.isFile()) return notFound(res, head);
    const real = fs.realpathSync(file);
    if (!inside(real)) return send(res, 403, "text/plain", Buffer.from("forbidden"));
    send(res, 200, TYPES[path.extname(real).toLowerCase()] || "application/octet-stream", fs.readFileSync(real), head);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      site.origin = `http://127.0.0.1:${server.address().port}`;
      site.root = site.origin + site.base;
      site.server = server;
      resolve();
    });
  });
}

/* ---- Checks and their report --------------------------------------------------------------- */

const results = [];
let only = null;

function log(line) {
  process.stdout.write(line + "\n");
}

/* Runs one named check; a thrown error (or a `Problems` list) fails it. */
async function check(name, body) {
  if (only && !only.test(name)) return;
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    results.push({ name, ok: false });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const text = error instanceof Problems ? error.message : error && error.stack ? error.stack : String(error);
    log(`FAIL ${name} (${seconds} s)\n${text.replace(/^/gm, "       ")}`);
  }
}

/* Collects every problem of a check, so one run shows all of them. */
class Problems extends Error {
  constructor() {
    super("");
    this.list = [];
  }
  add(text) {
    this.list.push(text);
  }
  expect(condition, text) {
    if (!condition) this.add(text);
    return condition;
  }
  done() {
    if (this.list.length) {
      this.message = this.list.map((p) => "- " + p.replace(/\n/g, "\n  ")).join("\n");
      throw this;
    }
  }
}

/* ---- Browser helpers -------------------------------------------------------------------- */

let browser;
const requests = []; // every request of every page: { url, page }
const pageErrors = []; // uncaught exceptions in pages
const badResponses = []; // sub-resources that failed or answered >= 400

async function newContext(site, { viewport = DESKTOP, colorScheme = "light", stored = null, js = true, reducedMotion = "reduce", axe = false } = {}) {
  const context = await browser.newContext({
    viewport,
    colorScheme,
    javaScriptEnabled: js,
    reducedMotion,
    baseURL: site.root,
    serviceWorkers: "block",
  });
  context.on("request", (request) => requests.push({ url: request.url(), from: request.frame().url() }));
  context.on("requestfailed", (request) => {
    // Chromium cancels a favicon load when the page goes away first: not a failure.
    if (/favicon/.test(request.url()) && /ERR_ABORTED/.test(request.failure() && request.failure().errorText)) return;
    badResponses.push(`${request.url()} failed: ${request.failure() && request.failure().errorText}`);
  });
  context.on("response", (response) => {
    const request = response.request();
    if (response.status() >= 400 && !(request.isNavigationRequest() && response.status() === 404)) {
      badResponses.push(`${response.url()} answered ${response.status()}`);
    }
  });
  context.on("page", (page) => {
    page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  });
  // axe-core is injected into every page of the context before the page's own scripts
  // (cheaper than injecting it after each load; it does nothing until it is run).
  if (axe) await context.addInitScript({ content: AXE_SOURCE });
  if (stored) {
    await context.addInitScript((scheme) => {
      try {
        localStorage.setItem("waymark-scheme", scheme);
      } catch {
        /* storage blocked */
      }
    }, stored);
  }
  return context;
}

/* Opens a page of the site (a path relative to its root) and waits until it is loaded,
   and until mermaid.js has drawn the page's diagrams (the mermaid check says if it fails). */
async function open(page, site, rel) {
  await page.goto(site.root + rel, { waitUntil: "load" });
  if (await page.evaluate(() => document.documentElement.classList.contains("js"))) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await diagramsDrawn(page).catch(() => {});
  }
}

/* Waits until every `pre.mermaid` holds an <svg> (mermaid.js draws them after the load). */
function diagramsDrawn(page, timeout = 20000) {
  return page.waitForFunction(() => Array.from(document.querySelectorAll("pre.mermaid")).every((pre) => pre.querySelector("svg")), null, { timeout });
}

async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary, html: n.html })),
    }));
  }, AXE_TAGS);
}

function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 4)
        .map((n) => `    ${n.target}: ${(n.summary || "").replace(/\s+/g, " ").slice(0, 300)}`)
        .join("\n");
      const more = v.nodes.length > 4 ? `\n    ... and ${v.nodes.length - 4} more` : "";
      return `  ${v.id} (${v.impact}): ${v.help}\n${nodes}${more}`;
    })
    .join("\n");
}

/* In-page: visibility of every element matching a selector, with a short description. */
function visibilityOf(selector) {
  return Array.from(document.querySelectorAll(selector)).map((el) => {
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    let opacity = 1;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      opacity *= parseFloat(getComputedStyle(node).opacity);
    }
    const text = (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 50);
    const cls = el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "";
    const path = el.dataset && el.dataset.path ? `[data-path=${el.dataset.path}]` : "";
    return {
      what: `${el.tagName.toLowerCase()}${cls}${path} "${text}"`,
      // checkVisibility() also sees content that is skipped for rendering, such as the body
      // of a closed <details> (laid out, but under `content-visibility: hidden`).
      visible: rect.width > 0 && rect.height > 0 && style.visibility === "visible" && opacity > 0.05 && el.checkVisibility(),
      path: el.dataset ? el.dataset.path || null : null,
      text,
    };
  });
}

/* In-page: what has focus, where it is and whether it shows a focus ring. */
function describeFocus() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const region = el.closest(".skip-link")
    ? "skip"
    : el.closest(".announcement")
      ? "announcement"
      : el.closest(".site-header")
        ? "header"
        : el.closest("#sidebar")
          ? "nav"
          : el.closest("main")
            ? "main"
            : el.closest(".site-footer")
              ? "footer"
              : "other";
  const style = getComputedStyle(el);
  const outline =
    style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1 && !/rgba\(.*,\s*0\)$/.test(style.outlineColor);
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const rect = el.getBoundingClientRect();
  let opacity = 1;
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    opacity *= parseFloat(getComputedStyle(node).opacity);
  }
  const text = (el.getAttribute("aria-label") || el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 40);
  const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
  return {
    region,
    what: `${region}: ${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls} "${text}"`,
    ring: outline || shadow,
    focusVisible: el.matches(":focus-visible"),
    visible: rect.width > 0 && rect.height > 0 && style.visibility === "visible" && opacity > 0.3,
    inViewport: rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
  };
}

/* Presses Tab until `predicate(focus)` holds; returns every focus on the way. */
async function tabUntil(page, predicate, limit) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(describeFocus);
    if (!focus) return { found: null, seen };
    seen.push(focus);
    if (predicate(focus)) return { found: focus, seen };
  }
  return { found: null, seen };
}

async function pressTabTo(page, selector, limit) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => !!document.activeElement && document.activeElement.matches(s), selector)) {
      return page.evaluate(describeFocus);
    }
  }
  throw new Error(`${limit} presses of Tab did not reach ${selector}`);
}

/** The theme's words in the site's language, as the page's scripts get them. */
async function siteWords(page) {
  return page.evaluate(() => {
    try {
      return JSON.parse(document.body.getAttribute("data-words") || "{}");
    } catch (e) {
      return {};
    }
  });
}

function ringProblems(focus) {
  const out = [];
  if (!focus.visible) out.push(`focused element is invisible: ${focus.what}`);
  if (!focus.ring) out.push(`no visible focus ring: ${focus.what}`);
  if (!focus.focusVisible) out.push(`keyboard focus does not match :focus-visible: ${focus.what}`);
  return out;
}

/* Waits until running transitions and animations (the sliding menu) have finished. */
function settle(page) {
  return page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))).then(() => null));
}

async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    if (width <= window.innerWidth) return null;
    // Name the widest culprits to make the failure actionable.
    const culprits = Array.from(document.querySelectorAll("body *"))
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter((x) => x.right > window.innerWidth + 0.5)
      .filter((x) => !x.el.parentElement || x.el.parentElement.getBoundingClientRect().right <= window.innerWidth + 0.5)
      .slice(0, 5)
      .map((x) => `${x.el.tagName.toLowerCase()}.${String(x.el.className).replace(/\s+/g, ".")} (right edge ${Math.round(x.right)})`);
    return `page is ${width}px wide in a ${window.innerWidth}px window; overflowing: ${culprits.join(", ")}`;
  });
}

/* ---- 1 + 3. axe-core and phone width, in every colour scheme --------------------------- */

/* Light and dark, by the system setting and by the reader's stored choice. The last one
   (a stored light choice overriding a dark system) is only checked at desktop width. */
const SCHEMES = [
  { name: "light", colorScheme: "light" },
  { name: "dark (system)", colorScheme: "dark" },
  { name: "dark (toggle)", colorScheme: "light", stored: "dark" },
  { name: "light (toggle, dark system)", colorScheme: "dark", stored: "light", desktopOnly: true },
];

async function axeChecks(site, viewport) {
  {
    await check(`${site.name}: axe WCAG 2.1 A/AA and page width at ${viewport.width}px, light and dark`, async () => {
      const problems = new Problems();
      for (const scheme of SCHEMES.filter((s) => !s.desktopOnly || viewport === DESKTOP)) {
        const context = await newContext(site, { viewport, colorScheme: scheme.colorScheme, stored: scheme.stored, axe: true });
        const page = await context.newPage();
        for (const [role, rel] of Object.entries(site.pages)) {
          await open(page, site, rel);
          const where = `${role} /${rel} (${viewport.width}px, ${scheme.name})`;
          if (scheme.stored) {
            const applied = await page.evaluate(() => document.documentElement.dataset.scheme || "auto");
            problems.expect(applied === scheme.stored, `${where}: the stored scheme was not applied (${applied})`);
          }
          const violations = await runAxe(page);
          if (violations.length) problems.add(`${where}: ${violations.length} axe violation(s)\n${formatViolations(violations)}`);
          const wide = await overflow(page);
          if (wide) problems.add(`${where}: ${wide}`);
        }
        await context.close();
      }
      problems.done();
    });
  }
}

/* ---- 2. Keyboard ----------------------------------------------------------------------- */

const REGION_ORDER = ["skip", "announcement", "header", "nav", "main", "footer"];

async function keyboardChecks(site) {
  const rel = site.pages.step || site.pages.page;

  for (const where of [rel, site.dialect && site.dialect.page].filter(Boolean)) await check(`${site.name}: keyboard: Tab order skip link > header > nav > content, visible focus rings (/${where})`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, where);
    const { seen } = await tabUntil(page, (f) => f.region === "footer", 250);
    problems.expect(seen.length > 0 && seen[0].region === "skip", `the first Tab focuses ${seen[0] ? seen[0].what : "nothing"}, not the skip link`);
    let highest = 0;
    for (const focus of seen) {
      const index = REGION_ORDER.indexOf(focus.region);
      if (index < 0) problems.add(`focus outside the page regions: ${focus.what}`);
      else if (index < highest) problems.add(`Tab order goes back from ${REGION_ORDER[highest]} to ${focus.what}`);
      else highest = index;
      for (const p of ringProblems(focus)) problems.add(p);
    }
    const regions = new Set(seen.map((f) => f.region));
    for (const region of ["header", "nav", "main"]) problems.expect(regions.has(region), `Tab never reaches the ${region}`);
    const header = seen.filter((f) => f.region === "header").map((f) => f.what);
    problems.expect(header.some((w) => w.includes("scheme-toggle")), `the colour-scheme toggle is not in the Tab order: ${header.join("; ")}`);
    await context.close();
    problems.done();
  });

  await check(`${site.name}: keyboard: the skip link moves focus to <main>`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, rel);
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(describeFocus);
    if (!problems.expect(skip && skip.region === "skip", `first Tab: ${skip && skip.what}`)) return problems.done();
    problems.expect(skip.inViewport, "the focused skip link is not on screen");
    for (const p of ringProblems(skip)) problems.add(p);
    await page.keyboard.press("Enter");
    const target = await page.evaluate(() => document.activeElement && document.activeElement.tagName + "#" + document.activeElement.id);
    problems.expect(target === "MAIN#content", `after the skip link, focus is on ${target}`);
    await page.keyboard.press("Tab");
    const next = await page.evaluate(describeFocus);
    problems.expect(next && next.region === "main", `the Tab after the skip link goes to ${next && next.what}, not into the content`);
    await context.close();
    problems.done();
  });

  for (const motion of ["no-preference", "reduce"]) await check(`${site.name}: keyboard: menu button opens and closes the sidebar at 375px (motion: ${motion})`, async () => {
    const problems = new Problems();
    const context = await newContext(site, { viewport: PHONE, reducedMotion: motion });
    const page = await context.newPage();
    await open(page, site, rel);
    const { found, seen } = await tabUntil(page, (f) => f.what.includes("nav-toggle"), 8);
    if (!found) throw new Error(`Tab never reaches the menu button; went through: ${seen.map((f) => f.what).join("; ")}`);
    for (const p of ringProblems(found)) problems.add(p);
    problems.expect(!seen.some((f) => f.region === "main" || f.region === "nav"), "the menu button comes after nav or content in the Tab order");
    const sidebarState = () =>
      page.evaluate(() => {
        const sidebar = document.getElementById("sidebar");
        const rect = sidebar.getBoundingClientRect();
        return {
          expanded: document.querySelector(".nav-toggle").getAttribute("aria-expanded"),
          visible: getComputedStyle(sidebar).visibility === "visible" && rect.width > 0,
          onScreen: rect.left >= -1 && rect.right <= innerWidth + 1 && rect.top < innerHeight,
          focusInside: sidebar.contains(document.activeElement),
          focusOnToggle: document.activeElement === document.querySelector(".nav-toggle"),
          wide: document.documentElement.scrollWidth > innerWidth,
        };
      });
    problems.expect(!(await sidebarState()).visible, "the sidebar is visible at 375px before the menu is opened");
    await page.keyboard.press("Enter");
    await settle(page);
    let state = await sidebarState();
    problems.expect(state.expanded === "true", `Enter on the menu button: aria-expanded=${state.expanded}`);
    problems.expect(state.visible && state.onScreen, "Enter on the menu button does not show the sidebar on screen");
    problems.expect(state.focusInside, "opening the menu does not move focus into it");
    problems.expect(!state.wide, "the open menu makes the page scroll sideways");
    const link = await page.evaluate(describeFocus);
    if (link) for (const p of ringProblems(link)) problems.add(p);
    await page.keyboard.press("Tab");
    problems.expect((await sidebarState()).focusInside, "Tab inside the open menu leaves it at once");
    await page.keyboard.press("Escape");
    await settle(page);
    state = await sidebarState();
    problems.expect(state.expanded === "false" && !state.visible, "Escape does not close the menu");
    problems.expect(state.focusOnToggle, "Escape does not return focus to the menu button");
    await page.keyboard.press(" ");
    await settle(page);
    state = await sidebarState();
    problems.expect(state.expanded === "true" && state.visible, "Space on the menu button does not open the menu");
    // A pointer click outside the menu closes it too.
    await page.mouse.click(PHONE.width - 8, PHONE.height - 40);
    await settle(page);
    problems.expect((await sidebarState()).expanded === "false", "a click outside the open menu does not close it");
    await context.close();
    problems.done();
  });

  await check(`${site.name}: keyboard: the colour-scheme toggle cycles automatic > light > dark and is remembered`, async () => {
    const problems = new Problems();
    const context = await newContext(site, { colorScheme: "light" });
    const page = await context.newPage();
    await open(page, site, rel);
    const focus = await pressTabTo(page, ".scheme-toggle", 12);
    for (const p of ringProblems(focus)) problems.add(p);
    const state = () =>
      page.evaluate(() => ({
        mode: document.querySelector(".scheme-toggle").dataset.mode,
        scheme: document.documentElement.dataset.scheme || "auto",
        stored: localStorage.getItem("waymark-scheme"),
        background: getComputedStyle(document.body).backgroundColor,
        label: document.querySelector(".scheme-toggle").getAttribute("aria-label"),
      }));
    const dark = (rgb) => {
      const [r, g, b] = rgb.match(/\d+/g).map(Number);
      return r + g + b < 200;
    };
    let s = await state();
    problems.expect(s.mode === "auto" && !dark(s.background), `initial state ${JSON.stringify(s)}`);
    await page.keyboard.press("Enter");
    s = await state();
    const light = (await siteWords(page)).js_scheme_light || "light";
    problems.expect(s.mode === "light" && s.scheme === "light" && s.stored === "light" && s.label.includes(light), `after Enter: ${JSON.stringify(s)}`);
    await page.keyboard.press(" ");
    s = await state();
    problems.expect(s.mode === "dark" && s.scheme === "dark" && s.stored === "dark" && dark(s.background), `after Space: ${JSON.stringify(s)}`);
    await page.reload({ waitUntil: "load" });
    s = await state();
    problems.expect(s.mode === "dark" && s.scheme === "dark" && dark(s.background), `after a reload the dark choice is lost: ${JSON.stringify(s)}`);
    await pressTabTo(page, ".scheme-toggle", 12);
    await page.keyboard.press("Enter");
    s = await state();
    problems.expect(s.mode === "auto" && s.scheme === "auto" && s.stored === null && !dark(s.background), `back to automatic: ${JSON.stringify(s)}`);
    await context.close();
    problems.done();
  });

  await check(`${site.name}: keyboard: the announcement banner can be dismissed and stays dismissed`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, rel);
    if (!(await page.$(".announcement"))) {
      await context.close();
      return log(`     (${site.name} has no announcement)`);
    }
    const focus = await pressTabTo(page, ".announcement-dismiss", 6);
    for (const p of ringProblems(focus)) problems.add(p);
    await page.keyboard.press("Enter");
    const shown = async () => (await page.evaluate(visibilityOf, ".announcement"))[0].visible;
    problems.expect(!(await shown()), "Enter on the dismiss button does not hide the banner");
    const after = await page.evaluate(describeFocus);
    problems.expect(after && after.region === "header", `after dismissing, focus is on ${after ? after.what : "nothing"}, not in the header`);
    await page.reload({ waitUntil: "load" });
    problems.expect(!(await shown()), "the dismissed banner is back after a reload");
    await open(page, site, "");
    problems.expect(!(await shown()), "the dismissed banner is back on another page");
    await context.close();
    problems.done();
  });

  if (site.code) {
    await check(`${site.name}: keyboard: a copy button copies its code block and says "Copied"`, async () => {
      const problems = new Problems();
      const context = await newContext(site);
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.origin });
      const page = await context.newPage();
      await open(page, site, site.code);
      const focus = await pressTabTo(page, ".copy-button", 300);
      for (const p of ringProblems(focus)) problems.add(p);
      const expected = await page.evaluate(() => {
        const code = document.activeElement.closest(".highlight").querySelector("pre code, pre");
        return code.textContent.replace(/\n$/, "");
      });
      // The words are the site's language's (the `basic` fixture is Finnish).
      const words = await siteWords(page);
      const done = [words.js_copied || "Copied", words.js_copy_failed || "Copy failed"];
      await page.keyboard.press("Enter");
      await page.waitForFunction((done) => done.includes(document.activeElement.textContent), done, { timeout: 3000 }).catch(() => {});
      const label = await page.evaluate(() => document.activeElement.textContent);
      problems.expect(label === done[0], `the button says "${label}" after Enter, not "${done[0]}"`);
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      problems.expect(copied === expected, `the clipboard holds ${JSON.stringify(copied.slice(0, 80))}, expected ${JSON.stringify(expected.slice(0, 80))}`);
      const told = await page
        .waitForFunction((said) => Array.from(document.querySelectorAll('[role="status"]')).some((s) => s.textContent.includes(said)), words.js_copied_label || "Copied", { timeout: 2000 })
        .then(() => true, () => false);
      problems.expect(told, "screen readers are not told that the code was copied (no role=status message)");
      await context.close();
      problems.done();
    });
  }

  if (site.pages.stepChosen) {
    await check(`${site.name}: keyboard: the path switcher changes path`, async () => {
      const problems = new Problems();
      const context = await newContext(site);
      const page = await context.newPage();
      await open(page, site, site.pages.stepChosen);
      const from = new URL(page.url()).searchParams.get("path");
      const focus = await pressTabTo(page, ".path-option", 80);
      for (const p of ringProblems(focus)) problems.add(p);
      const to = await page.evaluate(() => document.activeElement.dataset.path);
      problems.expect(to && to !== from, `the first path button reached is for ${to}, the current path is ${from}`);
      await page.keyboard.press("Enter");
      const markers = await page.evaluate(visibilityOf, "[data-tutorial-step][data-path]");
      const shown = markers.filter((m) => m.visible).map((m) => m.path);
      problems.expect(shown.length === 1 && shown[0] === to, `after switching to ${to} the visible markers are: ${shown.join(", ")}`);
      problems.expect(new URL(page.url()).searchParams.get("path") === to, `the URL is ${page.url()} after switching to ${to}`);
      const focused = await page.evaluate(() => document.activeElement.closest("[data-path]") && document.activeElement.closest("[data-path]").dataset.path);
      problems.expect(focused === to, `focus after switching is in ${focused}, not in the ${to} marker`);
      await context.close();
      problems.done();
    });
  }
}

/* ---- 3. Phone: wide tables and code scroll inside their box ------------------------------ */

async function phoneChecks(site) {
  if (site.name !== "browser") return;
  await check(`${site.name}: phone: wide tables and code scroll inside their own box at 375px`, async () => {
    const problems = new Problems();
    const context = await newContext(site, { viewport: PHONE });
    const page = await context.newPage();
    await open(page, site, site.pages.page);
    const boxes = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".content table, .highlight pre")).map((el) => ({
        what: el.tagName.toLowerCase() + " " + el.textContent.trim().slice(0, 30),
        scrolls: el.scrollWidth > el.clientWidth,
        overflowX: getComputedStyle(el).overflowX,
        right: el.getBoundingClientRect().right,
        focusable: el.tabIndex >= 0,
      })),
    );
    const scrolling = boxes.filter((b) => b.scrolls);
    problems.expect(scrolling.length >= 2, `expected the wide table and the long command to scroll, found ${scrolling.length} scrolling boxes`);
    for (const box of boxes) {
      problems.expect(box.right <= PHONE.width + 0.5, `${box.what} sticks out of the window (right edge ${box.right})`);
      if (box.scrolls) {
        problems.expect(/auto|scroll/.test(box.overflowX), `${box.what} is wider than its box but does not scroll`);
        problems.expect(box.focusable, `${box.what} scrolls but cannot be reached with the keyboard`);
      }
    }
    const wide = await overflow(page);
    if (wide) problems.add(wide);
    await context.close();
    problems.done();
  });
}

/* ---- 4. Without JavaScript -------------------------------------------------------------- */

async function noScriptChecks(site) {
  for (const viewport of [DESKTOP, PHONE]) {
    await check(`${site.name}: no JavaScript at ${viewport.width}px: content, nav, TOC, every path's markers and prev/next`, async () => {
      const problems = new Problems();
      const context = await newContext(site, { viewport, js: false });
      const page = await context.newPage();
      for (const [role, rel] of Object.entries(site.pages)) {
        await open(page, site, rel);
        const where = `${role} /${rel}`;
        const all = async (selector, what, { min = 1 } = {}) => {
          const items = await page.evaluate(visibilityOf, selector);
          if (items.length < min) problems.add(`${where}: no ${what} (${selector})`);
          for (const item of items) problems.expect(item.visible, `${where}: ${what} hidden: ${item.what}`);
          return items;
        };
        await all("main .content", "content");
        problems.expect((await page.textContent("main")).trim().length > 20, `${where}: the content is empty`);
        if (await page.$("#sidebar")) await all("#sidebar a.nav-link", "sidebar links");
        else if (role !== "notFound") problems.add(`${where}: no sidebar`);
        if (viewport === PHONE && (await page.$("#sidebar"))) await all(".nav-jump", "link to the navigation");
        // "On this page": the side column on wide screens, a closed disclosure below 1200 px.
        if (await page.$(".toc")) {
          if (viewport === DESKTOP) await all(".toc a", "TOC links");
          else await all(".toc-fold > summary", "the contents disclosure");
        }
        const hiddenControls = (await page.evaluate(visibilityOf, ".js-only, .nav-toggle, .scheme-toggle, .copy-button, .path-option, [role=tablist], [role=tab]")).filter((i) => i.visible);
        for (const item of hiddenControls) problems.add(`${where}: a control that needs JavaScript is shown: ${item.what}`);
        if (await page.$(".tabbed-set")) {
          // Content tabs: every panel is shown, under its label.
          await all(".tabbed-block", "tab panels");
          const labels = await page.evaluate(() =>
            Array.from(document.querySelectorAll(".tabbed-block")).map((panel) => ({ label: panel.dataset.tabLabel, before: getComputedStyle(panel, "::before").content })),
          );
          for (const l of labels) problems.expect(l.before === JSON.stringify(l.label), `${where}: the tab panel "${l.label}" is not shown under its label (::before is ${l.before})`);
        }
        if (await page.$("details")) await nativeDetails(page, where, problems);
        if (role === "step") {
          // A step on several paths: the choice of every path first, then one marker (issue 20).
          const choices = await all(".step-choice-option", "path choices", { min: 2 });
          const markers = (await page.evaluate(visibilityOf, "[data-tutorial-step][data-path]")).filter((m) => m.visible);
          problems.expect(markers.length === 1, `${where}: a step on several paths shows ${markers.length} markers before a path is chosen`);
          problems.expect(choices.length >= 2, `${where}: ${choices.length} path choices`);
          for (const m of markers) problems.expect(/Step \d+ of \d+/.test(m.text), `${where}: marker without "Step K of M": ${m.what}`);
          const rails = (await page.evaluate(visibilityOf, ".step-rail[data-path]")).filter((r) => r.visible);
          problems.expect(rails.length === 1, `${where}: ${rails.length} step rails are shown`);
          const navs = await all(".step-nav[data-path]", "step navigation", { min: 2 });
          await all(".step-nav a[data-path]", "previous/next step links", { min: 2 * navs.length });
          await all(".path-passage", "path passages");
          await all(".path-passage-label", "path passage labels");
        } else if (role === "overview") {
          await all(".path-card", "path cards");
          await all("ol[data-path] > li a", "step links in the overview");
          await all(".path-start", '"Start this path" links');
        } else if (role !== "notFound" && role !== "home" && (await page.$(".pager"))) {
          await all(".pager a", "previous/next page links");
        }
        if (viewport === PHONE) {
          const wide = await overflow(page);
          if (wide) problems.add(`${where}: ${wide}`);
        }
      }
      await context.close();
      problems.done();
    });
  }
}

/* Collapsible blocks without JavaScript: every title shows, open ones show their body, and
   closed ones open and close natively from the keyboard (Enter on the focused summary). */
async function nativeDetails(page, where, problems) {
  const blocks = page.locator("details:not(.toc-fold)");
  for (let i = 0; i < (await blocks.count()); i++) {
    const block = blocks.nth(i);
    const summary = block.locator(":scope > summary");
    const title = ((await summary.textContent()) || "").trim();
    const bodyShown = () => block.evaluate((d) => Array.from(d.children).filter((c) => c.tagName !== "SUMMARY").every((c) => {
      const r = c.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && c.checkVisibility({ visibilityProperty: true });
    }));
    problems.expect(await summary.isVisible(), `${where}: the title of the collapsible block "${title}" is hidden`);
    const open = await block.evaluate((d) => d.open);
    if (open) {
      problems.expect(await bodyShown(), `${where}: the open block "${title}" hides its body`);
      continue;
    }
    problems.expect(!(await bodyShown()), `${where}: the closed block "${title}" shows its body`);
    await summary.focus();
    await page.keyboard.press("Enter");
    problems.expect(await bodyShown(), `${where}: Enter on the closed block "${title}" does not show its body`);
    await page.keyboard.press("Enter");
    problems.expect(!(await bodyShown()), `${where}: a second Enter on "${title}" does not close it`);
  }
}

/* ---- 5. Print ------------------------------------------------------------------------------ */

async function printChecks(site) {
  const rels = [site.pages.stepChosen || site.pages.step, site.code, site.dialect && site.dialect.page].filter(Boolean);
  if (!rels.length) rels.push(site.pages.page);
  await check(`${site.name}: print hides header, navigation, TOC and buttons and shows every path passage`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    for (const rel of new Set(rels)) {
      await open(page, site, rel);
      await page.emulateMedia({ media: "print" });
      const where = `/${rel}`;
      const shown = await page.evaluate(visibilityOf, ".skip-link, .announcement, .site-header, #sidebar, .toc, .step-nav, .pager, .path-switcher, .step-rail, button, .copy-button, .headerlink, .site-footer, .edit-link");
      for (const item of shown.filter((i) => i.visible)) problems.add(`${where}: printed although it should not be: ${item.what}`);
      for (const item of await page.evaluate(visibilityOf, "main h1, main .content, .admonition, .highlight pre, .path-passage")) {
        problems.expect(item.visible, `${where}: not printed: ${item.what}`);
      }
      // Collapsed blocks print expanded (by CSS alone: emulateMedia fires no beforeprint),
      // and every tab panel prints, under its label.
      for (const item of await page.evaluate(visibilityOf, "details:not(.toc-fold) > :not(summary), .tabbed-block, pre.mermaid")) {
        problems.expect(item.visible, `${where}: not printed: ${item.what}`);
      }
      const tabLabels = await page.evaluate(() => Array.from(document.querySelectorAll(".tabbed-block")).map((b) => ({ label: b.dataset.tabLabel, before: getComputedStyle(b, "::before").content })));
      for (const l of tabLabels) problems.expect(l.before === JSON.stringify(l.label), `${where}: the tab panel "${l.label}" prints without its label (${l.before})`);
      const passages = await page.evaluate(visibilityOf, ".path-passage");
      problems.expect(new Set(passages.map((p) => p.path)).size === passages.length && passages.every((p) => p.visible), `${where}: not every path passage prints`);
      const external = await page.evaluate(() => {
        const a = document.querySelector('.content a[href^="http"]');
        return a ? { href: a.href, after: getComputedStyle(a, "::after").content } : null;
      });
      if (external) problems.expect(external.after.includes(external.href.replace(/\/$/, "")) || external.after.includes(external.href), `${where}: the target of an external link is not printed (${external.after})`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      problems.expect(wide <= 0, `${where}: the print layout is ${wide}px wider than the page`);
      await page.emulateMedia({ media: "screen" });
    }
    await context.close();
    problems.done();
  });
}

/* Issue 19: print.html, the whole guide on one page. Printed, the chrome is hidden and every
   page's section shows; a link to a heading of another page (or, without one, to another
   page) lands on its target, with and without JavaScript. */
async function printGuideChecks(site) {
  await check(`${site.name}: print.html prints every page without the chrome, and its links land on their heading`, async () => {
    const problems = new Problems();
    for (const js of [true, false]) {
      const context = await newContext(site, { js });
      const page = await context.newPage();
      await open(page, site, "print.html");
      const where = js ? "/print.html" : "/print.html without JavaScript";
      await page.emulateMedia({ media: "print" });
      const chrome = await page.evaluate(visibilityOf, ".skip-link, .announcement, .site-header, #sidebar, .site-footer, .back-to-top");
      for (const item of chrome.filter((i) => i.visible)) problems.add(`${where}: printed although it should not be: ${item.what}`);
      const sections = await page.evaluate(visibilityOf, "section.print-page");
      problems.expect(sections.length > 1 && sections.every((s) => s.visible), `${where}: not every page prints: ${JSON.stringify(sections)}`);
      await page.emulateMedia({ media: "screen" });
      const href = await page.evaluate(() => {
        const sectionOf = (el) => el && el.closest("section.print-page");
        const links = Array.from(document.querySelectorAll(".content a[href^='#']:not(.headerlink)")).filter((a) => {
          const target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
          return target && sectionOf(target) !== sectionOf(a);
        });
        const toHeading = links.find((a) => a.getAttribute("href").includes("--"));
        return (toHeading || links[0] || { getAttribute: () => null }).getAttribute("href");
      });
      if (!problems.expect(href, `${where}: no link between pages to follow`)) {
        await context.close();
        continue;
      }
      await page.click(`.content a[href="${href}"]:not(.headerlink)`);
      await page.waitForFunction((h) => location.hash === h, href);
      const landed = await page.evaluate((h) => {
        const target = document.getElementById(decodeURIComponent(h.slice(1)));
        const top = target.getBoundingClientRect().top;
        return { top, height: window.innerHeight, tag: target.tagName };
      }, href);
      problems.expect(landed.top >= -2 && landed.top < landed.height / 2, `${where}: following ${href} leaves its target at ${Math.round(landed.top)}px of ${landed.height}`);
      await context.close();
    }
    problems.done();
  });
}

/* ---- 5b. The MkDocs dialect: content tabs, collapsible blocks, mermaid ---------------------- */

/* In-page: the state of every tab set, in document order. */
function tabSets() {
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true });
  };
  return Array.from(document.querySelectorAll(".tabbed-set")).map((set) => {
    const list = set.querySelector(":scope > [role=tablist]");
    const tabs = list ? Array.from(list.querySelectorAll(":scope > [role=tab]")) : [];
    const panels = Array.from(set.querySelectorAll(":scope > [role=tabpanel]"));
    return {
      hasList: !!list,
      listShown: !!list && shown(list),
      tabs: tabs.map((tab) => {
        const panel = document.getElementById(tab.getAttribute("aria-controls") || "");
        return {
          label: tab.textContent.trim(),
          id: tab.id,
          selected: tab.getAttribute("aria-selected"),
          tabindex: tab.getAttribute("tabindex"),
          focused: document.activeElement === tab,
          button: tab.tagName === "BUTTON",
          panel: !!panel && panel.getAttribute("role") === "tabpanel" && panel.parentElement === set,
          labelledBy: !!panel && panel.getAttribute("aria-labelledby") === tab.id,
          panelShown: !!panel && shown(panel),
        };
      }),
      panels: panels.length,
      shown: panels.filter(shown).map((p) => p.dataset.tabLabel),
      selected: (tabs.find((t) => t.getAttribute("aria-selected") === "true") || { textContent: "" }).textContent.trim(),
    };
  });
}

/* Problems with set `index` when `label` should be its selected tab (and, if `focused`,
   have focus): one tab selected, in the Tab order and shown. */
function selectionProblems(sets, index, label, focused) {
  const out = [];
  const set = sets[index];
  if (!set) return [`there is no tab set ${index + 1}`];
  const name = `set ${index + 1}`;
  const selected = set.tabs.filter((t) => t.selected === "true").map((t) => t.label);
  if (selected.length !== 1 || selected[0] !== label) out.push(`${name}: selected ${JSON.stringify(selected)}, expected "${label}"`);
  const reachable = set.tabs.filter((t) => t.tabindex === "0").map((t) => t.label);
  if (reachable.length !== 1 || reachable[0] !== label) out.push(`${name}: tabindex=0 on ${JSON.stringify(reachable)}, expected only "${label}"`);
  for (const t of set.tabs) if (t.selected !== "true" && t.selected !== "false") out.push(`${name}: tab "${t.label}" has aria-selected=${t.selected}`);
  if (set.shown.length !== 1 || set.shown[0] !== label) out.push(`${name}: the panels shown are ${JSON.stringify(set.shown)}, expected "${label}"`);
  if (focused && !set.tabs.some((t) => t.focused && t.label === label)) out.push(`${name}: focus is not on the "${label}" tab`);
  return out;
}

async function dialectChecks(site) {
  const d = site.dialect;
  if (!d) return;

  await check(`${site.name}: tabs: tablist/tab/tabpanel roles, aria-selected, aria-controls`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    for (const rel of [d.page, d.linked]) {
      await open(page, site, rel);
      const sets = await page.evaluate(tabSets);
      problems.expect(sets.length >= (rel === d.page ? 3 : 1), `/${rel}: only ${sets.length} tab set(s)`);
      for (const [i, set] of sets.entries()) {
        const name = `/${rel} set ${i + 1}`;
        if (!problems.expect(set.hasList && set.listShown, `${name}: no visible role=tablist`)) continue;
        problems.expect(set.tabs.length >= 2 && set.tabs.length === set.panels, `${name}: ${set.tabs.length} tabs for ${set.panels} panels`);
        for (const t of set.tabs) {
          problems.expect(t.button, `${name}: the tab "${t.label}" is not a button`);
          problems.expect(t.panel, `${name}: the tab "${t.label}" has no aria-controls naming a role=tabpanel of its set`);
          problems.expect(t.labelledBy, `${name}: the panel of "${t.label}" is not aria-labelledby its tab`);
        }
        for (const p of selectionProblems(sets, i, set.tabs[0] && set.tabs[0].label, false)) problems.add(`/${rel} ${p}`);
      }
    }
    await context.close();
    problems.done();
  });

  await check(`${site.name}: keyboard: tabs (Tab into the list; ArrowRight, ArrowLeft, Home, End)`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, d.page);
    const focus = await pressTabTo(page, "[role=tab]", 120);
    for (const p of ringProblems(focus)) problems.add(p);
    let sets = await page.evaluate(tabSets);
    const labels = sets[0].tabs.map((t) => t.label);
    problems.expect(labels.length === 3, `the first set has the tabs ${JSON.stringify(labels)}, expected three`);
    for (const p of selectionProblems(sets, 0, labels[0], true)) problems.add(`first Tab into the list: ${p}`);
    const [first, second, last] = [labels[0], labels[1], labels[labels.length - 1]];
    const steps = [
      ["ArrowRight", second],
      ["ArrowRight", last],
      ["ArrowRight", first], // wraps around
      ["ArrowLeft", last], // and back
      ["Home", first],
      ["End", last],
      ["ArrowLeft", second],
    ];
    for (const [key, label] of steps) {
      await page.keyboard.press(key);
      sets = await page.evaluate(tabSets);
      for (const p of selectionProblems(sets, 0, label, true)) problems.add(`after ${key}: ${p}`);
      const now = await page.evaluate(describeFocus);
      if (now) for (const p of ringProblems(now)) problems.add(`after ${key}: ${p}`);
    }
    // Tab leaves the tab list (only the selected tab is in the Tab order), Shift+Tab returns.
    await page.keyboard.press("Tab");
    const after = await page.evaluate(() => ({ tab: !!document.activeElement.closest("[role=tablist]"), set: [...document.querySelectorAll(".tabbed-set")].indexOf(document.activeElement.closest(".tabbed-set")) }));
    problems.expect(!(after.tab && after.set === 0), "Tab from the selected tab moves to another tab of the same set");
    await page.keyboard.press("Shift+Tab");
    sets = await page.evaluate(tabSets);
    for (const p of selectionProblems(sets, 0, second, true)) problems.add(`after Shift+Tab: ${p}`);
    await context.close();
    problems.done();
  });

  await check(`${site.name}: tabs: a link to a tab's id selects that tab`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, d.page);
    const second = await page.evaluate(() => {
      const tab = document.querySelectorAll(".tabbed-set")[0].querySelectorAll("[role=tab]")[1];
      return { id: tab.id, label: tab.dataset.tabLabel };
    });
    await page.evaluate((id) => { window.location.hash = id; }, second.id);
    await page.waitForFunction((id) => document.getElementById(id).getAttribute("aria-selected") === "true", second.id, { timeout: 2000 }).catch(() => {});
    const sets = await page.evaluate(tabSets);
    for (const p of selectionProblems(sets, 0, second.label, false)) problems.add(`after #${second.id}: ${p}`);
    await context.close();
    problems.done();
  });

  await check(`${site.name}: tabs: choosing a label selects it in every set, and on the next page`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, d.page);
    let sets = await page.evaluate(tabSets);
    const linux = sets[1].tabs[0].label;
    const windows = sets[1].tabs[1].label;
    problems.expect(linux === "Linux" && windows === "Windows", `the second set's tabs are ${linux} and ${windows}`);
    // Choose "Windows" with the pointer in the second set; it must stay where it was.
    const tab = page.locator(".tabbed-set").nth(1).locator(`[role=tab]:text-is("${windows}")`);
    await tab.scrollIntoViewIfNeeded();
    const before = await tab.evaluate((t) => t.getBoundingClientRect().top);
    await tab.click();
    const moved = (await tab.evaluate((t) => t.getBoundingClientRect().top)) - before;
    problems.expect(Math.abs(moved) <= 2, `the chosen tab jumped ${Math.round(moved)}px on screen when the sets above changed`);
    sets = await page.evaluate(tabSets);
    for (const i of sets.keys()) for (const p of selectionProblems(sets, i, windows, false)) problems.add(`after choosing ${windows}: ${p}`);
    // The next page opens on the same label.
    await Promise.all([page.waitForURL((url) => url.pathname.endsWith(d.linked)), page.click(`.content a[href$="linked/"]`)]);
    await page.waitForLoadState("load");
    sets = await page.evaluate(tabSets);
    for (const i of sets.keys()) for (const p of selectionProblems(sets, i, windows, false)) problems.add(`/${d.linked} after choosing ${windows}: ${p}`);
    // Back to Linux there, by keyboard; the first page follows after a reload.
    await pressTabTo(page, "[role=tab]", 120);
    await page.keyboard.press("Home");
    await open(page, site, d.page);
    sets = await page.evaluate(tabSets);
    for (const i of sets.keys()) for (const p of selectionProblems(sets, i, linux, false)) problems.add(`/${d.page} after choosing ${linux} on /${d.linked}: ${p}`);
    // A label that only one set has: the others keep theirs, and a page without it falls
    // back to the reader's previous choice.
    const only = sets[0].tabs[2].label;
    await page.locator(".tabbed-set").first().locator(`[role=tab]:text-is("${only}")`).click();
    sets = await page.evaluate(tabSets);
    for (const p of selectionProblems(sets, 0, only, true)) problems.add(`after choosing ${only}: ${p}`);
    for (const i of [...sets.keys()].slice(1)) for (const p of selectionProblems(sets, i, linux, false)) problems.add(`after choosing ${only} (not in this set): ${p}`);
    await open(page, site, d.linked);
    sets = await page.evaluate(tabSets);
    for (const p of selectionProblems(sets, 0, linux, false)) problems.add(`/${d.linked} after choosing ${only}, which it lacks: ${p}`);
    await context.close();
    problems.done();
  });

  await check(`${site.name}: keyboard: collapsible blocks (Enter and Space on the summary)`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, d.page);
    const state = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll(".content details")).map((details) => ({
          title: details.querySelector("summary").textContent.trim(),
          open: details.open,
          body: Array.from(details.children)
            .filter((c) => c.tagName !== "SUMMARY")
            .every((c) => c.getBoundingClientRect().height > 0 && c.checkVisibility({ visibilityProperty: true })),
          focused: details.querySelector("summary") === document.activeElement,
        })),
      );
    let blocks = await state();
    const closed = blocks.findIndex((b) => !b.open);
    const opened = blocks.findIndex((b) => b.open);
    if (!problems.expect(closed >= 0 && opened >= 0, `expected a closed and an open block, found ${JSON.stringify(blocks)}`)) return problems.done();
    problems.expect(!blocks[closed].body, `the closed block "${blocks[closed].title}" shows its body`);
    problems.expect(blocks[opened].body, `the open block "${blocks[opened].title}" hides its body`);
    for (const [index, keys] of [[closed, ["Enter", "Enter", " "]], [opened, [" ", "Enter"]]]) {
      for (let i = 0; i < 150; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate((n) => document.activeElement === document.querySelectorAll(".content details")[n].querySelector("summary"), index)) break;
      }
      const reached = await page.evaluate(describeFocus);
      blocks = await state();
      if (!problems.expect(reached && blocks[index].focused, `Tab does not reach the summary of "${blocks[index].title}"`)) continue;
      for (const p of ringProblems(reached)) problems.add(p);
      for (const key of keys) {
        const was = blocks[index].open;
        await page.keyboard.press(key);
        blocks = await state();
        const name = key === " " ? "Space" : key;
        problems.expect(blocks[index].open === !was, `${name} on "${blocks[index].title}" does not ${was ? "close" : "open"} it`);
        problems.expect(blocks[index].body === blocks[index].open, `after ${name}, "${blocks[index].title}" is ${blocks[index].open ? "open" : "closed"} but its body is ${blocks[index].body ? "shown" : "hidden"}`);
        problems.expect(blocks[index].focused, `after ${name}, focus left the summary of "${blocks[index].title}"`);
      }
    }
    await context.close();
    problems.done();
  });

  await check(`${site.name}: lightbox: an image opens enlarged in a dialog by pointer and keyboard; arrows go through the images; Escape closes and returns focus`, async () => {
    const problems = new Problems();
    const context = await newContext(site, { axe: true });
    const page = await context.newPage();
    await open(page, site, d.page);
    const state = () =>
      page.evaluate(() => {
        const dialog = document.querySelector("dialog.lightbox");
        const image = dialog && dialog.querySelector("img");
        const active = document.activeElement;
        return {
          open: !!(dialog && dialog.open),
          label: dialog ? dialog.getAttribute("aria-label") : null,
          src: image ? image.getAttribute("src") : null,
          alt: image ? image.alt : null,
          loaded: !!(image && image.complete && image.naturalWidth > 0),
          caption: dialog ? dialog.querySelector("figcaption").textContent : null,
          focused: active ? (active.className || active.tagName) + " " + (active.getAttribute("href") || active.getAttribute("aria-label") || "") : "",
        };
      });
    const links = page.locator(".content a.glightbox");
    if (!problems.expect((await links.count()) === 2, `expected 2 image links, found ${await links.count()}`)) return problems.done();
    await links.nth(0).click();
    let s = await state();
    problems.expect(s.open && s.label === "Image 1 of 2" && /cluster\.svg$/.test(s.src || "") && s.loaded, `a click on the first image shows ${JSON.stringify(s)}`);
    problems.expect(s.alt === "Three login nodes side by side" && s.caption === "The three login nodes", `the first image's text and caption: ${JSON.stringify(s)}`);
    problems.expect(s.focused.startsWith("lightbox-close"), `focus is not on the close button: ${s.focused}`);
    const violations = await runAxe(page);
    problems.expect(!violations.length, `axe on the open dialog: ${formatViolations(violations)}`);
    await page.keyboard.press("ArrowRight");
    s = await state();
    problems.expect(/login\.svg$/.test(s.src || "") && s.label === "Image 2 of 2" && s.caption === "", `ArrowRight shows ${JSON.stringify(s)}`);
    await page.keyboard.press("ArrowRight");
    s = await state();
    problems.expect(/cluster\.svg$/.test(s.src || ""), `ArrowRight from the last image shows ${JSON.stringify(s)}`);
    await page.keyboard.press("Escape");
    s = await state();
    problems.expect(!s.open && s.focused === "glightbox cluster.svg", `after Escape: ${JSON.stringify(s)}`);
    // Keyboard: Enter on the second image's link opens it; a click beside the image closes.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    s = await state();
    problems.expect(s.open && /login\.svg$/.test(s.src || ""), `Enter on the second link shows ${JSON.stringify(s)}`);
    await page.mouse.click(5, 5);
    s = await state();
    problems.expect(!s.open && s.focused === "glightbox login.svg", `after a click on the backdrop: ${JSON.stringify(s)}`);
    // Closed and opened again at once (the close event comes a moment later): the image
    // opened last stays.
    const reopened = await page.evaluate(async () => {
      const dialog = document.querySelector("dialog.lightbox");
      const [first, second] = document.querySelectorAll(".content a.glightbox");
      second.click();
      dialog.close();
      first.click();
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { open: dialog.open, src: dialog.querySelector("img").getAttribute("src") };
    });
    problems.expect(reopened.open && /cluster\.svg$/.test(reopened.src || ""), `closed and opened again at once: ${JSON.stringify(reopened)}`);
    await context.close();
    problems.done();
  });

  await check(`${site.name}: annotations: markers open their notes by pointer and keyboard; Escape closes and returns focus`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, d.page);
    const state = () =>
      page.evaluate(() => ({
        markers: Array.from(document.querySelectorAll(".content a.wm-annotation")).map((m) => ({
          role: m.getAttribute("role"),
          expanded: m.getAttribute("aria-expanded"),
          label: m.getAttribute("aria-label"),
          focused: m === document.activeElement,
        })),
        notes: Array.from(document.querySelectorAll(".wm-annotation-note")).map((n) => {
          const box = n.getBoundingClientRect();
          return { text: n.textContent.trim(), shown: box.height > 0 && n.checkVisibility(), ids: n.querySelectorAll("[id]").length };
        }),
        listsShown: Array.from(document.querySelectorAll(".content ol.wm-annotations")).filter((l) => l.checkVisibility()).length,
      }));
    let s = await state();
    if (!problems.expect(s.markers.length === 3, `expected 3 markers, found ${s.markers.length}`)) return problems.done();
    for (const m of s.markers) {
      problems.expect(m.role === "button" && m.expanded === "false" && /\d/.test(m.label || ""), `a marker is not a collapsed, labelled button: ${JSON.stringify(m)}`);
    }
    problems.expect(s.listsShown === 0, `${s.listsShown} annotation list(s) still shown on screen with JavaScript`);
    await page.locator(".content a.wm-annotation").nth(0).click();
    s = await state();
    problems.expect(s.notes.length === 1 && s.notes[0].shown && s.notes[0].text.startsWith("Loads the Python"), `a click on marker 1 shows ${JSON.stringify(s.notes)}`);
    problems.expect(s.markers[0].expanded === "true", "marker 1 is not aria-expanded after the click");
    problems.expect(s.notes.every((n) => n.ids === 0), "a note repeats ids of the list");
    await page.locator("h1").click();
    s = await state();
    problems.expect(s.notes.length === 0 && s.markers[0].expanded === "false", "a click elsewhere does not close the note");
    // Keyboard: Tab to the paragraph's marker, open with Enter, close with Escape, open with Space.
    const focus = await pressTabTo(page, "p.annotate a.wm-annotation", 200);
    for (const p of ringProblems(focus)) problems.add(p);
    for (const [key, open] of [["Enter", true], ["Escape", false], [" ", true]]) {
      await page.keyboard.press(key);
      s = await state();
      const name = key === " " ? "Space" : key;
      problems.expect((s.notes.length === 1 && s.notes[0].text.startsWith("Jobs started elsewhere")) === open, `after ${name} the paragraph's note is ${open ? "not shown" : "still shown"}: ${JSON.stringify(s.notes)}`);
      problems.expect(s.markers[2].focused, `after ${name}, focus left the marker`);
    }
    // Copying the annotated code leaves the markers out.
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.origin });
    await page.locator(".highlight:has(a.wm-annotation) .copy-button").first().click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    problems.expect(copied === "module load python  \nsrun python analyse.py --input data/ # ", `the clipboard holds ${JSON.stringify(copied)}`);
    await context.close();
    problems.done();
  });

  await check(`${site.name}: code blocks: .no-copy leaves out the copy button, the others have one`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, d.page);
    const blocks = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".content div.highlight")).map((b) => ({ noCopy: b.classList.contains("no-copy"), button: !!b.querySelector(".copy-button") })),
    );
    problems.expect(blocks.some((b) => b.noCopy), "the page has no .no-copy block");
    for (const b of blocks) problems.expect(b.button !== b.noCopy, `a ${b.noCopy ? ".no-copy block has" : "block has no"} copy button`);
    await context.close();
    problems.done();
  });

  await check(`${site.name}: annotations without JavaScript: each marker links to its note in the list shown after the block`, async () => {
    const problems = new Problems();
    const context = await newContext(site, { js: false });
    const page = await context.newPage();
    await open(page, site, d.page);
    const links = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".content a.wm-annotation")).map((m) => {
        const target = document.getElementById(decodeURIComponent(m.getAttribute("href").slice(1)));
        return { href: m.getAttribute("href"), target: !!target && target.tagName === "LI", shown: !!target && target.checkVisibility() };
      }),
    );
    problems.expect(links.length === 3, `expected 3 markers, found ${links.length}`);
    for (const l of links) problems.expect(l.target && l.shown, `the marker ${l.href} does not lead to a visible list item`);
    await context.close();
    problems.done();
  });

  await check(`${site.name}: print: beforeprint opens collapsed blocks, afterprint closes them again`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, d.page);
    const openness = () => page.evaluate(() => Array.from(document.querySelectorAll(".content details")).map((x) => x.open));
    const before = await openness();
    await page.emulateMedia({ media: "print" });
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    const during = await openness();
    problems.expect(during.every(Boolean), `while printing the blocks are open: ${JSON.stringify(during)}`);
    const bodies = await page.evaluate(visibilityOf, ".content details > :not(summary)");
    for (const b of bodies) problems.expect(b.visible, `while printing, not shown: ${b.what}`);
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    await page.emulateMedia({ media: "screen" });
    const after = await openness();
    problems.expect(JSON.stringify(after) === JSON.stringify(before), `after printing the blocks are ${JSON.stringify(after)}, before ${JSON.stringify(before)}`);
    await context.close();
    problems.done();
  });

  for (const viewport of [DESKTOP, PHONE]) await check(`${site.name}: code block with title= and hl_lines= at ${viewport.width}px: title above, highlighted lines each on their own row across the box`, async () => {
    const problems = new Problems();
    const context = await newContext(site, { viewport });
    const page = await context.newPage();
    await open(page, site, d.page);
    const blocks = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".highlight"))
        .filter((block) => block.querySelector(".hll"))
        .map((block) => {
          const pre = block.querySelector("pre");
          const box = pre.getBoundingClientRect();
          // Rows in the coordinates of the scrolled box: 0 is its left padding edge.
          const row = (r) => ({ left: r.left - box.left - pre.clientLeft + pre.scrollLeft, right: r.right - box.left - pre.clientLeft + pre.scrollLeft, top: r.top, bottom: r.bottom });
          const title = block.querySelector(".filename, .code-title");
          const titleBox = title && title.getBoundingClientRect();
          // Every line of text, as the rectangle of its first character.
          const lines = [];
          const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
          let atStart = true;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.data.length; i++) {
              if (node.data[i] === "\n") atStart = true;
              else if (atStart) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                lines.push(row(range.getBoundingClientRect()));
                atStart = false;
              }
            }
          }
          return {
            title: title ? { text: title.textContent.trim(), above: titleBox.bottom <= box.top + 1 && titleBox.height > 0 } : null,
            scrollWidth: pre.scrollWidth,
            hll: Array.from(pre.querySelectorAll(".hll")).map((h) => row(h.getBoundingClientRect())),
            lines,
          };
        }),
    );
    if (!problems.expect(blocks.length, `/${d.page} has no code block with highlighted lines`)) return problems.done();
    for (const [n, b] of blocks.entries()) {
      const name = `code block ${n + 1}`;
      problems.expect(b.title && b.title.text && b.title.above, `${name}: no title above the code (${JSON.stringify(b.title)})`);
      for (const [i, line] of b.lines.entries()) {
        if (i) problems.expect(line.top >= b.lines[i - 1].bottom - 1, `${name}: line ${i + 1} is not below line ${i}`);
        if (i) problems.expect(Math.abs(line.left - b.lines[0].left) <= 1, `${name}: line ${i + 1} starts at ${Math.round(line.left)}px, line 1 at ${Math.round(b.lines[0].left)}px`);
      }
      for (const [i, h] of b.hll.entries()) {
        problems.expect(h.left <= 1 && h.right >= b.scrollWidth - 1, `${name}: highlighted line ${i + 1} covers ${Math.round(h.left)}..${Math.round(h.right)}px of the box's 0..${b.scrollWidth}px`);
        if (i) problems.expect(h.top >= b.hll[i - 1].bottom - 1, `${name}: highlighted line ${i + 1} is not below the one before`);
      }
    }
    await context.close();
    problems.done();
  });

  await check(`${site.name}: hidden code lines (issue 19): out of sight until a toggle button (aria-pressed) shows them`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, d.page);
    const state = () => page.evaluate(() => {
      const block = document.querySelector("div.highlight.has-hidden-lines");
      if (!block) return null;
      const line = block.querySelector(".hidden-line");
      const button = block.querySelector("button.hidden-lines-button");
      return {
        lineShown: !!line && line.getBoundingClientRect().height > 0,
        pressed: button && button.getAttribute("aria-pressed"),
        label: button && button.textContent,
      };
    });
    const before = await state();
    if (problems.expect(before, `/${d.page} has no block with hidden lines`)) {
      problems.expect(!before.lineShown, "the hidden line is shown before the toggle is pressed");
      problems.expect(before.pressed === "false" && /hidden lines/i.test(before.label || ""), `the toggle: ${JSON.stringify(before)}`);
      await page.click("div.has-hidden-lines button.hidden-lines-button");
      const after = await state();
      problems.expect(after.lineShown && after.pressed === "true", `after pressing the toggle: ${JSON.stringify(after)}`);
    }
    await context.close();
    problems.done();
  });

  await check(`${site.name}: mermaid: the diagram is drawn as <svg> from this site only; other pages do not load mermaid.js`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    let loaded = [];
    page.on("request", (request) => loaded.push(request.url()));
    await page.goto(site.root + d.page, { waitUntil: "load" });
    const drawn = await diagramsDrawn(page).then(() => true, () => false);
    const diagrams = await page.evaluate(() =>
      Array.from(document.querySelectorAll("pre.mermaid")).map((pre) => {
        const svg = pre.querySelector("svg");
        const r = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
        return { svg: !!svg, width: r.width, height: r.height, text: svg ? svg.textContent.replace(/\s+/g, " ") : pre.textContent.slice(0, 60), error: !!pre.querySelector("[aria-roledescription=error], .error-icon") };
      }),
    );
    problems.expect(diagrams.length >= 1, "the page has no pre.mermaid");
    problems.expect(drawn, `mermaid.js did not draw every diagram within 20 s: ${JSON.stringify(diagrams)}`);
    for (const g of diagrams) {
      if (!g.svg) continue;
      problems.expect(!g.error, `mermaid drew an error instead of the diagram: ${g.text}`);
      problems.expect(g.width > 100 && g.height > 20, `the diagram is ${Math.round(g.width)}x${Math.round(g.height)}px`);
      problems.expect(/Apply/.test(g.text) && /Approved/.test(g.text) && /Login/.test(g.text), `the diagram lacks its nodes: ${g.text.slice(0, 120)}`);
    }
    const script = loaded.filter((u) => /\/mermaid(\.min)?\.js(\?|$)/.test(u));
    problems.expect(script.length === 1 && script[0].startsWith(site.root + "_waymark/"), `the page loads mermaid.js from ${JSON.stringify(script)}`);
    for (const u of loaded) problems.expect(u.startsWith(site.origin + "/") || /^(data|blob):/.test(u), `a request leaves this site: ${u}`);
    for (const rel of d.noDiagram) {
      loaded = [];
      await open(page, site, rel);
      const hits = loaded.filter((u) => /mermaid/.test(u));
      problems.expect(!hits.length, `/${rel} has no diagram but requests ${hits.join(", ")}`);
    }
    await context.close();
    problems.done();
  });
}

/* ---- 9. Tutorials: pick a path, follow "next" to the end (issue 3) ---------------------------- */

async function tutorialChecks(site) {
  for (const tutorial of site.tutorials) {
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, tutorial.overview);
    const paths = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".path-card[data-path]")).map((card) => ({
        id: card.dataset.path,
        title: card.querySelector("h3").textContent.trim(),
        steps: Array.from(card.querySelectorAll("ol[data-path] > li")).map((li) => li.textContent.trim()),
      })),
    );
    await context.close();
    for (const path of paths) {
      await check(`${site.name}: tutorial /${tutorial.overview}: path "${path.id}" from "Start this path" to the last step`, () => walkPath(site, tutorial, path, paths));
    }
  }

  if (site.name === "tutorial") {
    await check(`tutorial: issue 3 expectations for the register path`, async () => {
      // The path, steps and titles the issue's fixture was written for.
      const context = await newContext(site);
      const page = await context.newPage();
      await open(page, site, "access/");
      const steps = await page.evaluate(() => Array.from(document.querySelectorAll("ol[data-path=register] > li")).map((li) => li.textContent.trim()));
      await context.close();
      const expected = ["Create an account", "Apply to the register", "Sign the data-use agreement", "Open the secure desktop"];
      if (JSON.stringify(steps) !== JSON.stringify(expected)) throw new Error(`register path steps: ${JSON.stringify(steps)}`);
    });
  }
}

async function walkPath(site, tutorial, path, paths) {
  const problems = new Problems();
  const others = paths.filter((p) => p.id !== path.id).map((p) => p.id);
  const context = await newContext(site);
  const page = await context.newPage();
  await open(page, site, tutorial.overview);
  const start = page.locator(`.path-card[data-path="${path.id}"] a.path-start`);
  problems.expect((await start.textContent()).includes("Start this path"), `the ${path.id} card has no "Start this path" link`);
  await Promise.all([page.waitForURL((url) => url.href !== site.root + tutorial.overview), start.click()]);
  await page.waitForLoadState("load");

  // What a step page must show for the chosen path, and hide for the others.
  const inspect = async (k, label) => {
    const where = `${label} ${new URL(page.url()).pathname}${new URL(page.url()).search}`;
    const title = (await page.textContent("h1")).trim();
    problems.expect(title === path.steps[k - 1], `${where}: step ${k} is "${title}", expected "${path.steps[k - 1]}"`);
    for (const [selector, what] of [
      ["[data-tutorial-step][data-path]", "step marker"],
      [".step-rail[data-path]", "step rail"],
      [".step-nav[data-path]", "step navigation"],
      [".path-passage[data-path]", "path passage"],
    ]) {
      const items = await page.evaluate(visibilityOf, selector);
      for (const item of items) {
        if (item.path === path.id) problems.expect(item.visible, `${where}: the ${what} of the chosen path is hidden`);
        else problems.expect(!item.visible, `${where}: the ${what} of path ${item.path} is shown`);
      }
      if (what !== "path passage") problems.expect(items.some((i) => i.path === path.id && i.visible), `${where}: no ${what} for ${path.id}`);
    }
    const marker = await page.evaluate((id) => {
      const m = document.querySelector(`[data-tutorial-step][data-path="${id}"]`);
      const current = m && m.querySelector('.step-rail [aria-current="step"]');
      return m && {
        step: m.dataset.tutorialStep,
        total: m.dataset.tutorialTotal,
        text: m.textContent.replace(/\s+/g, " "),
        current: current ? Array.from(current.closest("ol").children).indexOf(current.closest("li")) + 1 : 0,
      };
    }, path.id);
    const m = path.steps.length;
    if (problems.expect(marker, `${where}: no marker for ${path.id}`)) {
      problems.expect(marker.step === String(k) && marker.total === String(m), `${where}: marker says step ${marker.step} of ${marker.total}, expected ${k} of ${m}`);
      problems.expect(marker.text.includes(`Step ${k} of ${m}`), `${where}: the marker text lacks "Step ${k} of ${m}": ${marker.text.slice(0, 80)}`);
      problems.expect(marker.current === k, `${where}: the step rail marks step ${marker.current} as current`);
    }
    problems.expect(new URL(page.url()).searchParams.get("path") === path.id, `${where}: the URL does not carry ?path=${path.id}`);
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("waymark-path:")).map((k) => localStorage.getItem(k)));
    problems.expect(stored.includes(path.id), `${where}: the choice is not stored (${JSON.stringify(stored)})`);
    const switcher = await page.evaluate(visibilityOf, ".path-switcher");
    problems.expect(switcher.filter((s) => s.visible).length === 1 && switcher.find((s) => s.visible).text.includes(path.title), `${where}: the "You are following" control does not name ${path.title} exactly once`);
    // The sidebar lists the steps of this path only.
    const nav = await page.evaluate(() =>
      Array.from(document.querySelectorAll("#sidebar li[data-step-paths]")).map((li) => ({
        paths: li.dataset.stepPaths.split(/\s+/),
        shown: !li.hidden && getComputedStyle(li).display !== "none",
        text: li.textContent.trim(),
      })),
    );
    for (const item of nav) {
      if (item.paths.some((p) => p === path.id || others.includes(p))) {
        problems.expect(item.shown === item.paths.includes(path.id), `${where}: sidebar entry "${item.text}" is ${item.shown ? "shown" : "hidden"}`);
      }
    }
  };

  let k = 1;
  for (; k <= path.steps.length + 1; k++) {
    await inspect(k, `step ${k}`);
    if (k === 2 || path.steps.length === 1) {
      await page.reload({ waitUntil: "load" });
      await inspect(k, `step ${k} after a reload`);
    }
    const next = page.locator(`a[rel=next][data-path="${path.id}"]`);
    if ((await next.count()) === 0) break;
    problems.expect(await next.isVisible(), `step ${k}: the next link of ${path.id} is not visible`);
    const others = page.locator(`a[rel=next][data-path]:not([data-path="${path.id}"])`);
    for (let i = 0; i < (await others.count()); i++) problems.expect(!(await others.nth(i).isVisible()), `step ${k}: a next link of another path is visible`);
    const before = page.url();
    await Promise.all([page.waitForURL((url) => url.href !== before), next.click()]);
    await page.waitForLoadState("load");
  }
  problems.expect(k === path.steps.length, `following "next" took ${k} steps, the path has ${path.steps.length}`);
  const last = page.locator(`.step-nav[data-path="${path.id}"] a.step-nav-next`);
  problems.expect((await last.count()) === 1 && (await last.isVisible()), `the last step has no visible way back to the overview`);

  // Another step of the path, opened without ?path=, still shows only the chosen path.
  const shared = await page.evaluate((id) => {
    const rail = document.querySelector(`.step-rail[data-path="${id}"]`);
    return Array.from(rail.querySelectorAll("a")).map((a) => a.getAttribute("href").replace(/\?.*$/, ""));
  }, path.id);
  const base = page.url();
  for (const [index, href] of shared.entries()) {
    if (index !== 0 && index !== shared.length - 1) continue;
    await page.goto(new URL(href, base).href, { waitUntil: "load" });
    problems.expect(!new URL(page.url()).search, "opened without ?path=");
    const markers = (await page.evaluate(visibilityOf, "[data-tutorial-step][data-path]")).filter((i) => i.visible);
    problems.expect(markers.length === 1 && markers[0].path === path.id, `${new URL(page.url()).pathname} without ?path= shows the markers of: ${markers.map((i) => i.path).join(", ")}`);
    const passages = await page.evaluate(visibilityOf, ".path-passage[data-path]");
    for (const p of passages) problems.expect(p.visible === (p.path === path.id), `${new URL(page.url()).pathname} without ?path=: passage for ${p.path} is ${p.visible ? "shown" : "hidden"}`);
  }

  // Back on the overview the chosen card is marked.
  await open(page, site, tutorial.overview);
  if (paths.length > 1) {
    const chosen = await page.evaluate(() => Array.from(document.querySelectorAll(".path-card.is-chosen")).map((c) => c.dataset.path));
    problems.expect(chosen.length === 1 && chosen[0] === path.id, `the overview marks ${chosen.join(", ") || "no"} card as chosen`);
  }
  await context.close();
  problems.done();
}

/* ---- 8. Screenshots --------------------------------------------------------------------- */

async function screenshots(site, options) {
  await check(`${site.name}: screenshots (desktop, phone, dark)`, async () => {
    fs.mkdirSync(options.screenshots, { recursive: true });
    const variants = [
      { name: "desktop", viewport: DESKTOP, colorScheme: "light" },
      { name: "phone", viewport: PHONE, colorScheme: "light" },
      { name: "dark", viewport: DESKTOP, colorScheme: "dark" },
    ];
    for (const variant of variants) {
      const context = await newContext(site, variant);
      const page = await context.newPage();
      for (const rel of site.screenshots) {
        await open(page, site, rel);
        const slug = rel.replace("?path=", "/").replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home";
        await page.screenshot({ path: path.join(options.screenshots, `${site.name}-${slug}-${variant.name}.png`), fullPage: true });
        if (options.readme && rel === site.readme && variant.name === "desktop") {
          await page.screenshot({ path: options.readme, fullPage: false });
          log(`     wrote ${options.readme} (${Math.round(fs.statSync(options.readme).size / 1024)} KB)`);
        }
        // The documented screenshots (docs/screenshots/): a step page and a reference page,
        // desktop light and dark and phone, as the first screen shows them.
        const documented = options.readme && site.documented && site.documented[rel];
        if (documented) {
          const file = path.join(path.dirname(options.readme), "screenshots", `${documented}-${variant.name}.png`);
          fs.mkdirSync(path.dirname(file), { recursive: true });
          await page.screenshot({ path: file, fullPage: false });
          log(`     wrote ${file}`);
        }
      }
      await context.close();
    }
  });
}

/* ---- Issue 20: what readers notice ------------------------------------------------------ */

/* In-page: boxes of the visible header controls, and of the icon or label each shows. */
function headerControls() {
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility === "visible" && el.checkVisibility({ opacityProperty: true });
  };
  const box = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  return Array.from(document.querySelectorAll(".site-header .nav-toggle, .site-header .nav-jump, .site-header .site-title, .site-header .search, .site-header .scheme-toggle, .site-header .repo-link"))
    .filter(shown)
    .map((el) => {
      const name = el.className.split(/\s+/)[0];
      const r = el.getBoundingClientRect();
      // What the reader sees of it: its visible icons and the visible text it draws.
      const icons = Array.from(el.querySelectorAll("svg")).filter(shown).map((svg) => box(svg.getBoundingClientRect()));
      let label = "";
      const input = el.querySelector("input");
      for (const node of el.querySelectorAll("*")) {
        if (node.children.length === 0 && shown(node) && !node.closest("svg") && node.tagName !== "INPUT" && !node.classList.contains("visually-hidden") && getComputedStyle(node).color !== "rgba(0, 0, 0, 0)") label += node.textContent.trim();
      }
      if (el.children.length === 0) label = el.textContent.trim();
      return { name, box: box(r), icons, label, inputWidth: input ? input.getBoundingClientRect().width : null };
    });
}

function intersects(a, b, slack = 0.5) {
  return a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
}

function inside(inner, outer, slack = 0.5) {
  return inner.left >= outer.left - slack && inner.right <= outer.right + slack && inner.top >= outer.top - slack && inner.bottom <= outer.bottom + slack;
}

async function readerChecks(site) {
  if (!site.reader) return;
  const r = site.reader;

  await check(`${site.name}: issue 20: at 375px no two header controls overlap and each shows an icon or label`, async () => {
    const problems = new Problems();
    const context = await newContext(site, { viewport: PHONE });
    const page = await context.newPage();
    for (const rel of [r.home, r.step]) {
      await open(page, site, rel);
      const controls = await page.evaluate(headerControls);
      for (let i = 0; i < controls.length; i++) {
        const c = controls[i];
        problems.expect(c.icons.length > 0 || c.label.length > 0, `/${rel}: ${c.name} shows neither an icon nor a label`);
        for (const icon of c.icons) problems.expect(inside(icon, c.box), `/${rel}: the icon of ${c.name} is drawn outside it (${JSON.stringify(icon)} vs ${JSON.stringify(c.box)})`);
        if (c.inputWidth !== null) problems.expect(c.icons.every((icon) => c.inputWidth >= icon.right - icon.left + 8), `/${rel}: the search box (${c.inputWidth}px) is narrower than its icon`);
        for (let j = i + 1; j < controls.length; j++) {
          const d = controls[j];
          const drawn = (x) => [x.box, ...x.icons];
          if (drawn(c).some((a) => drawn(d).some((b) => intersects(a, b)))) problems.add(`/${rel}: ${c.name} and ${d.name} overlap`);
        }
      }
    }
    await context.close();
    problems.done();
  });

  await check(`${site.name}: issue 20: with the banner shown, the open phone menu does not cover the header`, async () => {
    const problems = new Problems();
    for (const reducedMotion of ["reduce", "no-preference"]) {
    const context = await newContext(site, { viewport: PHONE, reducedMotion });
    const page = await context.newPage();
    await open(page, site, r.page);
    problems.expect(await page.isVisible(".announcement"), "the announcement banner is not shown");
    for (const scrolled of [0, 38, 60, 400]) {
      await page.evaluate((y) => window.scrollTo(0, y), scrolled);
      await page.click(".nav-toggle");
      await settle(page);
      // The reader scrolls the page (or the menu) while it is open.
      await page.mouse.move(300, 600);
      await page.mouse.wheel(0, scrolled ? -scrolled : 200);
      await page.waitForTimeout(200);
      const boxes = await page.evaluate(() => ({
        header: document.querySelector(".site-header").getBoundingClientRect().toJSON(),
        sidebar: document.getElementById("sidebar").getBoundingClientRect().toJSON(),
        toggle: document.querySelector(".nav-toggle").getBoundingClientRect().toJSON(),
      }));
      problems.expect(boxes.sidebar.top >= boxes.header.bottom - 1, `${reducedMotion}, scrolled ${scrolled}px: the menu's top (${Math.round(boxes.sidebar.top)}px) cuts through the header (${Math.round(boxes.header.top)}-${Math.round(boxes.header.bottom)}px)`);
      const hit = await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest(".nav-toggle"), { x: boxes.toggle.left + boxes.toggle.width / 2, y: boxes.toggle.top + boxes.toggle.height / 2 });
      problems.expect(hit, `${reducedMotion}, scrolled ${scrolled}px: the open menu covers the button that closes it`);
      await page.keyboard.press("Escape");
      await settle(page);
    }
    await context.close();
    }
    problems.done();
  });

  await check(`${site.name}: issue 20: the copy button never covers code text`, async () => {
    const problems = new Problems();
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await newContext(site, { viewport });
      const page = await context.newPage();
      for (const rel of r.code) {
        await open(page, site, rel);
        const blocks = await page.$$("div.highlight:has(.copy-button)");
        problems.expect(blocks.length > 0, `/${rel}: no code block with a copy button`);
        for (const [index, block] of blocks.entries()) {
          await block.scrollIntoViewIfNeeded();
          await block.hover();
          const found = await block.evaluate((el) => {
            const button = el.querySelector(".copy-button").getBoundingClientRect();
            const code = el.querySelector("pre");
            const hits = [];
            const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if (!node.textContent.trim()) continue;
              const range = document.createRange();
              range.selectNodeContents(node);
              for (const t of range.getClientRects()) {
                if (t.width > 0 && t.left < button.right && button.left < t.right && t.top < button.bottom && button.top < t.bottom) hits.push(node.textContent.trim().slice(0, 30));
              }
            }
            return hits;
          });
          if (found.length) problems.add(`/${rel} at ${viewport.width}px: block ${index + 1}: the copy button covers "${found.join('", "')}"`);
        }
      }
      await context.close();
    }
    problems.done();
  });

  for (const js of [true, false]) {
    await check(`${site.name}: issue 20: on a phone the contents are a closed disclosure after the title and the text starts on the first screen${js ? "" : " (no JavaScript)"}`, async () => {
      const problems = new Problems();
      const context = await newContext(site, { viewport: PHONE, js });
      const page = await context.newPage();
      for (const rel of [r.page, r.stepChosen]) {
        await open(page, site, rel);
        const info = await page.evaluate(() => {
          const visible = (el) => el && el.checkVisibility() && el.getBoundingClientRect().height > 0;
          const tocs = Array.from(document.querySelectorAll(".toc, .toc-fold")).filter(visible);
          const title = document.querySelector(".page-title, .content h1");
          const first = Array.from(document.querySelectorAll("main .content > *")).find(visible);
          return {
            tocs: tocs.map((t) => ({ tag: t.tagName.toLowerCase(), open: t.open === true, afterTitle: !!title && !!(title.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING), links: Array.from(t.querySelectorAll("a")).filter(visible).length })),
            firstTop: first ? first.getBoundingClientRect().top : null,
          };
        });
        problems.expect(info.tocs.length === 1, `/${rel}: ${info.tocs.length} visible "On this page" boxes`);
        for (const t of info.tocs) {
          problems.expect(t.tag === "details" && !t.open, `/${rel}: "On this page" is a ${t.tag}${t.open ? " (open)" : ""}, not a closed details`);
          problems.expect(t.afterTitle, `/${rel}: "On this page" comes before the title`);
          problems.expect(t.links === 0, `/${rel}: ${t.links} contents links show before the disclosure is opened`);
        }
        problems.expect(info.firstTop !== null && info.firstTop < PHONE.height - 40, `/${rel}: the text starts at ${Math.round(info.firstTop)}px, below the first screen (${PHONE.height}px)`);
      }
      await context.close();
      problems.done();
    });
  }

  if (r.sharedStep) {
    for (const js of [true, false]) {
      await check(`${site.name}: issue 20: a shared step opened with no path chosen shows one rail, after the path choice${js ? "" : " (no JavaScript)"}`, async () => {
        const problems = new Problems();
        const context = await newContext(site, { js });
        const page = await context.newPage();
        await open(page, site, r.sharedStep);
        const info = await page.evaluate(() => {
          const visible = (el) => el.checkVisibility() && el.getBoundingClientRect().height > 0;
          const rails = Array.from(document.querySelectorAll(".step-rail")).filter(visible);
          const navs = Array.from(document.querySelectorAll(".step-nav")).filter(visible);
          const choice = Array.from(document.querySelectorAll(".step-choice")).filter(visible)[0];
          const choices = choice ? Array.from(choice.querySelectorAll("a, button")).filter(visible).map((a) => a.textContent.trim()) : [];
          return {
            rails: rails.length,
            navs: navs.length,
            choices,
            choiceFirst: !!choice && rails.every((rail) => !!(choice.compareDocumentPosition(rail) & Node.DOCUMENT_POSITION_FOLLOWING)),
            chipRows: choice ? new Set(Array.from(choice.querySelectorAll("a, button")).filter(visible).map((b) => Math.round(b.getBoundingClientRect().top))).size : 0,
          };
        });
        problems.expect(info.rails === 1, `${info.rails} step rails are shown`);
        problems.expect(info.choices.length >= 2, `no path choice is shown (${JSON.stringify(info.choices)})`);
        problems.expect(info.choiceFirst, "the path choice does not come before the rail");
        problems.expect(info.chipRows <= 1, `the path choices wrap over ${info.chipRows} rows`);
        if (js) problems.expect(info.navs <= 1, `${info.navs} previous/next pairs are shown`);
        // Choosing a path shows that path's rail, with "Step K of M".
        const second = await page.$$(".step-choice a, .step-choice button");
        if (second.length >= 2) {
          const name = (await second[1].textContent()).trim();
          await second[1].click();
          await page.waitForTimeout(300);
          const after = await page.evaluate(() => Array.from(document.querySelectorAll(".step-marker")).filter((m) => m.checkVisibility() && m.getBoundingClientRect().height > 0).map((m) => m.textContent.replace(/\s+/g, " ")));
          problems.expect(after.length === 1 && after[0].includes(name), `after choosing "${name}" the shown markers are ${JSON.stringify(after)}`);
        }
        await context.close();
        problems.done();
      });
    }
  }

  await check(`${site.name}: issue 20: breadcrumbs are the whole trail from Home, in a nav with aria-current on the last`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, r.deep.rel);
    const crumbs = await page.evaluate(() => {
      const nav = document.querySelector("nav.breadcrumbs[aria-label]");
      if (!nav) return null;
      return Array.from(nav.querySelectorAll("li")).map((li) => ({ text: li.textContent.trim(), current: !!li.querySelector("[aria-current=page]"), link: !!li.querySelector("a[href]") }));
    });
    if (!crumbs) problems.add("no nav.breadcrumbs with an aria-label");
    else {
      problems.expect(JSON.stringify(crumbs.map((c) => c.text)) === JSON.stringify(r.deep.trail), `the trail is ${JSON.stringify(crumbs.map((c) => c.text))}, expected ${JSON.stringify(r.deep.trail)}`);
      problems.expect(crumbs.length > 0 && crumbs[crumbs.length - 1].current, "the last crumb has no aria-current=page");
      problems.expect(crumbs.length > 0 && crumbs[0].link, "Home is not a link");
    }
    await context.close();
    problems.done();
  });

  await check(`${site.name}: issue 20: back to top appears after scrolling, works from the keyboard and is hidden in print`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, r.long);
    const shown = () => page.evaluate(() => { const b = document.querySelector(".back-to-top"); return !!b && b.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && b.getBoundingClientRect().height > 0; });
    problems.expect(!(await shown()), "back to top shows before scrolling");
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(300);
    problems.expect(await shown(), "back to top does not show after scrolling to the end");
    if (await shown()) {
      await page.focus(".back-to-top");
      const focus = await page.evaluate(describeFocus);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Shift+Tab");
      const again = await page.evaluate(describeFocus);
      for (const p of ringProblems(again)) problems.add(p);
      problems.expect(focus && /back-to-top/.test(focus.what), `focus is not on the button: ${focus && focus.what}`);
      await page.keyboard.press("Enter");
      await page.waitForTimeout(400);
      problems.expect((await page.evaluate(() => window.scrollY)) < 5, "Enter did not go back to the top");
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForTimeout(300);
      await page.emulateMedia({ media: "print" });
      problems.expect(!(await shown()), "back to top is printed");
    }
    await context.close();
    problems.done();
  });

  await check(`${site.name}: issue 20: a favicon that loads, and a footer with copyright, previous/next and last updated`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    const failed = [];
    page.on("response", (response) => { if (response.status() >= 400 && !response.request().isNavigationRequest()) failed.push(response.url()); });
    await open(page, site, r.page);
    const icon = await page.evaluate(() => { const l = document.querySelector("link[rel~=icon]"); return l ? l.href : null; });
    problems.expect(!!icon, "no <link rel=icon>");
    if (icon) {
      const status = await page.evaluate(async (u) => (await fetch(u)).status, icon);
      problems.expect(status === 200, `the favicon ${icon} answers ${status}`);
    }
    const favicon = await page.evaluate(async () => (await fetch("/favicon.ico")).status).catch(() => 0);
    problems.expect(!failed.length, `requests failed: ${failed.join(", ")}`);
    const footer = await page.evaluate(() => {
      const f = document.querySelector("footer.site-footer");
      return f && { text: f.textContent.replace(/\s+/g, " "), prevNext: f.querySelectorAll("a[rel=prev], a[rel=next]").length, updated: !!f.querySelector("time[datetime]") };
    });
    if (!footer) problems.add("no footer");
    else {
      if (r.copyright) problems.expect(footer.text.includes(r.copyright), `the footer lacks the copyright line "${r.copyright}": ${footer.text.slice(0, 200)}`);
      problems.expect(footer.prevNext >= 1, "the footer has no previous/next link");
      if (r.updated) problems.expect(footer.updated, "the footer has no last-updated <time>");
    }
    void favicon;
    await context.close();
    problems.done();
  });
}

/* ---- 7. The Nu HTML Checker -------------------------------------------------------------------- */

function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(full));
    else if (entry.name.endsWith(".html")) out.push(full);
  }
  return out.sort();
}

/* Starts the checker at once (it runs while the browser works) and returns its verdict later. */
function startVnu(sites) {
  const files = sites.flatMap((site) => htmlFiles(site.dir));
  return new Promise((resolve) => {
    const child = spawn("java", ["-Xss16m", "-jar", VNU_JAR, "--errors-only", "--format", "json", ...files], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (error) => resolve({ error: `could not run java: ${error.message}`, files }));
    child.on("close", (code) => {
      try {
        resolve({ code, files, messages: JSON.parse(stderr || stdout).messages });
      } catch {
        resolve({ error: `the checker exited with ${code}: ${(stderr + stdout).slice(0, 2000)}`, files });
      }
    });
  });
}

async function vnuCheck(pending, sites) {
  await check(`HTML validity (Nu HTML Checker) of ${sites.map((s) => s.name).join(", ")}`, async () => {
    const result = await pending;
    if (result.error) throw new Error(result.error);
    const errors = result.messages.filter((m) => m.type === "error" || m.type === "non-document-error");
    if (errors.length) {
      const roots = sites.map((s) => s.dir);
      const lines = errors.slice(0, 40).map((m) => {
        let file = decodeURIComponent((m.url || "").replace(/^file:/, ""));
        const root = roots.find((r) => file.startsWith(r));
        if (root) file = sites.find((s) => s.dir === root).name + ":" + file.slice(root.length + 1);
        return `${file}:${m.lastLine || "?"}: ${m.message}${m.extract ? `\n    ${m.extract.replace(/\n/g, "⏎").slice(0, 160)}` : ""}`;
      });
      throw new Error(`${errors.length} error(s) in ${result.files.length} files\n${lines.join("\n")}${errors.length > 40 ? "\n..." : ""}`);
    }
    log(`     ${result.files.length} files checked`);
  });
}

/* ---- Issue 17: the whole navigation tree ---------------------------------------------------- */

/* In-page: the tree's state, for the checks below. */
function treeState() {
  const sidebar = document.getElementById("sidebar");
  const tree = sidebar && sidebar.querySelector(".nav-tree");
  const current = tree && tree.querySelectorAll('[aria-current="page"]');
  let inView = false;
  if (current && current.length === 1) {
    const box = sidebar.getBoundingClientRect(), link = current[0].getBoundingClientRect();
    inView = link.top >= box.top && link.bottom <= box.bottom + 1;
  }
  return {
    tree: !!tree,
    current: current ? Array.from(current).map((a) => a.textContent) : [],
    inView,
    focus: document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : "",
  };
}

/* The toggle button of the section titled `title` in the tree. */
function sectionButton(page, title) {
  return page.locator("#sidebar .nav-tree").getByRole("button", { name: title, exact: true });
}

async function expandWholeTree(page) {
  for (let round = 0; round < 10; round++) {
    const closed = page.locator('#sidebar .nav-expand[aria-expanded="false"]');
    const count = await closed.count();
    if (!count) return;
    for (let i = count - 1; i >= 0; i--) await closed.nth(i).click();
  }
}

async function navTreeChecks(site) {
  const t = site.navTree;
  if (!t) return;

  await check(`${site.name}: navigation tree: current page marked and in view; a far section opened by keyboard keeps focus and leads to its page; open sections persist`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, t.start);
    let state = await page.evaluate(treeState);
    problems.expect(state.tree, "the bounded sidebar was not replaced by the whole tree");
    problems.expect(state.current.length === 1 && state.current[0] === t.current, `aria-current marks ${JSON.stringify(state.current)}, not ${t.current}`);
    problems.expect(state.inView, "the current page is not in view in the sidebar");
    const button = sectionButton(page, t.far.section);
    problems.expect((await button.getAttribute("aria-expanded")) === "false", `${t.far.section} starts open`);
    const focus = await pressTabTo(page, `#${await button.getAttribute("id")}`, 80);
    for (const p of ringProblems(focus)) problems.add(p);
    await page.keyboard.press("Enter");
    problems.expect((await button.getAttribute("aria-expanded")) === "true", `Enter did not open ${t.far.section}`);
    problems.expect(await page.evaluate((id) => document.activeElement && document.activeElement.id === id, await button.getAttribute("id")), "focus left the button");
    const controlled = await button.getAttribute("aria-controls");
    problems.expect(controlled && (await page.locator(`#${controlled}`).isVisible()), "aria-controls does not name the shown list");
    await pressTabTo(page, `#sidebar a[href$="${t.far.url}"]`, 5);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    problems.expect(page.url() === site.root + t.far.url, `Enter on ${t.far.page} led to ${page.url()}`);
    await open(page, site, t.start);
    problems.expect((await sectionButton(page, t.far.section).getAttribute("aria-expanded")) === "true", `${t.far.section} was closed again on the next page (not remembered)`);
    await sectionButton(page, t.far.section).press("Space");
    problems.expect((await sectionButton(page, t.far.section).getAttribute("aria-expanded")) === "false", `Space did not close ${t.far.section}`);
    await context.close();
    problems.done();
  });

  await check(`${site.name}: navigation tree: nested collapsed sections opened by pointer and their page followed`, async () => {
    const problems = new Problems();
    const context = await newContext(site);
    const page = await context.newPage();
    await open(page, site, t.far.url);
    for (const title of t.nested.sections) {
      const button = sectionButton(page, title);
      problems.expect((await button.getAttribute("aria-expanded")) === "false", `${title} starts open`);
      await button.click();
      problems.expect((await button.getAttribute("aria-expanded")) === "true", `a click did not open ${title}`);
    }
    await Promise.all([page.waitForNavigation(), page.click(`#sidebar a:text-is("${t.nested.page}")`)]);
    problems.expect(page.url() === site.root + t.nested.url, `clicking ${t.nested.page} led to ${page.url()}`);
    const state = await page.evaluate(treeState);
    problems.expect(state.current.length === 1 && state.current[0] === t.nested.page, `aria-current marks ${JSON.stringify(state.current)} on ${t.nested.url}`);
    await context.close();
    problems.done();
  });

  await check(`${site.name}: navigation tree from disk (file:): opened and followed`, async () => {
    const problems = new Problems();
    // Not through newContext: file: requests are not another host.
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.add(`script error: ${error.message}`));
    await page.goto("file://" + path.join(site.dir, t.start, "index.html"));
    const state = await page.evaluate(treeState);
    problems.expect(state.tree, "no tree from disk");
    problems.expect(state.current[0] === t.current, `aria-current marks ${JSON.stringify(state.current)} from disk`);
    await sectionButton(page, t.far.section).click();
    await Promise.all([page.waitForNavigation(), page.click(`#sidebar a:text-is("${t.far.page}")`)]);
    problems.expect(page.url() === "file://" + path.join(site.dir, t.far.url, "index.html"), `from disk, ${t.far.page} led to ${page.url()}`);
    problems.expect((await page.evaluate(treeState)).current[0] === t.far.page, "the followed page is not marked current");
    await context.close();
    problems.done();
  });

  await check(`${site.name}: without JavaScript every page is reached through the sidebar and section pages`, async () => {
    const context = await newContext(site, { js: false });
    const page = await context.newPage();
    const wanted = htmlFiles(site.dir)
      .map((file) => path.relative(site.dir, file).split(path.sep).join("/"))
      .filter((rel) => rel !== "404.html")
      .map((rel) => rel.replace(/index\.html$/, ""));
    const seen = new Set([""]), queue = [""];
    while (queue.length) {
      await open(page, site, queue.shift());
      // The printable guide (print.html) is reached through the footer's link.
      const links = await page.evaluate(() => Array.from(document.querySelectorAll("#sidebar a[href], main .content a[href], .print-link a[href]"), (a) => a.href));
      for (const href of links) {
        if (!href.startsWith(site.root)) continue;
        const rel = href.slice(site.root.length).replace(/[?#].*$/, "");
        if (!seen.has(rel)) { seen.add(rel); queue.push(rel); }
      }
    }
    const missed = wanted.filter((rel) => !seen.has(rel));
    await context.close();
    if (missed.length) throw new Error(`${missed.length} of ${wanted.length} pages not reached: ${missed.slice(0, 10).join(", ")}`);
    log(`     ${wanted.length} pages reached`);
  });

  for (const viewport of [DESKTOP, PHONE]) {
    await check(`${site.name}: axe WCAG 2.1 A/AA on the whole tree expanded at ${viewport.width}px, light and dark`, async () => {
      const problems = new Problems();
      for (const scheme of SCHEMES.filter((s) => !s.desktopOnly)) {
        const context = await newContext(site, { viewport, colorScheme: scheme.colorScheme, stored: scheme.stored, axe: true });
        const page = await context.newPage();
        await open(page, site, t.start);
        if (viewport === PHONE) {
          await page.click(".nav-toggle");
          await settle(page);
        }
        const where = `/${t.start} (${viewport.width}px, ${scheme.name})`;
        problems.expect((await page.evaluate(treeState)).tree, `${where}: no navigation tree`);
        await expandWholeTree(page);
        problems.expect((await page.locator('#sidebar .nav-expand[aria-expanded="false"]').count()) === 0, `${where}: the tree did not fully open`);
        const violations = await runAxe(page);
        if (violations.length) problems.add(`${where}: ${violations.length} axe violation(s)\n${formatViolations(violations)}`);
        await context.close();
      }
      problems.done();
    });
  }
}

/* ---- 6. Self-contained ---------------------------------------------------------------------- */

async function selfContainedCheck(sites) {
  await check(`self-contained: ${requests.length} requests, none to another host; no failed requests or script errors`, async () => {
    const problems = new Problems();
    const local = new Set(sites.map((s) => s.origin));
    const foreign = new Map();
    for (const r of requests) {
      if (/^(data|blob|about):/.test(r.url)) continue;
      let origin;
      try {
        origin = new URL(r.url).origin;
      } catch {
        origin = r.url;
      }
      if (!local.has(origin) && !foreign.has(r.url)) foreign.set(r.url, r.from);
    }
    for (const [url, from] of foreign) problems.add(`request to another host: ${url} (from ${from})`);
    for (const bad of new Set(badResponses)) problems.add(bad);
    for (const error of new Set(pageErrors)) problems.add(`script error: ${error}`);
    problems.done();
  });
}

/* ---- Main ---------------------------------------------------------------------------------- */

async function main() {
  const options = parseArgs(process.argv.slice(2));
  only = options.only;
  for (const site of options.sites) await serve(site);
  log(`serving ${options.sites.map((s) => `${s.name} at ${s.root}`).join(", ")}`);
  const vnuSites = options.sites.filter((s) => options.vnu.includes(s.name));
  const vnu = vnuSites.length && (!only || only.test("HTML validity")) ? startVnu(vnuSites) : null;

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  log(`Chromium ${browser.version()}`);
  // Independent groups of checks, run two at a time (one browser, separate contexts). The
  // long axe runs go first, so that no lane is left with one of them at the end.
  const tasks = [];
  const bySize = [...options.sites].sort((a, b) => Object.keys(b.pages).length - Object.keys(a.pages).length);
  for (const site of bySize) tasks.push(() => axeChecks(site, DESKTOP), () => axeChecks(site, PHONE));
  for (const site of options.sites) {
    tasks.push(
      () => tutorialChecks(site),
      () => keyboardChecks(site),
      () => phoneChecks(site),
      () => noScriptChecks(site),
      () => printChecks(site),
      () => printGuideChecks(site),
      () => dialectChecks(site),
      () => readerChecks(site),
      () => screenshots(site, options),
      () => navTreeChecks(site),
    );
  }
  try {
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        while (tasks.length) await tasks.shift()();
      }),
    );
    if (!only || only.test("self-contained")) await selfContainedCheck(options.sites);
  } finally {
    await browser.close();
  }
  if (vnu) await vnuCheck(vnu, vnuSites);
  for (const site of options.sites) site.server.close();

  const failed = results.filter((r) => !r.ok);
  const seconds = ((Date.now() - STARTED) / 1000).toFixed(1);
  if (failed.length) {
    log(`\nfailed checks:\n${failed.map((r) => `  ${r.name}`).join("\n")}`);
  }
  log(`\nbrowser tests: ${results.length - failed.length} passed, ${failed.length} failed, in ${seconds} s`);
  process.exitCode = failed.length || !results.length ? 1 : 0;
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
