/* The trip form, enhanced (tourism/trip/form.html works without this):
   - the day rows follow the number of days as it changes (no "show these days" round trip);
   - an interest's weight shows only once the interest is ticked;
   - the must-see places get a search box that filters the list, and the places ticked are
     shown above it as chips that remove them. */
(function () {
  "use strict";

  function followDays(form) {
    var days = form.querySelector("select[name=days]");
    var rows = form.querySelectorAll("[data-day]");
    if (!days || !rows.length) { return; }
    var button = form.querySelector("[data-days-button]");
    // Removed, not hidden: Enter in a field must submit the plan, not this first button.
    if (button) { button.remove(); }
    function show() {
      var count = parseInt(days.value, 10) || 0;
      rows.forEach(function (row) { row.hidden = parseInt(row.dataset.day, 10) > count; });
    }
    days.addEventListener("change", show);
    show();
  }

  function followInterests(form) {
    form.querySelectorAll("[data-interest]").forEach(function (row) {
      var box = row.querySelector("input[type=checkbox]");
      var weight = row.querySelector("[data-weight]");
      if (!box || !weight) { return; }
      function show() { weight.hidden = !box.checked; }
      box.addEventListener("change", show);
      show();
    });
  }

  function normalised(text) {
    return (text || "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function searchPlaces(fieldset) {
    var search = fieldset.querySelector("[data-search]");
    var input = search && search.querySelector("input[type=search]");
    var none = fieldset.querySelector("[data-no-match]");
    if (!input) { return; }
    search.hidden = false;
    var groups = fieldset.querySelectorAll("[data-group]");
    function filter() {
      var wanted = normalised(input.value);
      var shown = 0;
      groups.forEach(function (group) {
        var inGroup = 0;
        group.querySelectorAll("li[data-names]").forEach(function (item) {
          var box = item.querySelector("input");
          var matches = !wanted || box.checked || normalised(item.dataset.names).indexOf(wanted) !== -1;
          item.hidden = !matches;
          if (matches) { inGroup += 1; }
        });
        group.hidden = inGroup === 0;
        shown += inGroup;
      });
      if (none) { none.textContent = shown ? "" : none.dataset.noMatch; }
    }
    input.addEventListener("input", filter);
    // Enter in the search box picks nothing and must not send the form half filled in.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
  }

  function chipsForChoices(fieldset) {
    var chips = fieldset.querySelector("[data-chips]");
    if (!chips) { return; }
    var removeLabel = fieldset.dataset.removeLabel || "";
    var boxes = fieldset.querySelectorAll("li[data-names] input[type=checkbox]");
    function labelOf(box) {
      var label = fieldset.querySelector("label[for='" + box.id + "']");
      return label ? label.textContent.trim() : box.value;
    }
    function chip(box) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "trip-chip";
      button.setAttribute("aria-label", removeLabel + " " + labelOf(box));
      var name = document.createElement("span");
      name.textContent = labelOf(box);
      var cross = document.createElement("span");
      cross.setAttribute("aria-hidden", "true");
      cross.textContent = " ×";
      button.appendChild(name);
      button.appendChild(cross);
      button.addEventListener("click", function () {
        box.checked = false;
        draw();
        // Not back to the box, far down the list: to the next chip, else the search box.
        var next = chips.querySelector("button") || fieldset.querySelector("input[type=search]");
        if (next) { next.focus(); }
      });
      item.appendChild(button);
      return item;
    }
    function draw() {
      chips.textContent = "";
      boxes.forEach(function (box) { if (box.checked) { chips.appendChild(chip(box)); } });
      chips.hidden = !chips.children.length;
    }
    boxes.forEach(function (box) { box.addEventListener("change", draw); });
    draw();
  }

  document.querySelectorAll("[data-trip-form]").forEach(function (form) {
    followDays(form);
    followInterests(form);
    form.querySelectorAll("[data-must-see]").forEach(function (fieldset) {
      searchPlaces(fieldset);
      chipsForChoices(fieldset);
    });
  });
})();
