/*
 * Starts machina's forum widgets from a file: the Content-Security-Policy forbids the inline
 * script of machina's board_base.html, whose `onbodyload` blocks called these functions.
 * Each widget starts only where its "add more" link exists (machina's default selectors in
 * machina/static/machina/js/ui.js), so one script serves every forum page.
 */
(function () {
  "use strict";

  function start() {
    var machina = window.machina;
    if (!machina) {
      return;
    }
    machina.init();
    if (document.getElementById("add_more_poll_option") && document.getElementById("poll_formset")) {
      machina.poll.init();
    }
    if (document.getElementById("add_more_attachment") && document.getElementById("attachment_formset")) {
      machina.attachment.init();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
