/* The site shell: the phone's menu button, the elderly-friendly switch, the folding filters. */
(function () {
  "use strict";
  var root = document.documentElement;
  var WIDE = window.matchMedia("(min-width: 48rem)");
  var CARE_KEY = "twincity-care-mode";

  function setupMenu() {
    var button = document.querySelector("[data-menu-button]");
    if (!button) return;
    var nav = document.getElementById(button.getAttribute("aria-controls"));
    function show(open) {
      nav.classList.toggle("is-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      show(open);
      if (open) {
        var first = nav.querySelector("input, a");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        show(false);
        button.focus();
      }
    });
  }

  function setupCareMode() {
    var switches = document.querySelectorAll("[data-care-switch]");
    function reflect() {
      var on = root.classList.contains("care-mode");
      switches.forEach(function (button) {
        button.setAttribute("aria-pressed", on ? "true" : "false");
      });
    }
    switches.forEach(function (button) {
      button.addEventListener("click", function () {
        var on = root.classList.toggle("care-mode");
        try {
          if (on) window.localStorage.setItem(CARE_KEY, "on");
          else window.localStorage.removeItem(CARE_KEY);
        } catch (error) {
          /* not remembered, still applied to this page */
        }
        reflect();
      });
    });
    reflect();
  }

  /* Filters are open beside the results on a wide screen; on a phone they fold away so that
     the first result is on the first screen (the summary says how many are applied). */
  function setupFilterPanels() {
    if (!WIDE.matches) return;
    document.querySelectorAll("details[data-filter-panel]").forEach(function (panel) {
      panel.open = true;
    });
  }

  setupMenu();
  setupCareMode();
  setupFilterPanels();
})();
