/*
 * Annotations (Material's `(1)` markers in code and text). Without this file each marker
 * is a link to its note in the numbered list after the block. With it, a marker is a
 * button that shows its note beside it, and the list is hidden on screen (printed still).
 * One note is open at a time, except notes opened from inside an open note. Escape, or a
 * click elsewhere, closes the innermost open note and returns focus to its marker
 * (a click elsewhere closes them all).
 */
(function () {
  "use strict";

  var words = {};
  try { words = JSON.parse(document.body.getAttribute("data-words") || "{}"); } catch (e) { /* English */ }
  function label(number) {
    var text = typeof words.js_annotation === "string" ? words.js_annotation : "Annotation {number}";
    return text.split("{number}").join(number);
  }

  var open = []; // [marker, note] pairs, outermost first
  var count = 0;

  function noteFor(marker) {
    var id = decodeURIComponent((marker.getAttribute("href") || "").slice(1));
    return id ? document.getElementById(id) : null;
  }

  function closeFrom(index, focusMarker) {
    var closed = open.splice(index);
    closed.forEach(function (pair) {
      pair[0].setAttribute("aria-expanded", "false");
      pair[1].remove();
    });
    if (focusMarker && closed.length) closed[0][0].focus();
  }

  /* Places the note under its marker, inside the nearest positioned box (the code block
     or the paragraph), so that a code block's sideways scrolling does not clip it. */
  function place(note, marker) {
    var box = note.offsetParent || document.body;
    var outer = box.getBoundingClientRect();
    var at = marker.getBoundingClientRect();
    var left = Math.max(0, Math.min(at.left - outer.left, outer.width - note.offsetWidth));
    note.style.left = left + "px";
    note.style.top = (at.bottom - outer.top + 4) + "px";
  }

  function show(marker) {
    var item = noteFor(marker);
    if (!item) return;
    var parent = -1;
    open.forEach(function (pair, index) { if (pair[1].contains(marker)) parent = index; });
    closeFrom(parent + 1, false);
    var note = document.createElement("span");
    note.className = "wm-annotation-note";
    note.id = "wm-annotation-note-" + (++count);
    note.setAttribute("role", "note");
    Array.prototype.forEach.call(item.childNodes, function (child) {
      note.appendChild(child.cloneNode(true));
    });
    Array.prototype.forEach.call(note.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
    marker.after(note);
    marker.setAttribute("aria-expanded", "true");
    marker.setAttribute("aria-controls", note.id);
    open.push([marker, note]);
    place(note, marker);
  }

  function toggle(marker) {
    var index = -1;
    open.forEach(function (pair, i) { if (pair[0] === marker) index = i; });
    if (index >= 0) closeFrom(index, false);
    else show(marker);
  }

  function init() {
    var markers = Array.prototype.slice.call(document.querySelectorAll("a.wm-annotation"));
    markers.forEach(function (marker) {
      if (!noteFor(marker)) return;
      marker.setAttribute("role", "button");
      marker.setAttribute("aria-expanded", "false");
      marker.setAttribute("aria-label", label(marker.textContent));
    });
    Array.prototype.forEach.call(document.querySelectorAll("ol.wm-annotations"), function (list) {
      list.classList.add("is-enhanced");
    });
    document.addEventListener("click", function (event) {
      var marker = event.target.closest && event.target.closest("a.wm-annotation[role=button]");
      if (marker) {
        event.preventDefault();
        toggle(marker);
      } else if (open.length && !open[0][1].contains(event.target)) {
        closeFrom(0, false);
      }
    });
    document.addEventListener("keydown", function (event) {
      var marker = event.target.closest && event.target.closest("a.wm-annotation[role=button]");
      if (marker && event.key === " ") {
        event.preventDefault();
        toggle(marker);
      } else if (event.key === "Escape" && open.length) {
        closeFrom(open.length - 1, true);
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
