"""Accent-insensitive search for languages written with accents, every language's stop words
("for", "de", "der") kept out of queries, and the site's own subject word ("exosomes") kept from
deciding which page comes first.

Readers type "caida" for "caída" and "etude" for "étude". Material builds its lunr index in a
web worker, loading `assets/javascripts/lunr/min/lunr.<lang>.min.js` for the page language; a
short addition to that file (appended after the build, the theme's file is not copied) makes
lunr index every accented word twice, as written and without its accents, and strip accents from
the words of a query. Accented queries still find accented words; highlighting is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from . import yamlfile

# which languages fold accents is data: `accent_folding: true` in data/languages.yml (languages
# written in the Latin alphabet with accents; Korean must never be decomposed, Arabic marks are a
# different question)
LANGUAGE_DATA = "data/languages.yml"
MARKER = "/* exosome-faq: accent-insensitive search */"

SNIPPET = MARKER + """
(function (lunr, code) {
  var language = lunr && lunr[code];
  if (!language || language.exofaqFolding) return;
  var marks = /[\\u0300-\\u036f]/g;
  function bare(word) { return word.normalize("NFD").replace(marks, "").normalize("NFC"); }
  function indexBoth(token) {
    var folded = bare(token.toString());
    return folded === token.toString() ? token : [token, token.clone(function () { return folded; })];
  }
  function queryBare(token) { return token.update(bare); }
  lunr.Pipeline.registerFunction(indexBoth, "exofaqFoldIndex-" + code);
  lunr.Pipeline.registerFunction(queryBare, "exofaqFoldQuery-" + code);
  var folding = function () {
    language.apply(this, arguments);
    this.pipeline.add(indexBoth);
    if (this.searchPipeline) this.searchPipeline.add(queryBare);
  };
  for (var key in language) folding[key] = language[key];
  folding.exofaqFolding = true;
  lunr[code] = folding;
})(self.lunr, %s);
"""


COMMON_MARKER = "/* exosome-faq: common words */"

# Appended to Material's search worker, which every language's search runs in; the worker has loaded
# the language's lunr file (lunr.es ...) when it searches, so that names the language.
# 1. Stop words. Material adds "*" to every query word, so "de*" skipped the stop word filter and
#    matched "debería", "después"...: "cicatrices de acné" found a page on neither; "for*" found
#    "forming" and "format". A stop word of the language is searched as the plain word again, which
#    the filter then drops.
# 2. Common words. Nearly every page says "exosomes", and the page "What are exosomes?" has it in its
#    title: a query such as "exosomes wrinkles" put that page (or the home page) above the one about
#    wrinkles. A query that has other words than the language's common words (`search_common` in
#    data/languages.yml, word starts, as in data/terms.yml) and its stop words is searched without
#    the common words; a query of common words only ("exosomes", "what are exosomes") is searched
#    as typed.
COMMON_SNIPPET = COMMON_MARKER + """
(function (lunr, common, fallback) {
  if (!lunr || !lunr.Index || lunr.Index.prototype.search.exofaqCommon) return;
  var search = lunr.Index.prototype.search;
  function language() {   // the site language whose lunr file the worker loaded; else the default
    for (var code in common) if (code !== fallback && typeof lunr[code] === "function") return code;
    return fallback;
  }
  function bare(word) { return word.replace(/^[+\\-*]+/, "").replace(/[*~^].*$/, "").toLowerCase(); }
  function stopWords(code) { return code === fallback ? lunr.stopWordFilter : lunr[code].stopWordFilter; }
  var addClause = lunr.Query && lunr.Query.prototype.clause;
  if (addClause) {
    lunr.Query.prototype.clause = function (clause) {
      var stop = stopWords(language()), word = String(clause.term || "").replace(/\\*/g, "");
      if (stop && word && !stop(word)) {
        clause.term = word;
        clause.wildcard = lunr.Query.wildcard.NONE;
        clause.usePipeline = true;
      }
      return addClause.call(this, clause);
    };
  }
  lunr.Index.prototype.search = function (query) {
    var code = language(), starts = common[code] || [], stop = stopWords(code);
    var isCommon = function (word) {
      var b = bare(word);
      return starts.some(function (start) { return b.indexOf(start) === 0; });
    };
    var words = String(query).split(/\\s+/).filter(Boolean);
    var others = words.filter(function (w) { return !isCommon(w); });
    var content = others.filter(function (w) { var b = bare(w); return b && (!stop || stop(b)); });
    if (!content.length || others.length === words.length) return search.call(this, query);
    var found = search.call(this, others.join(" "));
    // what the whole query matches in those pages, so the common word is highlighted there and
    // not listed as "Missing" under a page that says it; only the terms not matched already (the
    // same match twice would be highlighted twice, and Material's second <mark> lands inside the first)
    var whole = {};
    search.call(this, query).forEach(function (result) { whole[result.ref] = result.matchData.metadata; });
    found.forEach(function (result) {
      var more = {}, have = result.matchData.metadata, extra = whole[result.ref] || {};
      Object.keys(extra).forEach(function (term) { if (!(term in have)) more[term] = extra[term]; });
      result.matchData.combine({metadata: more});
    });
    return found;
  };
  lunr.Index.prototype.search.exofaqCommon = true;
})(self.lunr, %s, %s);
"""


def _language_data(root: Path) -> dict:
    path = root / LANGUAGE_DATA
    data = yamlfile.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    # the checker reports a file that breaks schemas/languages.schema.json; here it tunes nothing
    return {lang: entry for lang, entry in data.items() if isinstance(entry, dict)} if isinstance(data, dict) else {}


def accent_folding_languages(root: Path) -> set[str]:
    """The languages whose entry in data/languages.yml says `accent_folding: true`."""
    return {lang for lang, entry in _language_data(root).items() if entry.get("accent_folding") is True}


def common_words(root: Path, languages: list[str]) -> dict[str, list[str]]:
    """`search_common` of each site language in data/languages.yml, lower case ([] if none)."""
    data = _language_data(root)
    found = {}
    for lang in languages:
        words = (data.get(lang) or {}).get("search_common")
        found[lang] = [str(w).lower() for w in words if str(w).strip()] if isinstance(words, list) else []
    return found


def add_common_words(site_dir: Path, common: dict[str, list[str]], default: str) -> list[str]:
    """Append the stop-word and common-word tuning to Material's search worker (`default`: the
    language whose search loads no lunr language file); returns the worker files changed."""
    done = []
    for worker in sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.js")):
        text = worker.read_text(encoding="utf-8")
        if COMMON_MARKER not in text:
            tail = COMMON_SNIPPET % (json.dumps(common, ensure_ascii=False, sort_keys=True), json.dumps(default))
            worker.write_text(text.rstrip("\n") + "\n" + tail, encoding="utf-8")
        done.append(worker.name)
    return done


def add_accent_folding(site_dir: Path, languages: list[str], folding: set[str]) -> list[str]:
    """Append the folding to the lunr language file of every language of `languages` that is in
    `folding`; returns them."""
    done = []
    for lang in languages:
        target = site_dir / "assets" / "javascripts" / "lunr" / "min" / f"lunr.{lang}.min.js"
        if lang not in folding or not target.is_file():
            continue
        text = target.read_text(encoding="utf-8")
        if MARKER not in text:
            target.write_text(text.rstrip("\n") + "\n" + SNIPPET % f'"{lang}"', encoding="utf-8")
        done.append(lang)
    return done
