/* Search on demand (issue 16). Material fetches the search index and starts its search worker as
   soon as any page loads: about 85 KB compressed, most of a first visit, for a box most readers
   never use. Loaded just before Material's bundle, this holds both back until the reader reaches
   for search: a pointer over or a tap on the search box or its icon, or focus in the box (the
   keyboard shortcuts focus it too). Then the index request is sent and the worker starts, as
   Material asked; results appear as soon as the index has loaded. Nothing else is touched: other
   requests and workers pass straight through. Tested in tests_site/test_search.py. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var WORKER = /\/workers\/search\.[^/]*\.js$/;
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

  // the index: Material requests it with XMLHttpRequest; hold back only its send()
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.exofaqSearchIndex = INDEX.test(path(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.exofaqSearchIndex) return send.apply(request, args);
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
