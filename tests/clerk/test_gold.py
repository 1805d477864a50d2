from clerk.evaluation import Passage, Question, QuestionResult, paragraph_cited, run_question, summarise
from clerk.gold import quote_in_text

PARA = ("Devon County Council secured a grant of £1,147,106 in May 2023 from the Department for Education "
        "following a bid for funding under the Staying Close programme.")


def test_quote_matches_despite_case_punctuation_and_whitespace():
    assert quote_in_text("secured a grant of £1,147,106 in May 2023 from the department\nfor Education", PARA)


def test_quote_needs_half_of_its_five_grams():
    assert not quote_in_text("The council secured funding for two new children's homes in Holsworthy", PARA)


def test_short_quote_needs_all_words_in_order():
    assert quote_in_text("Staying Close", PARA)
    assert not quote_in_text("Close Staying", PARA)


def test_run_question_records_first_hit_rank_and_paragraph():
    q = Question("q1", "How much?", "number", [{"file": "a.txt", "paragraph": "1.11", "quote": PARA}])
    passages = [Passage("a.txt", "unrelated text about roads", ["1.1"]), Passage("a.txt", PARA, ["1.11"])]
    result = run_question(q, lambda question, k: passages, 5)
    assert (result.first_hit_rank, result.paragraph_correct) == (2, True)
    wrong_file = run_question(q, lambda question, k: [Passage("b.txt", PARA, ["1.11"])], 5)
    assert wrong_file.first_hit_rank is None


def test_a_paragraph_is_cited_by_itself_a_paragraph_inside_it_or_the_numbered_section_shown():
    assert paragraph_cited("87", Passage("m.pdf", PARA, ["87(6)"]))  # a minute's sub-paragraph is in the minute
    assert paragraph_cited("3.3", Passage("r.pdf", PARA, ["3.3.1"]))
    assert not paragraph_cited("3.3", Passage("r.pdf", PARA, ["3"]))  # the section, not the paragraph asked
    assert not paragraph_cited("2.1", Passage("r.pdf", PARA, ["2.10"]))
    table = Passage("f.pdf", PARA, [], section="Revenue > 3a | Adult Social Care & Health")
    assert paragraph_cited("3a", table) and not paragraph_cited("3", table)
    assert not paragraph_cited("3a", Passage("f.pdf", PARA, ["4"], section="3a | Adult Social Care"))


def test_summarise_recall_and_mrr():
    results = [QuestionResult("a", "t", 1, True, 10), QuestionResult("b", "t", 4, False, 20),
               QuestionResult("c", "t", None, None, 30)]
    m = summarise(results)
    assert m.recall[1] == 1 / 3 and m.recall[5] == 2 / 3
    assert abs(m.mrr - (1 + 0.25) / 3) < 1e-9
    assert m.paragraph_accuracy == 0.5
