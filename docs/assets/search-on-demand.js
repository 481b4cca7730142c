/* Search on demand (issue 16). Material fetches the search index and starts its search worker as
   soon as any page loads: about 85 KB compressed, most of a first visit, for a box most readers
   never use. Loaded just before Material's bundle, this holds both back until the reader reaches
   for search: a pointer over or a tap on the search box or its icon, or focus in the box (the
   keyboard shortcuts focus it too). Then the index request is sent and the worker starts, as
   Material asked; results appear as soon as the index has loaded.

   Language links as written. Material also fetches a sitemap.xml next to every
   <link rel="alternate"> of the page (the hreflang links and the feed) and then takes over the
   language menu: it sent readers to the other language's page without the #question they were
   reading, through a redirect (it drops the final slash), and it read the whole site's sitemap on
   every page. The language menu's links already go to the same page in the other language, and
   a small script below the bundle carries the #question onto them. So these sitemap requests are
   never sent: the links are followed as written, as they are without script.

   Nothing else is touched: other requests and workers pass straight through. Tested in
   tests_site/test_search.py and tests_site/test_language_switch.py. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var WORKER = /\/workers\/search\.[^/]*\.js$/;
  var SITEMAP = /\/sitemap\.xml$/;
  var waiting = [];
  var started = false;

  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (run) { run(); });
  }
  function whenStarted(run) {
    if (started) run(); else waiting.push(run);
  }
  function path(url) {
    return String(url).split(/[?#]/)[0];
  }

  // the index and the sitemaps: Material requests them with XMLHttpRequest; hold back only
  // their send() (the index until search starts, a sitemap for good)
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var target = path(url);
    this.exofaqHeld = INDEX.test(target) ? "index" : SITEMAP.test(target) ? "sitemap" : "";
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (request.exofaqHeld === "sitemap") return;
    if (request.exofaqHeld !== "index") return send.apply(request, args);
    whenStarted(function () { send.apply(request, args); });
  };

  // the worker: a stand-in that keeps listeners and messages until the real one starts
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!WORKER.test(path(url))) return new RealWorker(url, options);
      var real = null, listeners = [], messages = [];
      whenStarted(function () {
        real = new RealWorker(url, options);
        listeners.forEach(function (args) { real.addEventListener.apply(real, args); });
        messages.splice(0).forEach(function (args) { real.postMessage.apply(real, args); });
      });
      return {
        addEventListener: function () {
          if (real) real.addEventListener.apply(real, arguments); else listeners.push(arguments);
        },
        removeEventListener: function (type, listener) {
          if (real) return real.removeEventListener.apply(real, arguments);
          listeners = listeners.filter(function (args) { return args[0] !== type || args[1] !== listener; });
        },
        postMessage: function () {
          if (real) real.postMessage.apply(real, arguments); else messages.push(arguments);
        },
        terminate: function () {
          if (real) real.terminate(); else waiting.length = 0;
        }
      };
    };
  }

  // the reader reaches for search
  function isSearch(target) {
    return !!(target && target.closest && target.closest(".md-search, label[for='__search']"));
  }
  ["pointerover", "pointerdown", "touchstart", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (isSearch(event.target)) start();
    }, { capture: true, passive: true });
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") start();
  }, true);
})();
