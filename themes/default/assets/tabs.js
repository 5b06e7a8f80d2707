/* Content tabs (`=== "Label"` sets): a WAI-ARIA tab widget, and linked tabs.
 *
 * The HTML already has role=tablist/tab/tabpanel, one tab selected and ids that tie tabs
 * to panels. This script makes the buttons work: click, or the arrow keys, Home and End
 * (focus moves with the selection). Choosing a label selects the same label in every set
 * on the page and is remembered (local storage), so later pages open with it too; the
 * last few choices are kept, most recent first. A link to an element inside a hidden
 * panel selects that panel. Without this script every panel is shown under its label. */
(function () {
  "use strict";
  var KEY = "waymark-tabs";

  function load() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY));
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function save(list) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list.slice(0, 16)));
    } catch (e) { /* storage blocked: the choice lasts for this page */ }
  }

  function sets() {
    return Array.prototype.slice.call(document.querySelectorAll(".tabbed-set"));
  }

  function tabsOf(set) {
    return Array.prototype.slice.call(
      set.querySelectorAll(':scope > .tabbed-labels > [role="tab"]'));
  }

  function withLabel(set, label) {
    return tabsOf(set).filter(function (tab) { return tab.dataset.tabLabel === label; })[0];
  }

  function select(set, chosen) {
    tabsOf(set).forEach(function (tab) {
      var on = tab === chosen;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(tab.getAttribute("aria-controls"));
      if (panel) {
        panel.classList.toggle("tabbed-active", on);
        panel.hidden = !on;
      }
    });
  }

  function selectEverywhere(label, except) {
    sets().forEach(function (set) {
      var tab = set === except ? null : withLabel(set, label);
      if (tab) select(set, tab);
    });
  }

  /* A reader's choice: select it everywhere, keep the chosen tab still on screen. */
  function choose(set, tab) {
    var before = tab.getBoundingClientRect().top;
    select(set, tab);
    selectEverywhere(tab.dataset.tabLabel, set);
    var shift = tab.getBoundingClientRect().top - before;
    if (shift) window.scrollBy(0, shift);
    var label = tab.dataset.tabLabel;
    save([label].concat(load().filter(function (l) { return l !== label; })));
  }

  function revealTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var panel = target && target.closest ? target.closest(".tabbed-block") : null;
    if (target && target.getAttribute("role") === "tab") {
      /* A link to a tab itself (MkDocs' ids made from labels): select that tab. */
      var own = target.closest(".tabbed-set");
      if (own) select(own, target);
      panel = own && own.parentElement ? own.parentElement.closest(".tabbed-block") : null;
    }
    while (panel) {
      var tab = document.getElementById(panel.getAttribute("aria-labelledby"));
      var set = panel.parentElement;
      if (tab && set) select(set, tab);
      panel = set && set.parentElement ? set.parentElement.closest(".tabbed-block") : null;
    }
  }

  function init() {
    var remembered = load();
    sets().forEach(function (set) {
      var tabs = tabsOf(set);
      if (!tabs.length) return;
      var current = null;
      for (var i = 0; i < remembered.length && !current; i++) {
        current = withLabel(set, remembered[i]) || null;
      }
      current = current || tabs.filter(function (t) {
        return t.getAttribute("aria-selected") === "true";
      })[0] || tabs[0];
      select(set, current);
      tabs.forEach(function (tab, index) {
        tab.addEventListener("click", function () { choose(set, tab); });
        tab.addEventListener("keydown", function (event) {
          var next = null;
          if (event.key === "ArrowRight") next = tabs[(index + 1) % tabs.length];
          else if (event.key === "ArrowLeft") next = tabs[(index - 1 + tabs.length) % tabs.length];
          else if (event.key === "Home") next = tabs[0];
          else if (event.key === "End") next = tabs[tabs.length - 1];
          if (!next) return;
          event.preventDefault();
          choose(set, next);
          next.focus();
        });
      });
    });
    revealTarget();
    window.addEventListener("hashchange", revealTarget);
    /* Another window chose a label: follow it. */
    window.addEventListener("storage", function (event) {
      if (event.key !== KEY) return;
      var latest = load()[0];
      if (latest) selectEverywhere(latest, null);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
