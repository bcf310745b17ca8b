// Reports one read of this page to the site's own counter, after the page has loaded.
// The request carries the page id and nothing else; no cookie is set or read by the counter.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.url;
  var page = script && script.dataset.page;
  if (!url || !page || document.visibilityState === "prerender") {
    return;
  }
  var body = new URLSearchParams({ page: page });
  if (navigator.sendBeacon) {
    navigator.sendBeacon(url, body);
  } else {
    fetch(url, { method: "POST", body: body, keepalive: true, credentials: "omit" });
  }
})();
