#!/usr/bin/env node
// Packs the icon sets and emoji names that Waymark's Markdown shortcodes use
// (`:material-...:`, `:octicons-...:`, `:fontawesome-...:`, `:simple-...:`, `:lucide-...:`,
// `:smile:`) into
// compressed data
// files under src/markdown/icons/, which the binary embeds with include_bytes!.
//
// Run it at development time, never at build time:
//
//     mkdir -p /tmp/icons && cd /tmp/icons && npm init -y && \
//       npm install @mdi/svg@7.4.47 @primer/octicons@19.42.0 @fortawesome/fontawesome-free@7.3.1 \
//         simple-icons@16.37.0 gemoji@8.1.0 lucide-static@1.87.0
//     node scripts/vendor-icons.mjs /tmp/icons/node_modules
//
// Output (each a gzip of UTF-8 lines sorted by name, so the reader can binary-search):
//   icons.tsv.gz  `name<TAB>viewBox<TAB>inner SVG markup`, in blocks (see ICON_BLOCK)
//   icons.idx     `first name of a block<TAB>its byte offset in icons.tsv.gz`
//   emoji.tsv.gz  `name<TAB>emoji`
// and the licence of every set beside them, plus SOURCES.md with the package versions.

import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const modules = process.argv[2];
if (!modules) {
  console.error("usage: node scripts/vendor-icons.mjs NODE_MODULES_DIR");
  process.exit(2);
}
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "src", "markdown", "icons");
fs.mkdirSync(out, { recursive: true });

const version = (pkg) => JSON.parse(fs.readFileSync(path.join(modules, pkg, "package.json"), "utf8")).version;

/** The root attributes that draw a set drawn by strokes (Lucide's): kept on a group. */
const STROKE_ATTRIBUTES = ["fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin"];

/** viewBox and inner markup of one SVG file, without comments, titles, ids, sizes or fills;
 * with `strokes`, inside a group that keeps how the root draws them. */
function parseSvg(text, file, strokes = false) {
  const open = text.match(/<svg\b[^>]*>/);
  if (!open) throw new Error(`no <svg> in ${file}`);
  const viewBox = open[0].match(/viewBox="([^"]+)"/);
  if (!viewBox) throw new Error(`no viewBox in ${file}`);
  let inner = text
    .slice(open.index + open[0].length, text.lastIndexOf("</svg>"))
    .replace(/<!--[\s\S]*?-->/g, "")
    // Simple Icons name the brand in a <title>; the icon is decoration (aria-hidden), as
    // in Material's copy of the set, so no tooltip either.
    .replace(/<title>[\s\S]*?<\/title>/g, "")
    .replace(/\s+fill="currentColor"/g, "")
    .replace(/\s+id="[^"]*"/g, "")
    .replace(/\s*\/>/g, "/>")
    .replace(/[\t\n\r]+/g, " ")
    .trim();
  if (strokes) {
    const drawn = STROKE_ATTRIBUTES.map((name) => {
      const value = open[0].match(new RegExp(`\\s${name}="([^"]+)"`));
      if (!value) throw new Error(`no ${name} on the <svg> of ${file}`);
      return ` ${name}="${value[1]}"`;
    });
    inner = `<g${drawn.join("")}>${inner}</g>`;
  }
  if (inner.includes("\t")) throw new Error(`tab in ${file}`);
  return [viewBox[1], inner];
}

const rows = [];
function addDir(dir, prefix, strokes = false) {
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith(".svg")) continue;
    const name = prefix + file.slice(0, -4);
    const [viewBox, inner] = parseSvg(fs.readFileSync(path.join(dir, file), "utf8"), file, strokes);
    rows.push(`${name}\t${viewBox}\t${inner}`);
  }
}

