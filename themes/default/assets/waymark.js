/*
 * Waymark default theme: progressive enhancement only. Every page works without this
 * file: the navigation (with the section pages), all tutorial paths and their passages
 * are in the HTML.
 *
 * 1. Colour scheme toggle     5. Announcement dismissal    9. Back to top
 * 2. Navigation menu          6. Tutorial paths           10. Images that open enlarged
 * 3. Copy buttons             7. Print, sideways boxes    11. Versions (mike), and the
 * 4. "On this page" scroll-spy 8. Opened from disk            header's menus
 */
(function () {
  "use strict";

  var root = document.documentElement;

  /* The theme's words in the site's language (<body data-words>, from i18n/*.toml), with
     English where a page has none; `{name}` is filled from `values`. */
  var words = {};
  try { words = JSON.parse(document.body.getAttribute("data-words") || "{}"); } catch (e) { /* English */ }
  function word(key, english, values) {
    var text = typeof words[key] === "string" ? words[key] : english;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  /* ---- Helpers ---------------------------------------------------------------- */

  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }

  function load(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function save(key, value) { // storage may be blocked: the choice then lasts for this page
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* ignore */ }
  }

  /* Show a control that only works with scripts (see .js-only in waymark.css). */
  function reveal(element) {
    element.hidden = false;
    element.classList.remove("js-only");
  }

  var status = null; // a polite live region for confirmations
  function announce(text) {
    if (!status) {
      status = document.body.appendChild(document.createElement("div"));
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
    }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 60);
  }

  /* ---- 1. Colour scheme: automatic -> light -> dark ----------------------------- */

  function initScheme() {
    var button = document.querySelector(".scheme-toggle");
    if (!button) return;
    var modes = ["auto", "light", "dark"];
    var names = {
      auto: word("js_scheme_auto", "automatic (follows your system)"),
      light: word("js_scheme_light", "light"),
      dark: word("js_scheme_dark", "dark")
    };
    function label(mode) { return word("js_scheme", "Colour scheme: {mode}", { mode: names[mode] }); }
    function apply(mode) {
      if (mode === "auto") delete root.dataset.scheme; else root.dataset.scheme = mode;
      button.dataset.mode = mode;
      button.setAttribute("aria-label", label(mode));
      button.title = label(mode) + " (" + word("js_scheme_change", "click to change") + ")";
    }
    var saved = load("waymark-scheme");
    apply(saved === "light" || saved === "dark" ? saved : "auto");
    reveal(button);
    button.addEventListener("click", function () {
      var next = modes[(modes.indexOf(button.dataset.mode) + 1) % modes.length];
      save("waymark-scheme", next === "auto" ? null : next);
      apply(next);
      announce(label(next));
    });
    window.addEventListener("storage", function (event) {
      if (event.key === "waymark-scheme") apply(event.newValue === "light" || event.newValue === "dark" ? event.newValue : "auto");
    });
  }

  /* ---- 2. Navigation menu on narrow screens ------------------------------------- */

  function initNav() {
    var toggle = document.querySelector(".nav-toggle");
    var sidebar = document.getElementById("sidebar");
    if (!sidebar) return;
    initNavTree(sidebar);
    var current = sidebar.querySelector('[aria-current="page"]');
    // Wide screens: bring the current page into view inside the sticky sidebar.
    if (current && current.offsetTop > sidebar.clientHeight * 0.6) {
      sidebar.scrollTop = current.offsetTop - sidebar.clientHeight / 3;
    }
    if (!toggle) return;
    reveal(toggle);
    var header = document.querySelector(".site-header");
    var narrow = window.matchMedia("(max-width: 799.98px)");
    function isOpen() { return toggle.getAttribute("aria-expanded") === "true"; }
    // The menu hangs below the header, wherever the header is now (the banner above it
    // scrolls away): placed on opening and kept there while the page moves.
    function place() { root.style.setProperty("--nav-top", Math.max(0, header.getBoundingClientRect().bottom) + "px"); }
    ["scroll", "resize"].forEach(function (type) {
      window.addEventListener(type, function () { if (isOpen()) place(); }, { passive: true });
    });
    function setOpen(open, returnFocus) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      root.classList.toggle("nav-open", open);
      if (open) {
        place();
        var target = current || sidebar.querySelector("a[href]");
        if (target) target.focus({ preventScroll: true });
      } else if (returnFocus) {
        toggle.focus();
      }
    }
    toggle.addEventListener("click", function () { setOpen(!isOpen(), false); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && isOpen()) setOpen(false, true);
    });
    document.addEventListener("click", function (event) {
      if (isOpen() && !sidebar.contains(event.target) && !toggle.contains(event.target)) setOpen(false, false);
    });
    sidebar.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (isOpen() && next && !sidebar.contains(next) && next !== toggle) setOpen(false, false);
    });
    sidebar.addEventListener("click", function (event) {
      if (isOpen() && event.target.closest("a[href]")) setOpen(false, false);
    });
    var onChange = function () { if (!narrow.matches && isOpen()) setOpen(false, false); };
    if (narrow.addEventListener) narrow.addEventListener("change", onChange);
    else narrow.addListener(onChange);
  }

  /* The whole tree (window.waymarkNav, from the shared {{ assets }}nav.js) replaces the
     page's own sidebar, which lists only the branch to the page and the entries around
     it. Each entry is [t: title, u: URL from the site root, e: another site, c: entries
     inside, p: tutorial paths]. A section's entries are built when it is first opened,
     so a page pays only for what the reader opens; open sections are remembered for the
     session (keyed by their place in the tree). */
  var OPEN_KEY = "waymark-nav-open";

  function initNavTree(sidebar) {
    var tree = window.waymarkNav, list = sidebar.querySelector(".sidebar-inner > .nav-list");
    if (!Array.isArray(tree) || !list) return;
    var rootHref = sidebar.getAttribute("data-root") || "", here = sidebar.getAttribute("data-page");
    var opened = {};
    try { JSON.parse(sessionStorage.getItem(OPEN_KEY) || "[]").forEach(function (k) { opened[k] = true; }); } catch (e) { /* new session */ }
    function remember(key, open) {
      if (open) opened[key] = true; else delete opened[key];
      try { sessionStorage.setItem(OPEN_KEY, JSON.stringify(Object.keys(opened))); } catch (e) { /* storage blocked */ }
    }
    // The branch to this page: the keys of the entries that lead to it.
    var branch = {}, currentKey = null;
    (function find(nodes, prefix) {
      for (var i = 0; i < nodes.length && currentKey === null; i++) {
        var key = prefix + i;
        if (!nodes[i].e && nodes[i].u === here) currentKey = key;
        else if (nodes[i].c) find(nodes[i].c, key + ".");
      }
    })(tree, "");
    if (currentKey !== null) {
      var parts = currentKey.split(".");
      for (var n = 1; n < parts.length; n++) branch[parts.slice(0, n).join(".")] = true;
    }
    function level(nodes, prefix, depth) {
      var ul = document.createElement("ul");
      ul.className = "nav-list nav-level-" + depth;
      nodes.forEach(function (node, i) { ul.appendChild(entry(node, prefix + i, depth)); });
      return ul;
    }
    function entry(node, key, depth) {
      var li = document.createElement("li"), label;
      li.className = "nav-item";
      if (node.p) li.setAttribute("data-step-paths", node.p);
      if (node.u !== undefined) {
        label = document.createElement("a");
        label.className = "nav-link" + (node.e ? " external" : "") + (branch[key] ? " active" : "");
        label.href = node.e ? node.u : (rootHref + node.u || "./");
        label.textContent = node.t;
        if (key === currentKey) { label.setAttribute("aria-current", "page"); li.className += " current"; }
        if (branch[key]) li.className += " active";
      } else {
        label = document.createElement("span");
        label.className = "nav-label";
        label.textContent = node.t;
      }
      if (!node.c) { li.appendChild(label); return li; }
      li.className += " has-children";
      var row = li.appendChild(document.createElement("div"));
      row.className = "nav-row";
      row.appendChild(label);
      var button = row.appendChild(document.createElement("button")), children = null;
      button.type = "button";
      button.className = "nav-expand";
      button.id = "nav-button-" + key.replace(/\./g, "-");
      var name = button.appendChild(document.createElement("span"));
      name.className = "visually-hidden";
      name.textContent = node.t;
      function show(open) {
        if (open && !children) {
          children = li.appendChild(level(node.c, key + ".", depth + 1));
          children.id = "nav-children-" + key.replace(/\./g, "-");
          button.setAttribute("aria-controls", children.id);
        }
        if (children) children.hidden = !open;
        button.setAttribute("aria-expanded", String(open));
        li.classList.toggle("expanded", open);
        li.classList.toggle("collapsed", !open);
      }
      show(!!(branch[key] || opened[key]));
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        show(open);
        remember(key, open);
      });
      return li;
    }
    var whole = level(tree, "", 0);
    whole.classList.add("nav-tree");
    list.parentNode.replaceChild(whole, list);
  }

  /* ---- 3. Copy buttons on code blocks ------------------------------------------- */

  function fallbackCopy(text) {
    return new Promise(function (resolve, reject) {
      var focused = document.activeElement;
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.cssText = "position:fixed;top:0;left:0;opacity:0;";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (focused && focused.focus) focused.focus();
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function initCopy() {
    all("div.highlight").forEach(function (block) {
      var code = block.querySelector("pre code") || block.querySelector("pre");
      if (!code || block.classList.contains("no-copy")) return;
      var button = block.appendChild(document.createElement("button"));
      button.type = "button";
      button.className = "copy-button";
      var timer = 0;
      function reset() {
        button.textContent = word("js_copy", "Copy");
        button.classList.remove("is-copied");
        button.setAttribute("aria-label", word("js_copy_label", "Copy code to clipboard"));
      }
      reset();
      button.addEventListener("click", function () {
        var clone = code.cloneNode(true);
        all(".lineno, .line-number, [data-line-number], .wm-annotation, .wm-annotation-note", clone).forEach(function (n) { n.remove(); });
        copyText(clone.textContent.replace(/\n$/, "")).then(function () {
          button.textContent = word("js_copied", "Copied");
          button.classList.add("is-copied");
          button.setAttribute("aria-label", word("js_copied_label", "Copied to clipboard"));
          announce(word("js_copied_label", "Copied to clipboard"));
        }, function () {
          button.textContent = word("js_copy_failed", "Copy failed");
          announce(word("js_copy_failed_help", "Copying failed: select the code and copy it by hand"));
        }).then(function () {
          window.clearTimeout(timer);
          timer = window.setTimeout(reset, 2000);
        });
      });
    });
  }

  /* Code blocks with hidden lines (mdBook's `# ` lines of Rust): a toggle shows them. The
     copy button copies them either way, so that the copied program is whole. */
  function initHiddenLines() {
    all("div.highlight.has-hidden-lines").forEach(function (block) {
      var button = block.appendChild(document.createElement("button"));
      button.type = "button";
      button.className = "copy-button hidden-lines-button";
      button.textContent = word("js_show_hidden_lines", "Show hidden lines");
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        var shown = block.classList.toggle("show-hidden-lines");
        button.setAttribute("aria-pressed", shown ? "true" : "false");
      });
    });
  }

  /* ---- 4. "On this page": highlight the section being read ---------------------- */

  function initToc() {
    var items = all('.toc a[href^="#"]').map(function (link) {
      var id = decodeURIComponent(link.getAttribute("href").slice(1));
      return { link: link, heading: document.getElementById(id) };
    }).filter(function (item) { return item.heading; });
    if (!items.length || !("IntersectionObserver" in window)) return;
    var active = null;
    function mark(item) {
      if (active) { active.link.classList.remove("is-active"); active.link.removeAttribute("aria-current"); }
      active = item;
      item.link.classList.add("is-active");
      item.link.setAttribute("aria-current", "location");
    }
    function update() {
      var line = window.innerHeight * 0.3;
      var found = items[0];
      for (var i = 1; i < items.length && items[i].heading.getBoundingClientRect().top <= line; i++) found = items[i];
      if (found !== active) mark(found);
    }
    var observer = new IntersectionObserver(update, { rootMargin: "0px 0px -70% 0px" });
    items.forEach(function (item) { observer.observe(item.heading); });
    items.forEach(function (item) {
      item.link.addEventListener("click", function () { window.setTimeout(function () { mark(item); }, 0); });
    });
    update();
  }

  /* ---- 5. Announcement banner ---------------------------------------------------- */

  function initAnnouncement() {
    var box = document.querySelector(".announcement");
    var button = box && box.querySelector(".announcement-dismiss");
    if (!button) return;
    reveal(button);
    button.addEventListener("click", function () {
      if (box.dataset.key) save(box.dataset.key, "dismissed");
      box.hidden = true;
      var title = document.querySelector(".site-title");
      if (title) title.focus();
    });
  }

  /* ---- 6. Tutorial paths ---------------------------------------------------------- */

  /* Sets ?path=ID on a (relative) href, keeping its other parameters and its #anchor. */
  function withPath(href, id) {
    var parts = /^([^?#]*)(?:\?([^#]*))?(#.*)?$/.exec(href);
    var params = new URLSearchParams(parts[2] || "");
    params.set("path", id);
    return parts[1] + "?" + params.toString() + (parts[3] || "");
  }

  function initTutorial() {
    var main = document.getElementById("content");
    if (!main || !main.hasAttribute("data-tutorial-overview")) return;
    var markers = all(".step-marker[data-path]"), cards = all(".path-card[data-path]");
    var valid = markers.concat(cards).map(function (el) { return el.dataset.path; });
    if (!valid.length) return;
    var known = {};
    valid.concat(all(".path-option[data-path]").map(function (b) { return b.dataset.path; }))
      .forEach(function (id) { known[id] = true; });
    // One choice per tutorial, keyed by the overview page's path.
    var overview = new URL(main.getAttribute("data-tutorial-overview"), location.href);
    var key = "waymark-path:" + overview.pathname.replace(/index\.html$/, "");

    function apply(id) {
      all(".step-marker[data-path], .step-nav[data-path], .path-passage[data-path]").forEach(function (el) {
        el.hidden = el.dataset.path !== id;
      });
      all("#sidebar li[data-step-paths]").forEach(function (li) {
        var paths = li.dataset.stepPaths.split(/\s+/);
        if (!paths.some(function (p) { return known[p]; })) return; // a step of another tutorial
        li.hidden = paths.indexOf(id) < 0;
        var link = li.querySelector(":scope > a[href]");
        if (link && !li.hidden) link.setAttribute("href", withPath(link.getAttribute("href"), id));
      });
      all(".step-rail a, .step-nav a").forEach(function (a) {
        if (a.closest("[data-path]").dataset.path === id) a.setAttribute("href", withPath(a.getAttribute("href"), id));
      });
      all(".path-switcher").forEach(function (switcher) {
        switcher.querySelector(".path-switcher-prefix").textContent = word("js_you_are_following", "You are following:");
        var label = switcher.querySelector(".path-switcher-options-label");
        if (label) label.textContent = word("js_switch_to", "Switch to:");
        all(".path-option", switcher).forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.path === id)); });
      });
      cards.forEach(function (card) {
        var chosen = card.dataset.path === id, badge = card.querySelector(".path-card-badge");
        card.classList.toggle("is-chosen", chosen);
        if (badge && !chosen) badge.remove();
        if (chosen && !badge) {
          badge = card.appendChild(document.createElement("p"));
          badge.className = "path-card-badge";
          badge.textContent = word("js_your_path", "Your path");
        }
      });
    }

    function choose(id) {
      save(key, id);
      apply(id);
      if (history.replaceState) history.replaceState(history.state, "", withPath(location.pathname + location.search + location.hash, id));
    }

    var requested = new URLSearchParams(location.search).get("path"), saved = load(key), chosen = null;
    if (requested && valid.indexOf(requested) >= 0) { chosen = requested; save(key, chosen); }
    else if (saved && valid.indexOf(saved) >= 0) chosen = saved;
    else if (markers.length === 1) { chosen = markers[0].dataset.path; if (!saved) save(key, chosen); }

    var choice = document.querySelector(".step-choice");
    all(".path-switcher-options").forEach(function (options) {
      reveal(options);
      // Undecided between several paths: the choice above the markers asks instead.
      if (!chosen && choice) options.hidden = true;
    });
    if (chosen) {
      if (choice) choice.hidden = true;
      apply(chosen);
    } else if (choice) {
      // One rail and one previous/next pair (the first path's) until a path is chosen.
      markers.forEach(function (m, i) { m.hidden = i > 0; });
      all(".step-nav[data-path]").forEach(function (nav, i) { nav.hidden = i > 0; });
      all(".path-switcher-prefix").forEach(function (el) { el.textContent = word("js_on_the_path", "On the path:"); });
    }
    all(".step-choice-option").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        choose(link.dataset.path);
        choice.hidden = true;
        markers.forEach(function (m) { if (m.dataset.path === link.dataset.path) { m.tabIndex = -1; m.focus(); } });
        announce(word("js_you_are_following", "You are following:") + " " + link.textContent);
      });
    });

    all(".path-option").forEach(function (button) {
      var id = button.dataset.path;
      if (valid.indexOf(id) < 0 && button.dataset.start) button.title = word("js_first_step", "Go to the first step of this path");
      button.addEventListener("click", function () {
        if (valid.indexOf(id) >= 0) {
          choose(id);
          all(".path-switcher-options").forEach(function (options) { options.hidden = false; });
          markers.forEach(function (m) { if (m.dataset.path === id) { m.tabIndex = -1; m.focus(); } });
          announce(word("js_you_are_following", "You are following:") + " " + button.textContent);
        } else if (button.dataset.start) {
          save(key, id);
          location.href = button.dataset.start;
        }
      });
    });

    // Picking a card, or following one of its links ("Start this path"), chooses its path.
    cards.forEach(function (card) {
      card.addEventListener("click", function () { choose(card.dataset.path); });
    });
  }

  /* ---- 7. Print, and keyboard access to boxes that scroll sideways ---------------- */

  function initPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      opened = all("details:not([open])");
      opened.forEach(function (d) { d.open = true; });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  function initScrollBoxes() {
    all(".content table, .highlight pre").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) box.tabIndex = 0;
    });
  }

  /* ---- 8. Opened from disk ----------------------------------------------------------- */

  /* Links point at folders (`guide/setup/`), which a web server answers with the folder's
   * index.html but a browser reading files from disk shows as a listing. On file: pages,
   * send every click on such a link to the folder's index.html instead. */
  function initFileLinks() {
    if (location.protocol !== "file:") return;
    var folderTarget = function (link) {
      if (!link || !link.href || link.target === "_blank") return null;
      var url = new URL(link.href, location.href);
      return url.protocol === "file:" && url.pathname.slice(-1) === "/" ? url : null;
    };
    all("a[href]").forEach(function (link) {
      var url = folderTarget(link);
      if (url) { url.pathname += "index.html"; link.href = url.href; }
    });
    document.addEventListener("click", function (event) {
      var url = folderTarget(event.target.closest && event.target.closest("a[href]"));
      if (!url || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      url.pathname += "index.html";
      location.href = url.href;
    });
  }

  /* ---- 9. Back to top ------------------------------------------------------------- */

  function initBackToTop() {
    var button = document.querySelector(".back-to-top");
    if (!button) return;
    button.classList.remove("js-only");
    var still = window.matchMedia("(prefers-reduced-motion: reduce)");
    function update() {
      var show = window.scrollY > window.innerHeight;
      if (button.hidden === show) button.hidden = !show;
    }
    window.addEventListener("scroll", update, { passive: true });
    update();
    button.addEventListener("click", function () {
      window.scrollTo({ top: 0, behavior: still.matches ? "auto" : "smooth" });
      var title = document.querySelector(".site-title");
      if (title) title.focus({ preventScroll: true });
    });
  }

  /* ---- 10. Images that open enlarged (the glightbox plugin) ---------------------- */
  /* Each such image is a link to itself, which opens the image without this script. Here
     the link opens it over the page in a modal dialog instead: Escape, the close button or
     a click beside the image closes it, focus goes back to the link, and the arrow keys
     or buttons go through the page's images. */

  function initLightbox() {
    var links = all("a.glightbox");
    if (!links.length || typeof HTMLDialogElement !== "function") return;
    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    var figure = document.createElement("figure");
    var image = document.createElement("img");
    var caption = document.createElement("figcaption");
    figure.appendChild(image);
    figure.appendChild(caption);
    function button(name, label, symbol) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "lightbox-" + name;
      b.setAttribute("aria-label", label);
      b.textContent = symbol;
      return b;
    }
    var close = button("close", word("js_lightbox_close", "Close"), "\u00d7");
    var previous = button("previous", word("js_lightbox_previous", "Previous image"), "\u2039");
    var next = button("next", word("js_lightbox_next", "Next image"), "\u203a");
    [figure, close, previous, next].forEach(function (part) { dialog.appendChild(part); });
    document.body.appendChild(dialog);
    var current = 0;
    previous.hidden = next.hidden = links.length < 2;
    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      var shown = link.querySelector("img");
      image.src = link.href;
      image.alt = shown ? shown.alt : "";
      caption.textContent = link.getAttribute("data-title") || "";
      caption.hidden = !caption.textContent;
      dialog.setAttribute("aria-label", word("js_lightbox", "Image {number} of {count}", { number: current + 1, count: links.length }));
    }
    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        // Closing a modal dialog gives focus back to what had it (the spec's "previously
        // focused element"), synchronously: a pointer may not have focused the link.
        link.focus({ preventScroll: true });
        show(index);
        dialog.showModal();
        close.focus();
      });
    });
    close.addEventListener("click", function () { dialog.close(); });
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    dialog.addEventListener("keydown", function (event) {
      if (links.length < 2) return;
      if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
      if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
    });
    // A click on the backdrop lands on the dialog itself.
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    // The close event comes a moment after the dialog closed: by then a reader who opens
    // the next image at once (Escape, Tab, Enter) is looking at it.
    dialog.addEventListener("close", function () { if (!dialog.open) image.removeAttribute("src"); });
  }

  /* ---- 11. Versions (extra.version with mike) ------------------------------------
     mike deploys each version in a folder beside versions.json ([{version, title,
     aliases}]). The selector lists them, the reader's version marked; choosing one opens
     the same page there when that version has it, else its home page. A version whose
     aliases match none of the `default` patterns shows the notice that it is outdated.
     Without scripts, or where versions.json cannot be read (a local preview), nothing is
     shown. */

  function initVersions() {
    var box = document.querySelector("[data-versions]");
    if (!box || !window.fetch) return;
    var siteRoot = new URL(box.getAttribute("data-versions") || "./", location.href);
    var folder = siteRoot.pathname.replace(/\/$/, "").split("/").pop();
    fetch(new URL("../versions.json", siteRoot).href)
      .then(function (response) { return response.ok ? response.json() : Promise.reject(); })
      .then(function (versions) {
        if (!Array.isArray(versions) || !versions.length) return;
        var current = versions.filter(function (v) {
          return v.version === folder || (v.aliases || []).indexOf(folder) >= 0;
        })[0] || versions[0];
        showVersions(box, versions, current, siteRoot);
        markOutdated(box, current);
      })
      .catch(function () { /* no versions here: the selector stays hidden */ });
  }

  /* The header's menus (languages, versions) are disclosures that work without scripts;
     with them, Escape closes an open one (focus back on its button), as does a click
     elsewhere on the page. */
  function initHeaderMenus() {
    var menus = all("details.alternate");
    if (!menus.length) return;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      menus.forEach(function (menu) {
        if (!menu.open) return;
        menu.open = false;
        menu.querySelector("summary").focus();
      });
    });
    document.addEventListener("click", function (event) {
      menus.forEach(function (menu) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      });
    });
  }

  function showVersions(box, versions, current, siteRoot) {
    var list = box.querySelector(".versions-list");
    var showAliases = box.hasAttribute("data-versions-alias");
    versions.forEach(function (version) {
      if (version !== current && version.properties && version.properties.hidden) return;
      var link = document.createElement("a");
      link.href = new URL("../" + encodeURIComponent(version.version) + "/", siteRoot).href;
      link.textContent = version.title || version.version;
      if (showAliases && (version.aliases || []).length) {
        var aliases = link.appendChild(document.createElement("span"));
        aliases.className = "versions-aliases";
        aliases.textContent = " " + version.aliases.join(", ");
      }
      if (version === current) link.setAttribute("aria-current", "true");
      link.addEventListener("click", function (event) {
        if (event.metaKey || event.ctrlKey || event.shiftKey || version === current) return;
        event.preventDefault();
        // The same page in the other version, when it has one.
        var page = location.href.slice(siteRoot.href.length).split("#")[0];
        var samePage = new URL(page, link.href).href;
        fetch(samePage, { method: "HEAD" })
          .then(function (response) { location.href = response.ok ? samePage : link.href; })
          .catch(function () { location.href = link.href; });
      });
      list.appendChild(document.createElement("li")).appendChild(link);
    });
    box.querySelector(".versions-current").textContent = current.title || current.version;
    reveal(box);
  }

  function markOutdated(box, current) {
    var patterns = ["latest"];
    try { patterns = JSON.parse(box.getAttribute("data-versions-default")) || patterns; } catch (e) { /* latest */ }
    var upToDate = patterns.some(function (pattern) {
      return (current.aliases || []).some(function (alias) {
        try { return new RegExp(pattern, "i").test(alias); } catch (e) { return pattern === alias; }
      });
    });
    var notice = document.querySelector(".versions-outdated");
    if (notice && !upToDate) notice.hidden = false;
  }

  function init() {
    [initScheme, initNav, initCopy, initHiddenLines, initToc, initAnnouncement, initTutorial, initPrint, initScrollBoxes, initFileLinks, initBackToTop, initLightbox, initVersions, initHeaderMenus]
      .forEach(function (step) {
        try { step(); } catch (error) { if (window.console) console.error("waymark:", error); }
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
