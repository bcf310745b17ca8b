/*
 * Suggests existing ideas while a new idea's title is typed, under the title field.
 * The server answers GET <data-url>?forum=<id>&q=<title> with {results: [{title, url, votes,
 * status, forum}]}. Titles are user text: they are set with textContent, never as HTML.
 * Without this script the same ideas are listed after a first submit (forum/views.py).
 */
(function () {
  "use strict";

  var MIN_LENGTH = 3;
  var DELAY_MS = 350;

  function start() {
    var region = document.getElementById("similar-ideas-live");
    if (!region) {
      return;
    }
    var field = document.getElementById(region.dataset.titleField);
    if (!field || !window.fetch) {
      return;
    }
    var timer = null;
    var lastQuery = null;
    var controller = null;

    function clear() {
      while (region.firstChild) {
        region.removeChild(region.firstChild);
      }
    }

    function show(results) {
      clear();
      if (!results.length) {
        return;
      }
      var heading = document.createElement("p");
      heading.className = "similar-ideas__heading";
      heading.textContent = region.dataset.heading;
      region.appendChild(heading);
      var list = document.createElement("ul");
      list.className = "similar-ideas__list";
      results.forEach(function (idea) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = idea.url;
        link.textContent = idea.title;
        item.appendChild(link);
        var details = document.createElement("span");
        details.className = "similar-ideas__votes";
        details.textContent = " " + region.dataset.votesLabel + " " + idea.votes +
          (idea.status ? " · " + idea.status : "");
        item.appendChild(details);
        list.appendChild(item);
      });
      region.appendChild(list);
    }

    function search() {
      var query = field.value.trim();
      if (query === lastQuery) {
        return;
      }
      lastQuery = query;
      if (controller) {
        controller.abort();
      }
      if (query.length < MIN_LENGTH) {
        clear();
        return;
      }
      controller = window.AbortController ? new AbortController() : null;
      var params = new URLSearchParams({ forum: region.dataset.forum, q: query });
      fetch(region.dataset.url + "?" + params.toString(), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          show(data.results || []);
        })
        .catch(function () {
          // An aborted or failed look-up leaves the form as it is: suggestions are a help only.
        });
    }

    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY_MS);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
