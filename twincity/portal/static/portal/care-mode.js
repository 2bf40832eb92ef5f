/* Runs in <head>, before the first paint (a blocking external script: the policy allows no
   inline one). It marks that scripts run and applies the elderly-friendly mode the visitor
   chose, so the server's HTML stays the same for everyone and the page cache keeps working. */
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  try {
    if (window.localStorage.getItem("twincity-care-mode") === "on") {
      root.classList.add("care-mode");
    }
  } catch (error) {
    /* storage refused (private mode): the standard view */
  }
})();
