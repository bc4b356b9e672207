// Keeps <html lang> and <title> in step with the page's language.
// Page views render <span class="cd-page-meta" data-lang="ja" data-title="…"> and
// re-render it when the learner switches language; this copies it to the document.
(function () {
  "use strict";
  var LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

  function apply() {
    var metas = document.querySelectorAll(".cd-page-meta");
    if (!metas.length) {
      return;
    }
    var meta = metas[metas.length - 1];
    var lang = meta.getAttribute("data-lang");
    var title = meta.getAttribute("data-title");
    if (lang && LANG.test(lang) && document.documentElement.lang !== lang) {
      document.documentElement.lang = lang;
    }
    if (title && document.title !== title) {
      document.title = title.slice(0, 200);
    }
  }

  // Start in <head>: Voila streams the page cell by cell, so waiting for
  // DOMContentLoaded would leave the file name as the title until the last cell.
  apply();
  new MutationObserver(apply).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-lang", "data-title"],
  });
})();
