/*
 * Waymark default theme: the search box. The index is Pagefind's, built with the site
 * into _waymark/search/ and loaded in chunks as the reader types; nothing is fetched
 * from another host. Without scripts the box stays hidden (see .js-only).
 *
 * The box is an ARIA combobox: the input keeps focus, arrow keys move through the
 * results (a listbox of links), Enter opens one, Escape closes the list. "/" or
 * Ctrl-K (Cmd-K) jumps to the box from anywhere on the page.
 */
(function () {
  "use strict";

  /* The theme's words in the site's language (<body data-words>, from i18n/*.toml), with
     English where a page has none; `{name}` is filled from `values`. */
  var words = {};
  try { words = JSON.parse(document.body.getAttribute("data-words") || "{}"); } catch (e) { /* English */ }
  function word(key, english, values) {
    var text = typeof words[key] === "string" ? words[key] : english;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  var box = document.querySelector("[data-search-bundle]");
  if (!box) return;
  var input = box.querySelector("input");
  var panel = box.querySelector(".search-panel");
  var list = box.querySelector("[role=listbox]");
  var status = box.querySelector("[role=status]");
  var PAGE_SIZE = 8;
  var pagefind = null; // the loaded module, or the promise of it
  var active = -1;
  var latest = ""; // the query whose results are shown

  box.hidden = false;
  box.classList.remove("js-only");

  function siteRoot() {
    return new URL(box.dataset.searchRoot, window.location.href).pathname;
  }

  function load() {
    if (!pagefind) {
      var url = new URL(box.dataset.searchBundle + "pagefind.js", window.location.href).href;
      pagefind = import(url).then(function (module) {
        return module.options({ baseUrl: siteRoot() }).then(function () {
          return module.init();
        }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function setStatus(text) {
    status.textContent = text;
  }

  function open(shown) {
    panel.hidden = !shown;
    input.setAttribute("aria-expanded", shown ? "true" : "false");
    if (!shown) setActive(-1);
  }

  function options() {
    return Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
  }

  function setActive(index) {
    var all = options();
    active = all.length ? Math.max(-1, Math.min(index, all.length - 1)) : -1;
    all.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  /* Pagefind's excerpts mark the matched words with <mark>. Build the excerpt from text
     nodes so that nothing in the indexed text can become markup. */
  function excerpt(html) {
    var parts = html.replace(/<mark>/g, "\u0001").replace(/<\/mark>/g, "\u0002");
    var text = new DOMParser().parseFromString(parts, "text/html").body.textContent || "";
    var out = document.createElement("span");
    out.className = "search-excerpt";
    text.split("\u0001").forEach(function (chunk, i) {
      var pieces = chunk.split("\u0002");
      if (i > 0 && pieces.length > 1) {
        // Pagefind marks a word with the punctuation around it ("word,"): mark the word only.
        var word = /^([^\p{L}\p{N}]*)([\s\S]*?)([^\p{L}\p{N}]*)$/u.exec(pieces.shift());
        if (word[1]) out.appendChild(document.createTextNode(word[1]));
        if (word[2]) out.appendChild(document.createElement("mark")).textContent = word[2];
        if (word[3]) out.appendChild(document.createTextNode(word[3]));
      }
      out.appendChild(document.createTextNode(pieces.join("")));
    });
    return out;
  }

  /* The section of a page that matched best: the sub-result with the highest score. */
  function bestSection(data) {
    var best = null;
    var bestScore = -1;
    (data.sub_results || []).forEach(function (sub) {
      var score = (sub.weighted_locations || []).reduce(function (sum, location) {
        return sum + (location.balanced_score || 0);
      }, 0);
      if (score > bestScore) { best = sub; bestScore = score; }
    });
    return best;
  }

  function option(data, index) {
    var section = bestSection(data);
    var link = document.createElement("a");
    link.id = "search-result-" + index;
    link.setAttribute("role", "option");
    link.setAttribute("aria-selected", "false");
    link.tabIndex = -1;
    link.className = "search-result";
    link.href = section ? section.url : data.url;
    var title = link.appendChild(document.createElement("span"));
    title.className = "search-result-title";
    title.textContent = (data.meta && data.meta.title) || data.url;
    if (section && section.url.indexOf("#") >= 0 && section.title !== title.textContent) {
      var where = link.appendChild(document.createElement("span"));
      where.className = "search-result-section";
      where.textContent = section.title;
    }
    link.appendChild(excerpt(section ? section.excerpt : data.excerpt));
    return link;
  }

  /* Results come in pages of PAGE_SIZE; moving past the last one, or scrolling to the end
     of the list, adds the next page. */
  var results = [];
  var loading = null;

  function statusText(query) {
    var total = results.length;
    if (total === 0) return word("js_no_results", "No results for “{query}”", { query: query });
    if (total === 1) return word("js_one_result", "1 result for “{query}”", { query: query });
    var shown = options().length;
    return word("js_results", "{count} results for “{query}”", { count: total, query: query }) +
      (shown < total ? word("js_showing", ", showing {shown}; move past the last to see more", { shown: shown }) : "");
  }

  /* Adds the next page of results to the list, or with `fresh` replaces the list with the
     first page. Resolves to whether results were added. */
  function showMore(fresh) {
    var from = fresh ? 0 : options().length;
    if (!fresh && (loading || from >= results.length)) return loading || Promise.resolve(false);
    var query = latest;
    var page = results.slice(from, from + PAGE_SIZE);
    loading = Promise.all(page.map(function (result) { return result.data(); })).then(function (pages) {
      loading = null;
      if (query !== latest) return false;
      if (fresh) list.textContent = "";
      pages.forEach(function (data, i) { list.appendChild(option(data, from + i)); });
      setStatus(statusText(query));
      return pages.length > 0;
    });
    return loading;
  }

  function show(query, search) {
    if (query !== input.value.trim()) return; // a newer query is on its way
    latest = query;
    results = search.results;
    return showMore(true).then(function () {
      if (query !== latest) return;
      open(true);
      setActive(-1);
    });
  }

  /* Pagefind's own debouncedSearch fetches the index for every prefix typed on the way
     ("r", "re", ...), and a short prefix often falls in a large chunk that is not the
     word's: on a 10,000-page guide a first search for "review" downloaded 460 KB instead
     of 315. The search runs once typing pauses, and fetches ahead only from three
     characters, when the prefix says where the word is. */
  var TYPING_PAUSE_MS = 120;
  var FETCH_AHEAD_FROM = 3;
  var typed = 0;

  function searchWhenTypingPauses(module, query) {
    var mine = ++typed;
    // What fetching ahead fails to fetch, the search fetches again (and reports).
    if (query.length >= FETCH_AHEAD_FROM) module.preload(query).catch(function () {});
    return new Promise(function (resolve) { setTimeout(resolve, TYPING_PAUSE_MS); }).then(function () {
      return mine === typed ? module.search(query) : null;
    });
  }

  function run() {
    var query = input.value.trim();
    if (!query) {
      latest = "";
      results = [];
      list.textContent = "";
      setStatus("");
      open(false);
      return;
    }
    if (window.location.protocol === "file:") {
      setStatus(word("js_search_over_http", "Search works when the guide is served over HTTP, for example by waymark serve."));
      open(true);
      return;
    }
    load().then(function (module) {
      return searchWhenTypingPauses(module, query);
    }).then(function (search) {
      if (search) return show(query, search);
    }).catch(function () {
      setStatus(word("js_search_failed", "Search could not be loaded."));
      open(true);
    });
  }

  /* The index loads with the first keystroke, not on focus: a reader who only tabs past
     the box downloads nothing. */
  input.addEventListener("input", run);
  input.addEventListener("focus", function () {
    if (input.value.trim() && latest === input.value.trim()) open(true);
  });

  input.addEventListener("keydown", function (event) {
    var count = options().length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (panel.hidden && input.value.trim()) open(true);
      if (active + 1 < count) {
        setActive(active + 1);
      } else {
        var next = active + 1;
        showMore(false).then(function (added) { setActive(added ? next : 0); });
      }
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === "Enter") {
      var chosen = options()[active >= 0 ? active : 0];
      if (chosen) {
        event.preventDefault();
        window.location.href = chosen.href;
      }
    } else if (event.key === "Escape") {
      if (!panel.hidden) {
        event.preventDefault();
        open(false);
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
        run();
      }
    }
  });

  /* Keep the list open while the pointer picks a result; close it when focus leaves. */
  box.addEventListener("focusout", function (event) {
    if (!box.contains(event.relatedTarget)) open(false);
  });
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  panel.addEventListener("scroll", function () {
    if (panel.scrollTop + panel.clientHeight >= panel.scrollHeight - 40) showMore(false);
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var editing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    var shortcut = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey);
    if (shortcut || (event.key === "/" && !editing && !event.altKey && !event.ctrlKey && !event.metaKey)) {
      if (target === input && !shortcut) return;
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
})();
