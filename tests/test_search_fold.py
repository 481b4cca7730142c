"""Search tuning is data: accent folding (`accent_folding: true`) and the common words
(`search_common`) of each language in data/languages.yml; the worker snippet keeps a site-wide
word from deciding the first result and searches a query of nothing else as typed."""

from __future__ import annotations

import json
import shutil
import subprocess

from scripts.search_fold import (COMMON_MARKER, COMMON_SNIPPET, MARKER, accent_folding_languages,
                                 add_accent_folding, add_common_words, common_words)


def test_folding_follows_the_language_data(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "languages.yml").write_text(
        "es:\n  search_probe: cabello\n  accent_folding: true\n"
        "ko:\n  search_probe: 탈모\n  accent_folding: false\n"
        "pt:\n  search_probe: cabelo\n", encoding="utf-8")
    assert accent_folding_languages(tmp_path) == {"es"}
    lunr = tmp_path / "site" / "assets" / "javascripts" / "lunr" / "min"
    lunr.mkdir(parents=True)
    for lang in ("es", "ko", "pt"):
        (lunr / f"lunr.{lang}.min.js").write_text("/* lunr */\n", encoding="utf-8")
    assert add_accent_folding(tmp_path / "site", ["en", "es", "ko", "pt"], accent_folding_languages(tmp_path)) == ["es"]
    assert MARKER in (lunr / "lunr.es.min.js").read_text(encoding="utf-8")
    assert MARKER not in (lunr / "lunr.ko.min.js").read_text(encoding="utf-8")  # Hangul never decomposed
    assert MARKER not in (lunr / "lunr.pt.min.js").read_text(encoding="utf-8")  # not declared: plain search



def test_common_words_follow_the_language_data(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "languages.yml").write_text(
        "en:\n  search_probe: hair\n  search_common: [Exosome]\nes:\n  search_probe: cabello\n", encoding="utf-8")
    common = common_words(tmp_path, ["en", "es", "pt"])
    assert common == {"en": ["exosome"], "es": [], "pt": []}
    workers = tmp_path / "site" / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.1234.min.js").write_text("/* worker */\n", encoding="utf-8")
    (workers / "search.1234.min.js.map").write_text("{}", encoding="utf-8")
    assert add_common_words(tmp_path / "site", common, "en") == ["search.1234.min.js"]
    assert add_common_words(tmp_path / "site", common, "en") == ["search.1234.min.js"]   # again: once
    text = (workers / "search.1234.min.js").read_text(encoding="utf-8")
    assert text.count(COMMON_MARKER) == 1 and '"en": ["exosome"]' in text
    assert (workers / "search.1234.min.js.map").read_text(encoding="utf-8") == "{}"
    (workers / "search.1234.min.js").write_text("/* worker */\n", encoding="utf-8")
    assert add_common_words(tmp_path / "site", {"en": [], "es": []}, "en") == ["search.1234.min.js"]  # stop words
    assert '{"en": [], "es": []}' in (workers / "search.1234.min.js").read_text(encoding="utf-8")


# a stand-in for lunr in the search worker: one page, which every query finds; its match data are
# the words of the query it was given
FAKE_LUNR = """
var self = {lunr: {Index: function () {}, stopWordFilter: function (t) {
  return ["for", "with", "do", "what", "are", "the"].indexOf(t) < 0 ? t : undefined; }}};
self.lunr.Query = function () { this.clauses = []; };
self.lunr.Query.wildcard = {NONE: 0, LEADING: 1, TRAILING: 2};
self.lunr.Query.prototype.clause = function (c) { this.clauses.push(c); return this; };
self.lunr.Index.prototype.search = function (q) {   // match data as lunr keeps them: term -> field -> positions
  var metadata = {};
  q.split(" ").forEach(function (word, i) { metadata[word] = {text: {position: [[i, word.length]]}}; });
  return [{ref: "page", searched: q, matchData: {metadata: metadata, combine: function (other) {
    for (var term in other.metadata) for (var field in other.metadata[term]) {   // lunr's MatchData.combine
      var into = (this.metadata[term] = this.metadata[term] || {});
      into[field] = into[field] || {position: []};
      into[field].position = into[field].position.concat(other.metadata[term][field].position);
    }
  }}}];
};
"""
SPANISH = """
self.lunr.es = function () {};
self.lunr.es.stopWordFilter = function (t) { return ["de", "la", "para", "los"].indexOf(t) < 0 ? t : undefined; };
"""


