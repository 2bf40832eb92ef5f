/* Counts one view of each promotion shown on the page: a POST beacon (no cookie, nothing
   about the visitor). The page may come from the page cache, so the count cannot happen
   while rendering. */
(function () {
  "use strict";
  document.querySelectorAll(".promotion[data-seen-url]").forEach(function (promotion) {
    if (promotion.dataset.counted) { return; }
    promotion.dataset.counted = "1";
    fetch(promotion.dataset.seenUrl, { method: "POST", credentials: "omit", keepalive: true })
      .catch(function () { /* a lost count is no reason to bother the visitor */ });
  });
})();
