/* A table wider than the screen (on a phone) scrolls sideways inside its .table-responsive
   box. A keyboard user must be able to reach that box to scroll it with the arrow keys
   (WCAG 2.1.1): while it scrolls, it takes the focus (tabindex="0") and is announced as a
   region named after the table's caption, else after the heading before it. When it fits
   again (a wider window), it is an ordinary box. No inline script or style: the
   Content-Security-Policy forbids them. */
(function () {
  "use strict";

  var MARK = "data-scroll-region";

  function headingBefore(element) {
    for (var node = element; node && node !== document.body; node = node.parentElement) {
      for (var sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        if (/^H[1-6]$/.test(sibling.tagName)) {
          return sibling;
        }
        var inner = sibling.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (inner.length) {
          return inner[inner.length - 1];
        }
      }
    }
    return null;
  }

  function nameOf(box) {
    var caption = box.querySelector("caption");
    var source = caption && caption.textContent.trim() ? caption : headingBefore(box);
    return source ? source.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function update(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    var marked = box.hasAttribute(MARK);
    if (scrolls && !marked && !box.hasAttribute("tabindex")) {
      box.setAttribute(MARK, "");
      box.setAttribute("tabindex", "0");
      var name = nameOf(box);
      if (name) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name);
      }
    } else if (!scrolls && marked) {
      [MARK, "tabindex", "role", "aria-label"].forEach(function (attribute) {
        box.removeAttribute(attribute);
      });
    }
  }

  function updateAll() {
    document.querySelectorAll(".table-responsive").forEach(update);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", updateAll);
  } else {
    updateAll();
  }
  window.addEventListener("resize", updateAll);
  // Content swapped in by HTMX.
  document.addEventListener("htmx:load", updateAll);
})();