def clauses(words, spanish=False):
    """The clauses lunr's query parser would add for `words` (Material adds "*" to each), as the
    worker's snippet leaves them: [term, wildcard, usePipeline]."""
    node = shutil.which("node")
    assert node, "node is needed to run the search worker's snippet (apt install nodejs)"
    script = (FAKE_LUNR + (SPANISH if spanish else "")
              + COMMON_SNIPPET % (json.dumps({"en": [], "es": []}), json.dumps("en"))
              + "var q = new self.lunr.Query();"
              + f"{json.dumps(words)}.forEach(function (w) {{ q.clause({{term: w + '*', wildcard: 2, usePipeline: false}}); }});"
              + "console.log(JSON.stringify(q.clauses.map(function (c) { return [c.term, c.wildcard, c.usePipeline]; })));")
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_a_stop_word_is_searched_as_the_plain_word_which_the_filter_drops():
    """"for*" matched "forming", "de*" matched "debería": a stop word loses Material's "*"."""
    assert clauses(["exosomes", "for", "knee"]) == [
        ["exosomes*", 2, False], ["for", 0, True], ["knee*", 2, False]]
    assert clauses(["artrosis", "de", "la", "for"], spanish=True) == [
        ["artrosis*", 2, False], ["de", 0, True], ["la", 0, True], ["for*", 2, False]]   # the worker's language


def run_snippet(queries, spanish=False):
    """(the query the index was searched with, [term, how many matches of it]) per query: the
    worker's snippet run in node."""
    node = shutil.which("node")
    assert node, "node is needed to run the search worker's snippet (apt install nodejs)"
    common = {"en": ["exosome"], "es": ["exosoma"]}
    script = (FAKE_LUNR + (SPANISH if spanish else "")
              + COMMON_SNIPPET % (json.dumps(common), json.dumps("en"))
              + f"var index = new self.lunr.Index(); console.log(JSON.stringify({json.dumps(queries)}"
              ".map(function (q) { var r = index.search(q)[0], m = r.matchData.metadata;"
              " return [r.searched, Object.keys(m).sort().map(function (t) { return [t, m[t].text.position.length]; })]; })));")
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    return [tuple(pair) for pair in json.loads(done.stdout)]


def searched(queries, spanish=False):
    return [query for query, _ in run_snippet(queries, spanish)]


def test_a_query_with_other_words_is_searched_without_the_common_words():
    assert searched(["exosomes wrinkles", "Exosome* for knee* arthritis*", "+exosomes +acne"]) == [
        "wrinkles", "for knee* arthritis*", "+acne"]


def test_the_pages_found_keep_the_matches_of_the_whole_query():
    """So the page's "exosomes" is highlighted, not listed under "Missing"."""
    [(query, terms)] = run_snippet(["exosomes wrinkles"])
    assert query == "wrinkles"
    # each term matched once: "wrinkles" twice would be highlighted twice ("k>wrinkles" on the page)
    assert terms == [["exosomes", 1], ["wrinkles", 1]]


def test_a_query_of_common_and_stop_words_only_is_searched_as_typed():
    queries = ["exosomes", "what are exosomes", "for exosomes*"]
    assert searched(queries) == queries
    assert [terms for _, terms in run_snippet(queries)] == [sorted([w, 1] for w in q.split(" ")) for q in queries]


def test_the_worker_uses_the_common_words_of_its_language():
    assert searched(["exosomas para la artrosis", "exosomes wrinkles", "exosomas"], spanish=True) == [
        "para la artrosis", "exosomes wrinkles", "exosomas"]
