/* Who may read a case or platform item (templates/forums/cases/_audience.html): the
   States picker belongs to "Only the States I name" — hidden, and not sent, while "All
   DIEF participants" is chosen, so that no State can be picked for an item open to all —
   and the summary "Who will read …" follows each change, announced politely. The server
   decides on saving and refuses what contradicts itself; this only shows it beforehand. */
(function () {
  "use strict";

  function setUp(fieldset) {
    var box = fieldset.querySelector("[data-audience-states]");
    var select = box && box.querySelector("select");
    var summary = document.getElementById("audience-summary");
    if (!select || !summary) {
      return;
    }
    var named = fieldset.dataset.named;
    var all = summary.querySelector("[data-audience-all]");
    var list = summary.querySelector("[data-audience-named]");
    var last = summary.querySelector("[data-audience-last]");
    var none = summary.querySelector("[data-audience-none]");
    // States refused with "All DIEF participants" stay in sight until the person decides.
    var keepInSight = select.getAttribute("aria-invalid") === "true";

    function narrowed() {
      var checked = fieldset.querySelector("input[type=radio]:checked");
      return Boolean(checked) && checked.value === named;
    }

    function showPicker(show) {
      if (keepInSight) {
        return;
      }
      box.hidden = !show;
      if (select.tomselect) {
        if (show) {
          select.tomselect.enable();
        } else {
          select.tomselect.disable();
        }
      }
      select.disabled = !show;
    }

    function update() {
      var isNarrowed = narrowed();
      showPicker(isNarrowed);
      var names = Array.prototype.map.call(select.selectedOptions, function (option) {
        return option.textContent.trim();
      });
      list.querySelectorAll("[data-audience-state]").forEach(function (item) {
        item.remove();
      });
      names.forEach(function (name) {
        var item = document.createElement("li");
        item.setAttribute("data-audience-state", "");
        item.textContent = summary.dataset.each.replace("%(state)s", name);
        list.insertBefore(item, last);
      });
      all.hidden = isNarrowed;
      list.hidden = !isNarrowed;
      none.hidden = !isNarrowed || names.length > 0;
    }

    // The radios' changes and the picker's (Tom Select tells its <select>) reach here.
    fieldset.addEventListener("change", update);
    update();
  }

  function setUpAll() {
    document.querySelectorAll("fieldset[data-audience]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
