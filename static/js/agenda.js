/* The agenda builder: drag an item by its handle to another place on its level, and keep
   the keyboard's focus where it was after the list is swapped in by HTMX. The keyboard
   alternative to dragging is the "Move to position" form beside each item, which works
   without this script. No inline script: a strict CSP is coming. */
(function () {
  "use strict";

  var dragged = null;

  function itemOf(element) {
    return element && element.closest ? element.closest("li.agenda-item") : null;
  }

  function sameLevel(a, b) {
    return a && b && a !== b && a.dataset.parent === b.dataset.parent;
  }

  document.addEventListener("dragstart", function (event) {
    if (!event.target.classList || !event.target.classList.contains("drag-handle")) {
      return;
    }
    dragged = itemOf(event.target);
    if (!dragged) {
      return;
    }
    dragged.classList.add("agenda-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.id);
    event.dataTransfer.setDragImage(dragged, 10, 10);
  });

  document.addEventListener("dragover", function (event) {
    var target = itemOf(event.target);
    if (dragged && sameLevel(dragged, target)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      document.querySelectorAll(".agenda-drop-target").forEach(function (li) {
        li.classList.remove("agenda-drop-target");
      });
      target.classList.add("agenda-drop-target");
    }
  });

  document.addEventListener("drop", function (event) {
    var target = itemOf(event.target);
    if (!dragged || !sameLevel(dragged, target)) {
      return;
    }
    event.preventDefault();
    var url = dragged.dataset.moveUrl;
    var position = target.dataset.position;
    var moved = dragged;
    window.htmx.ajax("POST", url, {
      source: moved,
      target: "#agenda-items",
      swap: "outerHTML",
      values: { position: position },
    });
  });

  document.addEventListener("dragend", function () {
    if (dragged) {
      dragged.classList.remove("agenda-dragging");
    }
    document.querySelectorAll(".agenda-drop-target").forEach(function (li) {
      li.classList.remove("agenda-drop-target");
    });
    dragged = null;
  });

  // After a move or an edit the list is new: give the focus back to the control the
  // person was using (its id is in data-focus), so the keyboard does not lose its place.
  document.addEventListener("htmx:afterSettle", function () {
    var list = document.getElementById("agenda-items");
    if (list && list.dataset.focus) {
      var control = document.getElementById(list.dataset.focus);
      delete list.dataset.focus;
      if (control) {
        control.focus();
      }
    }
  });
})();
