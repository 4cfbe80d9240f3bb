/* State pickers: each <select data-state-picker> (att_portal/widgets.py) becomes a
   searchable list with Tom Select (static/vendor/tom-select/). Type part of a State's
   name in any UN language, its ISO name or code, or the pinyin of its Chinese name; the
   arrows move, Enter adds, Backspace removes the last State chosen. The choices keep the
   order the server gave them (the names in the reader's language). The <label> points to
   the field Tom Select creates, which also takes the select's help and error links.
   Without this script the browser's own select works as before. No inline script or
   style: the Content-Security-Policy forbids them. */
(function () {
  "use strict";

  function enhance(select) {
    if (select.tomselect || typeof window.TomSelect !== "function") {
      return;
    }
    var data = select.dataset;
    var multiple = select.multiple;
    var picker = new window.TomSelect(select, {
      plugins: multiple ? { remove_button: { title: data.removeLabel || "" } } : {},
      create: false,
      maxOptions: null,
      // Filter at each key, not 300 ms later: Enter pressed at once must take the State
      // typed, not the one that was first in the list before.
      refreshThrottle: 0,
      placeholder: data.placeholder || null,
      hidePlaceholder: false,
      // The best matches first, then the order of the names in the reader's language.
      searchField: ["text", "search"],
      sortField: [{ field: "$score" }, { field: "$order" }],
      closeAfterSelect: !multiple,
      // After Enter the next State is typed afresh.
      clearAfterSelect: true,
      render: {
        no_results: function () {
          var message = document.createElement("div");
          message.className = "no-results";
          message.textContent = data.noResults || "";
          return message;
        },
      },
    });
    // The original <select> stays in the page (hidden, out of the tab order) to carry the
    // value; its label now names Tom Select's field, so screen readers skip the select.
    select.setAttribute("aria-hidden", "true");
    var input = picker.control_input;
    ["aria-describedby", "aria-invalid"].forEach(function (name) {
      if (select.hasAttribute(name)) {
        input.setAttribute(name, select.getAttribute(name));
      }
    });
    if (select.classList.contains("is-invalid")) {
      picker.wrapper.classList.add("is-invalid");
    }
  }

  function enhanceAll(root) {
    (root || document).querySelectorAll("select[data-state-picker]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhanceAll(document);
    });
  } else {
    enhanceAll(document);
  }
  // Content swapped in by HTMX.
  document.addEventListener("htmx:load", function (event) {
    enhanceAll(event.target);
  });
})();
