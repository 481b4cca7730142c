"""What the checker keeps between runs in one process (`make serve` checks again after every save):
the readability measures and the terms each English answer uses are kept by everything they
depend on, so an edit to a page, to the term base or to the targets is always seen; and a lock
file written through a loaded project is read again, not from the copy loaded before."""

from __future__ import annotations

from scripts.content import load_project

HAIR_EN = "docs/en/cosmetic/hair.md"
HAIR_ES = "docs/es/cosmetic/hair.md"
HARD = ("Intra-articular administration of mesenchymal stromal cell-derived extracellular vesicles "
        "demonstrated statistically indistinguishable radiographic progression characteristics. ") * 3


def rules_of(problems, prefix):
    return sorted((p.path, p.line, p.rule) for p in problems if p.rule.startswith(prefix))


def test_a_page_edited_between_two_checks_is_measured_again(project):
    assert rules_of(project.check(), "readability-grade") == []
    project.replace(HAIR_EN, "Only in mice [@mouse2020-hair].", f"Only in mice [@mouse2020-hair]. {HARD}")
    assert rules_of(project.check(), "readability-grade")            # the edit is seen
    project.replace(HAIR_EN, HARD, "")
    assert rules_of(project.check(), "readability-grade") == []       # and so is the fix


def test_changed_targets_are_applied_to_an_unchanged_page(project):
    project.replace(HAIR_EN, "Only in mice [@mouse2020-hair].", f"Only in mice [@mouse2020-hair]. {HARD}")
    assert rules_of(project.check(), "readability-grade")
    text = project.read("data/readability.yml")
    project.write("data/readability.yml", text.replace("answer_max_grade: 8", "answer_max_grade: 40"))
    assert "answer_max_grade: 40" in project.read("data/readability.yml")
    assert rules_of(project.check(), "readability-grade") == []


def test_a_translation_edited_between_two_checks_is_checked_again(project):
    assert rules_of(project.check(), "term-") == []
    project.replace(HAIR_ES, "uno en ratones", "uno en ratas")
    assert (HAIR_ES, 14, "term-wrong-rendering") in rules_of(project.check(), "term-")
    project.replace(HAIR_ES, "uno en ratas", "uno en ratones")
    assert rules_of(project.check(), "term-") == []


def test_a_changed_english_form_in_the_term_base_is_applied(project):
    project.replace(HAIR_ES, "Solo en ratones", "Solo en roedores")
    assert (HAIR_ES, 16, "term-missing-rendering") in rules_of(project.check(), "term-")
    # the term now names a word no English answer uses: nothing is required of the translation
    text = project.read("data/terms.yml")
    assert "en: [mice]" in text
    project.write("data/terms.yml", text.replace("en: [mice]", "en: [hamsters]"))
    assert rules_of(project.check(), "term-") == []


def test_a_lock_written_through_a_loaded_project_is_read_again(project):
    from scripts.changelog import read_grade_lock, write_grade_lock

    project.write("grades.lock.yml", project.read("grades.lock.yml") + "gone.md:\n  old-question: practical\n")
    loaded = load_project(project.root)
    _, before, _ = read_grade_lock(loaded)       # read (and kept) once
    assert ("gone.md", "old-question") in before
    write_grade_lock(loaded)                      # writes the current grades: no gone.md
    _, after, _ = read_grade_lock(loaded)
    assert after and ("gone.md", "old-question") not in after   # the file as written, not the kept copy


def test_the_cycle_collector_is_paused_only_while_checking(project, monkeypatch):
    import gc

    from scripts import checker

    seen = []
    monkeypatch.setattr(checker, "RULES", [lambda proj, today: seen.append(gc.isenabled()) or []])
    assert gc.isenabled()
    project.check()
    assert seen == [False] and gc.isenabled()          # paused during the check, running after it
    gc.disable()
    try:
        project.check()
        assert not gc.isenabled()                      # a caller's own setting is kept
    finally:
        gc.enable()
    monkeypatch.setattr(checker, "RULES", [lambda proj, today: 1 / 0])
    assert [p.rule for p in project.check()] == ["internal-error"] and gc.isenabled()


def test_what_a_check_built_skips_the_next_young_collection_but_not_a_full_one():
    import gc
    import weakref

    from scripts.checker import cycle_collector_paused

    class Node:
        pass

    assert gc.isenabled() and gc.get_freeze_count() == 0
    with cycle_collector_paused():
        kept = [Node() for _ in range(100)]            # lives on after the check
        cycle = Node()
        cycle.me = cycle                               # garbage that only the collector can free
        gone = weakref.ref(cycle)
        del cycle
    gen2 = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(o) in gen2 for o in kept)            # moved to the oldest generation in one step
    assert gc.get_freeze_count() == 0                  # nothing is left frozen
    gc.collect()
    assert gone() is None                              # the next full collection still frees cycles

    with cycle_collector_paused(long_running=True):    # make serve: left to the usual generations
        young = [Node() for _ in range(100)]
    gen2 = {id(o) for o in gc.get_objects(generation=2)}
    assert not any(id(o) in gen2 for o in young)

    gc.freeze()                                        # a caller's own frozen objects stay frozen
    try:
        frozen = gc.get_freeze_count()
        with cycle_collector_paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_make_serve_checks_without_moving_the_check_to_the_oldest_generation(project, monkeypatch):
    import gc

    from scripts import checker

    made = []
    monkeypatch.setattr(checker, "RULES", [lambda proj, today: made.append([object()]) or []])
    for long_running, promoted in ((False, True), (True, False)):
        made.clear()
        checker.check(project.root, long_running=long_running)
        assert any(id(o) == id(made[0]) for o in gc.get_objects(generation=2)) is promoted
