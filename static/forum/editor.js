// machina's markdown editor set-up, without EasyMDE's Font Awesome download from a CDN:
// machina's own stylesheet already provides the icons, and the CSP forbids the CDN anyway.
(function () {
  "use strict";

  function startEditors() {
    document.querySelectorAll("textarea.machina-mde-markdown").forEach(function (textarea) {
      new window.EasyMDE({
        element: textarea,
        autoDownloadFontAwesome: false,
        hideIcons: ["preview", "guide", "side-by-side", "fullscreen"],
        renderingConfig: { singleLineBreaks: false },
        spellChecker: false,
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startEditors);
  } else {
    startEditors();
  }
})();