addDir(path.join(modules, "@mdi/svg/svg"), "material-");
addDir(path.join(modules, "@primer/octicons/build/svg"), "octicons-");
for (const style of ["brands", "regular", "solid"]) {
  addDir(path.join(modules, "@fortawesome/fontawesome-free/svgs", style), `fontawesome-${style}-`);
}
// Material names brand logos after Simple Icons' slugs: `:simple-github:`.
addDir(path.join(modules, "simple-icons/icons"), "simple-");
// Zensical's own set: `:lucide-check:`, drawn by strokes.
addDir(path.join(modules, "lucide-static/icons"), "lucide-", true);
rows.sort((a, b) => (a.split("\t")[0] < b.split("\t")[0] ? -1 : 1));
// Blocks of ICON_BLOCK rows, each its own gzip member (the file is still one valid gzip
// stream), and an index of each block's first name and byte offset: a page that uses one
// icon decompresses about 45 KB rather than all 10 MB.
const ICON_BLOCK = 64;
const members = [];
const index = [];
let offset = 0;
for (let i = 0; i < rows.length; i += ICON_BLOCK) {
  const block = rows.slice(i, i + ICON_BLOCK);
  const member = zlib.gzipSync(block.join("\n") + "\n", { level: 9 });
  index.push(`${block[0].split("\t")[0]}\t${offset}`);
  members.push(member);
  offset += member.length;
}
fs.writeFileSync(path.join(out, "icons.tsv.gz"), Buffer.concat(members));
fs.writeFileSync(path.join(out, "icons.idx"), index.join("\n") + "\n");

const gemoji = (await import(path.join(modules, "gemoji", "index.js"))).gemoji;
const emoji = new Map();
for (const entry of gemoji) for (const name of entry.names) if (!emoji.has(name)) emoji.set(name, entry.emoji);
const emojiRows = [...emoji].map(([name, e]) => `${name}\t${e}`).sort();
fs.writeFileSync(path.join(out, "emoji.tsv.gz"), zlib.gzipSync(emojiRows.join("\n") + "\n", { level: 9 }));

const licences = [
  ["@mdi/svg/LICENSE", "LICENSE-mdi-svg.txt"],
  ["@primer/octicons/LICENSE", "LICENSE-octicons.txt"],
  ["@fortawesome/fontawesome-free/LICENSE.txt", "LICENSE-fontawesome-free.txt"],
  ["simple-icons/LICENSE.md", "LICENSE-simple-icons.md"],
  ["lucide-static/LICENSE", "LICENSE-lucide.txt"],
  ["gemoji/license", "LICENSE-gemoji.txt"],
];
for (const [from, to] of licences) fs.copyFileSync(path.join(modules, from), path.join(out, to));

fs.writeFileSync(
  path.join(out, "SOURCES.md"),
  `# Vendored icon and emoji data

Generated by \`scripts/vendor-icons.mjs\`; do not edit by hand.

| File | Package | Version | Licence |
|---|---|---|---|
| icons.tsv.gz (\`material-*\`) | @mdi/svg (Material Design Icons) | ${version("@mdi/svg")} | Apache-2.0, LICENSE-mdi-svg.txt |
| icons.tsv.gz (\`octicons-*\`) | @primer/octicons | ${version("@primer/octicons")} | MIT, LICENSE-octicons.txt |
| icons.tsv.gz (\`fontawesome-*\`) | @fortawesome/fontawesome-free | ${version("@fortawesome/fontawesome-free")} | icons CC BY 4.0, LICENSE-fontawesome-free.txt |
| icons.tsv.gz (\`simple-*\`) | simple-icons (brand logos; the brands' own trademark terms apply, see DISCLAIMER in the package) | ${version("simple-icons")} | CC0-1.0, LICENSE-simple-icons.md |
| icons.tsv.gz (\`lucide-*\`) | lucide-static (Lucide, the icons of Zensical's theme) | ${version("lucide-static")} | ISC, LICENSE-lucide.txt |
| emoji.tsv.gz | gemoji (names only; the emoji are Unicode characters) | ${version("gemoji")} | MIT, LICENSE-gemoji.txt |
| twemoji.tsv.gz (by \`scripts/vendor-twemoji.py\`) | pymdown-extensions' \`twemoji_db\` (the names of Material's \`twemoji\` index, from EmojiOne; names only) | 10.0.0 index of Twemoji v16.0.1 | MIT, LICENSE-pymdown-extensions.md |

${rows.length} icons, ${emojiRows.length} emoji names. Font Awesome's licence asks for attribution:
the SVGs written into pages keep their origin in this file and in the site's generator notice.
`
);
console.log(`${rows.length} icons (${offset} bytes in ${index.length} blocks), ${emojiRows.length} emoji names`);
