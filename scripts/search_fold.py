"""Accent-insensitive search for languages written with accents, and their stop words ("de",
"la", "der") kept out of queries.

Readers type "caida" for "caída" and "etude" for "étude". Material builds its lunr index in a
web worker, loading `assets/javascripts/lunr/min/lunr.<lang>.min.js` for the page language; a
short addition to that file (appended after the build, the theme's file is not copied) makes
lunr index every accented word twice, as written and without its accents, and strip accents from
the words of a query. Accented queries still find accented words; highlighting is unchanged."""

from __future__ import annotations

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
  // Material adds "*" to every query word, so "de*" skipped the stop word filter and matched
  // "debería", "después"...: "cicatrices de acné" found a page on neither. A stop word of the
  // language is searched as the plain word again, which the filter then drops.
  var stop = language.stopWordFilter, addClause = lunr.Query.prototype.clause;
  if (stop && !addClause.exofaqStopWords) {
    lunr.Query.prototype.clause = function (clause) {
      var bare = String(clause.term || "").replace(/\\*/g, "");
      if (bare && !stop(bare)) {
        clause.term = bare;
        clause.wildcard = lunr.Query.wildcard.NONE;
        clause.usePipeline = true;
      }
      return addClause.call(this, clause);
    };
    lunr.Query.prototype.clause.exofaqStopWords = true;
  }
})(self.lunr, %s);
"""


def accent_folding_languages(root: Path) -> set[str]:
    """The languages whose entry in data/languages.yml says `accent_folding: true`."""
    path = root / LANGUAGE_DATA
    data = yamlfile.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return {lang for lang, entry in (data or {}).items()
            if isinstance(entry, dict) and entry.get("accent_folding") is True}


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
