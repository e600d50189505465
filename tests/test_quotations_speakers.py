"""Speakers and kinds of quotations in conventions beyond the chapter (issue 14), on sentences of our own."""

from __future__ import annotations

import pytest

import textmine as tm
from textmine.quotations import find_quotations
from textmine.quotations.names import name_kind, speaker_label
from textmine.quotations.referents import REFERENT_RULES


def quotes(text: str, **kw):
    doc = tm.parse(text, header=False)
    if kw:
        return find_quotations(doc.text, doc.paragraphs, doc.tokens, doc.citations, doc_id="d", **kw)
    return doc.quotations


def first(text: str, **kw):
    return quotes(text, **kw).iloc[0]


# ------------------------------------------------------------------ organisations and periodicals
@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("\u201cThe harbour is silting up,\u201d said the Morning Chronicle.", "Morning Chronicle", "periodical"),
        ("\u201cThe harbour is silting up,\u201d reported the Dunmore and District Advertiser.",
         "Dunmore and District Advertiser", "periodical"),
        ("\u201cThe harbour is silting up,\u201d the Board of Harbour Commissioners wrote.",
         "Board of Harbour Commissioners", "organisation"),
        ("As the Fenwick Herald observed in a leader, \u201cthe harbour is silting up and nobody cares.\u201d",
         "Fenwick Herald", "periodical"),
        ("According to the Ashby Ledger, the harbour was \u201csilting up beyond repair.\u201d", "Ashby Ledger", "periodical"),
    ],
)
def test_periodicals_and_organisations_speak_under_their_full_names(text, speaker, kind):
    q = first(text)
    assert (q["kind"], q["speaker"], q["speaker_kind"]) == ("quotation", speaker, kind)


def test_a_short_name_of_a_periodical_takes_the_full_name_given_before():
    text = ("The Ashby Evening Ledger had campaigned for the bridge for years.\n\n"
            "When it opened, \u201cthe town has its bridge at last,\u201d the Ledger said.")
    q = first(text)
    assert (q["speaker"], q["speaker_kind"]) == ("Ashby Evening Ledger", "periodical")


@pytest.mark.parametrize(
    "text, must",
    [
        ("Congress declared: \u201cThe tariff stands as it is written.\u201d", "Congress"),
        ("Congress passed the bill. \u201cThe tariff stands as it is written.\u201d", None),
        ("Management was divided. \u201cThe tariff stands as it is written.\u201d", None),
        ("The voters of Dunmore adopted a motion: \u201cThe tariff stands as it is written.\u201d", None),
    ],
)
def test_a_capitalised_institution_or_place_speaks_only_as_the_subject_of_a_speech_verb(text, must):
    q = first(text)
    assert q["kind"] == "quotation"
    assert (q["speaker"] if isinstance(q["speaker"], str) else None) == must


def test_name_kind_reads_the_words_of_a_name():
    assert name_kind("Ashby Evening Ledger") == "periodical"
    assert name_kind("Dagblad") == "periodical"
    assert name_kind("Bureau of Fisheries") == "organisation"
    assert name_kind("Coast Guard", after_the=True) == "organisation"
    assert name_kind("Coast Guard") == "person"
    assert name_kind("Nora Blythe") == "person"


# ------------------------------------------------------------------ tags: inverted, wrapped, described
def test_the_source_named_after_the_quotation_beats_a_name_in_the_previous_sentence():
    text = ("Mr. Hale spoke against the plan. \u201cThe bridge will never pay,\u201d averred the Secretary. "
            "Nobody answered.")
    q = first(text)
    assert q["speaker_rule"] == "description" or q["speaker"] != "Hale"
    text2 = ("Dr. Ruth Amery was there. \u201cThe bridge will never pay,\u201d said Mr. Hale, \u201cnot in our time.\u201d")
    q2 = quotes(text2)
    assert q2["speaker"].tolist() == ["Hale", "Hale"] and q2["group_id"].nunique() == 1


def test_a_tag_runs_across_a_hard_wrapped_line():
    text = "\u201cThe fares must come down,\u201d said Alderman Pike\nwhen the council met, \u201cor the trams will run empty.\u201d"
    q = quotes(text)
    assert q["speaker"].tolist() == ["Pike", "Pike"] and q["group_id"].nunique() == 1


def test_that_before_a_time_word_is_no_complementizer():
    q = first("\u201cThe well is dry,\u201d she wrote to Mrs. Hale that winter, \u201cand the pump is broken.\u201d")
    assert q["kind"] == "quotation" and quotes(
        "\u201cThe well is dry,\u201d she wrote to Mrs. Hale that winter, \u201cand the pump is broken.\u201d")["group_id"].tolist() == [0, 0]
    q2 = first("\u201cWells,\u201d she wrote that they were, \u201care never dry for long.\u201d")
    assert q2["group_id"] == 0


def test_every_referent_rule_reads_its_examples():
    for rule in REFERENT_RULES:
        assert rule.examples, rule.name
        for text, speaker in rule.examples:
            q = first(text)
            # a tag's description ("the mayor said") or a description cue in a window ("the commission said")
            assert q["speaker_rule"] in ("description", "same_sentence"), (rule.name, text, q["speaker_rule"])
            assert q["speaker"] == speaker, (rule.name, text, q["speaker"])
        for text in rule.counter_examples:
            q = first(text)
            assert not isinstance(q["speaker"], str), (rule.name, text, q["speaker"])


def test_an_appositive_name_takes_its_verb_after_the_second_comma():
    q = first("At the spring meeting the club's clerk, Nora Blythe, set out the choice: "
              "\u201cWe can keep the hall or the library, not both.\u201d")
    assert (q["speaker"], q["speaker_rule"]) == ("Blythe", "same_sentence")


# ------------------------------------------------------------------ first person and transcripts
def test_first_person_is_the_documents_author():
    text = "I wrote to the council that spring: \u201cThe library must stay open on Sundays.\u201d"
    q = first(text, author="Hendrika Maas")
    assert (q["speaker"], q["speaker_kind"], q["speaker_rule"]) == ("Maas", "author", "same_sentence")
    q = first(text)
    assert q["speaker_kind"] == "author" and not isinstance(q["speaker"], str)


def test_in_a_transcript_first_person_is_the_labelled_speaker():
    text = ("The CHAIRMAN. Go on, please.\n\n"
            "Mr. OSGOOD. I wrote to the department in May: \u201cThe pier is unsafe and must be closed.\u201d")
    q = first(text, author="Committee on Harbors")
    assert (q["speaker"], q["speaker_kind"]) == ("Osgood", "person")


def test_speaker_labels_are_capitals_and_a_full_stop_not_headings():
    assert speaker_label("The CHAIRMAN. Please sit.", 0, 25) == "Chairman"
    assert speaker_label("Colonel ASHER. I do.", 0, 20) == "Asher"
    assert speaker_label("II. THE STRIKE", 0, 14) is None
    assert speaker_label("Mr. Greer spoke.", 0, 16) is None


def test_a_pronoun_in_the_next_sentence_is_the_last_named_subject():
    text = ("Mr. Van Rijn of the Farmers\u2019 League objected to the motion. \u201cWe will have no part in it,\u201d he said, "
            "\u201cnow or later.\u201d")
    q = quotes(text)
    assert q["speaker_name"].tolist() == ["Van Rijn", "Van Rijn"] and q["speaker"].tolist() == ["Rijn", "Rijn"]


def test_a_possessive_before_a_speech_noun_names_the_speaker():
    q = first("Mrs. Hale\u2019s reply came the next week: \u201cThe roof can wait another year.\u201d")
    assert q["speaker"] == "Hale"
    q = first("Mrs. Hale\u2019s lodgers were tired: \u201cThe roof can wait another year.\u201d")
    assert not isinstance(q["speaker"], str)


def test_a_first_name_alone_takes_the_one_full_name_the_text_gives_it():
    text = ("Ada Quill ran the school. \u201cWe need a roof,\u201d Tomas wrote to her, \u201cbefore the rains.\u201d"
            "[1]\n\nNotes\n\n1. Tomas Brenner to Ada Quill, 3 May 1901, Quill Papers.")
    assert first(text)["speaker"] == "Brenner"
    two = "Tomas Brenner and Tomas Wylie came. \u201cWe need a roof,\u201d Tomas wrote, \u201cbefore the rains.\u201d"
    assert first(two)["speaker"] == "Tomas"


def test_a_short_form_before_of_names_the_organisation():
    text = ("The Bureau of Fisheries wrote in March. Later the Bureau said the plan was \u201ctoo costly by half.\u201d")
    q = first(text)
    assert (q["speaker"], q["speaker_kind"]) == ("Bureau of Fisheries", "organisation")


def test_description_cues_in_the_sentence_resolve_to_the_organisation():
    text = ("The Federal Harbour Commission met on Monday. In a short report the commission said the pier would "
            "\u201cserve the town for fifty years.\u201d")
    q = first(text)
    assert (q["kind"], q["speaker"]) == ("quotation", "Federal Harbour Commission")
    unnamed = first("In a short report the commission said the pier would \u201cserve the town for fifty years.\u201d")
    assert unnamed["kind"] == "quotation" and not isinstance(unnamed["speaker"], str)


def test_a_later_part_of_a_group_takes_the_resolved_tag_speaker():
    text = ("Treasury Secretary Ruth Amery spoke first. \u201cThe river is ours,\u201d said the Secretary. "
            "\u201cWe will build on it.\u201d")
    assert quotes(text)["speaker"].tolist()[:1] == ["Amery"]


def test_spokespeople_speak_for_their_organisation():
    q = first("Harbour Board officials said the pier was \u201cbeyond all repair.\u201d")
    assert (q["speaker"], q["speaker_kind"]) == ("Harbour Board", "organisation")
    q = first("According to officials of the Harbour Board, the pier was \u201cbeyond all repair.\u201d")
    assert (q["speaker"], q["speaker_kind"]) == ("Harbour Board", "organisation")


def test_a_company_abbreviation_ends_the_name_and_no_sentence():
    q = first("The Dunmore Gas Co., which lit the town, said the pipes were \u201cperfectly sound.\u201d")
    assert (q["speaker"], q["speaker_kind"]) == ("Dunmore Gas Co.", "organisation")


def test_the_subject_of_a_relative_clause_is_a_pronouns_antecedent_not_a_speaker():
    text = ("The debate, in which Sen. Ada Crowe spoke for two hours, ended late. Nobody else did. "
            "She called the bill \u201cthe worst of the session\u201d and left.")
    q = first(text)
    assert q["speaker"] == "Crowe"
    q = first("The hall in which Sen. Ada Crowe said nothing was full: \u201cWe will wait for the vote.\u201d")
    assert q["speaker"] != "Crowe"


def test_his_or_her_before_a_speech_noun_is_a_pronoun_cue():
    text = "Mrs. Ada Crowe sat down. Her reply, when it came, was short: \u201cNot this year, and not next.\u201d"
    assert first(text)["speaker"] == "Crowe"
    text = "Mrs. Ada Crowe sat down. Her hat, when it came off, was wet: \u201cNot this year, and not next.\u201d"
    assert first(text)["speaker"] != "Crowe" or first(text)["speaker_rule"] != "same_sentence"


def test_the_agent_of_a_passive_speech_verb_speaks():
    q = first("In 1906 I was warned by Mr. Pim that the hall was \u201ca fire waiting to happen.\u201d", author="Ann Lee")
    assert q["speaker"] == "Pim"
    q = first("It was, in the words of Mr. Pim, \u201ca bridge to nowhere in particular.\u201d")
    assert q["speaker"] == "Pim"


# ------------------------------------------------------------------ documents from a sender
@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("Mr. Hale rose. I hold a letter from the Harbour Board dated May 2, which says that the dock is "
         "\u201cno longer safe for loaded barges.\u201d", "Harbour Board", "organisation"),
        ("Mr. Hale went on. This is from the Evening Ledger of March 3, 1931: \u201cThe dock must close "
         "before the winter comes.\u201d", "Evening Ledger", "periodical"),
        ("The clerk read a telegram from Ada Crane, which ran: \u201cCannot attend, vote for the plan.\u201d",
         "Crane", "person"),  # a person is named by the surname, as everywhere
    ],
)
def test_the_sender_of_a_document_is_the_source_of_what_it_says(text, speaker, kind):
    q = first(text)
    assert (q["speaker"], q["speaker_kind"], q["speaker_rule"]) == (speaker, kind, "source_document")


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Hale came home from the Harbour Board and said, \u201cThe dock is no longer safe.\u201d",  # no document
        "Mr. Hale wrote a letter to the Harbour Board: \u201cThe dock is no longer safe.\u201d",  # to, not from
    ],
)
def test_from_without_a_document_names_no_sender(text):
    q = first(text)
    assert q["speaker_rule"] != "source_document" and q["speaker"] == "Hale"


def test_an_organisation_name_ends_before_a_month_after_of():
    from textmine.quotations.names import ORG_RUN

    assert ORG_RUN.match("Evening Ledger of May 2, 1950").group() == "Evening Ledger"
    assert ORG_RUN.match("Board of Trade of the City").group() == "Board of Trade of the City"


def test_name_runs_and_the_organisation_scan_find_what_the_plain_regexes_find():
    # name_runs tries NAME_RUN only where a name can start; referents' "the ORG" scan puts its letter
    # first: both are speed-ups that must give exactly the plain finditer matches
    import random
    import re

    from textmine.quotations import referents
    from textmine.quotations.names import NAME_RUN, ORG_RUN, name_runs

    plain_org = re.compile(r"(?<![\w\u2019'])[Tt]he\s+(" + ORG_RUN.pattern + ")")
    rnd = random.Random(1)
    pieces = ["Mr. ", "Smith ", "van ", "de ", "J. ", "A.B. ", "the ", "The ", "Board of Trade ", "\u2019s ", "-", "x",
              "O'Neil ", "\n", "  ", "\u00c9lan ", "\u00c9TAT ", "said ", ". ", "Dr. Jones", "'", "\u2019", "Then", "bathe "]
    for _ in range(2000):
        t = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 40)))
        assert [m.span() for m in name_runs(t)] == [m.span() for m in NAME_RUN.finditer(t)], t
        assert [m.span(1) for m in referents._THE_ORG.finditer(t)] == [m.span(1) for m in plain_org.finditer(t)], t


# ------------------------------------------------------------------ pronouns (PRONOUN_RULES)
def test_every_pronoun_rule_reads_its_examples(monkeypatch):
    import textmine.quotations.speakers as sp
    from textmine.quotations.pronouns import PRONOUN_RULES, antecedent

    seen = []

    def spy(ctx, pos, lo, para_lo):
        out = antecedent(ctx, pos, lo, para_lo)
        seen.append(out[1])
        return out

    monkeypatch.setattr(sp, "pronoun_antecedent", spy)
    for rule in PRONOUN_RULES:
        assert rule.examples, rule.name
        for text, speaker in rule.examples:
            seen.clear()
            q = first(text)
            assert q["speaker"] == speaker, (rule.name, text, q["speaker"])
            assert rule.name in seen, (rule.name, text, seen)
        for text in rule.counter_examples:
            seen.clear()
            first(text)
            assert rule.name not in seen, (rule.name, text, seen)


@pytest.mark.parametrize(
    "text, speaker",
    [
        # the one asked answers, not the asker
        ("Sen. Ruth Mills questioned the miller and asked Carl Dent whether the dam would hold. "
         "He answered: \u201cIt held in the flood of 1931 and it will hold now.\u201d", "Dent"),
        # "asked him": the man named before, not the subject of "asked"
        ("The lodge chose a shepherd named Amos Reede as its warden. He said little. When the clerk asked him "
         "what the lodge would do, he replied: \u201cWhat it has always done, and slowly.\u201d", "Reede"),
        # someone else named after the one asked: the pronoun is theirs (last named subject)
        ("Carl Dent asked Amos Reede about the dam. Later Mr. Tobias Ord spoke, and he said: "
         "\u201cThe dam will not hold another winter.\u201d", "Ord"),
        # a woman asked is never "he": the asker speaks
        ("Tobias Ord asked Mrs. Ida Crane about the lamp. He said: \u201cTake two, the nights are long.\u201d", "Ord"),
    ],
)
def test_a_pronoun_after_asked_is_the_one_asked(text, speaker):
    assert first(text)["speaker"] == speaker


# ------------------------------------------------------------------ spokespeople and open speech verbs
def test_the_officials_speak_for_the_organisation_their_spokespeople_were_named_for():
    text = ("Water Board officials said on Tuesday that the reservoir was low. The officials said "
            "the drought since the rains failed had \u201cemptied every tank in the county.\u201d")
    q = first(text)
    assert (q["speaker"], q["speaker_kind"]) == ("Water Board", "organisation")


@pytest.mark.parametrize(
    "text, speaker",
    [
        # "began" before other words is no speech verb: the subject of "said" speaks
        ("Ada Quill said the school had been full since the Fenwick Mill began hiring, and \u201cfull of "
         "children who never saw a book.\u201d", "Quill"),
        ("Ada Quill said the roof had leaked ever since the Harbour Board went bankrupt, \u201cevery winter.\u201d",
         "Quill"),
        # before the words, after a colon, or with "on"/"it", it still speaks
        ("The Harbour Board began: \u201cWe regret the delay and will pay the costs.\u201d", "Harbour Board"),
        ("Ada Quill went on: \u201cThe roof leaks in every room.\u201d", "Quill"),
        ("Ada Quill put it plainly: \u201cThe roof leaks in every room.\u201d", "Quill"),
    ],
)
def test_begin_go_put_continue_speak_only_before_the_words(text, speaker):
    assert first(text)["speaker"] == speaker


# ------------------------------------------------------------------ a clause between the subject and its verb
@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ("The guild met in May. Mr. Hale, asked about the fire at the annual meeting of the guild, replied that "
         "the hall was \u201colder than any of us and in better repair.\u201d", "Hale", "person"),
        ("The Cedar Run Power Co. bought the mill in 1950. The company, which opened its second mill in the "
         "spring, said in a statement that the strike was \u201cover in all but name.\u201d",
         "Cedar Run Power Co.", "organisation"),
        ("The Fenwick Harbour Commission sat in June. The commission, which had not met for a year, declared "
         "the pier \u201cunsafe for any vessel.\u201d", "Fenwick Harbour Commission", "organisation"),
    ],
)
def test_a_clause_between_the_subject_and_its_speech_verb_is_skipped(text, speaker, kind):
    q = first(text)
    assert (q["speaker"], q["speaker_kind"]) == (speaker, kind)


def test_a_clause_after_a_description_with_no_speech_verb_names_no_speaker():
    q = first("The Cedar Run Power Co. bought the mill. The company, which opened its second mill in the spring, "
              "built houses that were \u201cnot fit for cattle.\u201d")
    assert q["speaker"] != "Cedar Run Power Co."


@pytest.mark.parametrize(
    "text, speaker",
    [
        # the text calls her "Mrs. Lind" elsewhere (inside a quotation): "she" is Lind, not the doctor named before
        ("\u201cMrs. Lind will not be moved,\u201d the clerk wrote.\n\nDr. Amos Reede, who kept the dispensary, "
         "opposed the plan, but Lind took the matter to the vestry. \u201cWe shall open in May,\u201d she said.",
         "Lind"),
        # a man the text calls "Mr." named after the unnamed-gender subject
        ("Governor Lee Marsh signed the bill and handed the pen to Mr. Cobb. \u201cIt took ten years,\u201d "
         "he said.", "Cobb"),
        # with no honorifics, the last named subject, as before
        ("Lee Marsh signed the bill and handed the pen to Cobb. \u201cIt took ten years,\u201d he said.", "Marsh"),
    ],
)
def test_a_pronoun_prefers_a_person_the_text_gives_its_gender(text, speaker):
    q = quotes(text)
    assert q["speaker"].iloc[-1] == speaker


def test_a_pronoun_with_no_named_subject_before_it_is_the_last_person_named():
    text = ("The surveyor that year was Capt. Lena Ross, who is with us today, and she measured the bar. "
            "Her report said, and I quote it in full: \u201cThe bar has moved two hundred yards since 1920.\u201d")
    assert first(text)["speaker"] == "Ross"
    # a man named last is never "her"
    text = ("The surveyor that year was Mr. Owen Ross, who is with us today. "
            "Her report said, and I quote it in full: \u201cThe bar has moved two hundred yards since 1920.\u201d")
    assert first(text)["speaker"] != "Ross"


# ------------------------------------------------------------------ agreeing; periodicals named as a person would be
def test_agreeing_with_words_is_not_saying_them():
    text = ("Mr. OSGOOD. The Harbour Commission put it this way in its review, and I agreed with it then: "
            "\u201cThe pier is a danger to every boat that ties up there.\u201d")
    q = first(text)
    assert (q["speaker"], q["speaker_kind"]) == ("Harbour Commission", "organisation")
    # "agreed" before the words still speaks
    q = first("Mr. OSGOOD. The commission met in May, and I agreed: \u201cThe pier must close.\u201d")
    assert q["speaker"] == "Osgood"


def test_a_name_introduced_as_a_periodical_speaks_as_one_wherever_it_is_named():
    text = ("The strike began in March. Our own weekly, Nieuw Licht, took the side of the men.\n\n"
            "Nieuw Licht returned to the subject in April: \u201cThe directors have counted everything but the men.\u201d")
    q = first(text)
    assert (q["speaker"], q["speaker_kind"]) == ("Nieuw Licht", "periodical")
    # the same words never introduced as a paper: a person
    text = ("The strike began in March.\n\n"
            "Nieuw Licht returned to the subject in April: \u201cThe directors have counted everything but the men.\u201d")
    assert first(text)["speaker_kind"] == "person"


# ------------------------------------------------------------------ an organisation's officer; speech acts
@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The Ashby Gas Company named a new director, Mr. Tobias Ord, in May. The company said nothing for a week. "
         "Its director issued a statement on the Monday: \u201cThe gas will be cheaper by the winter.\u201d", "Ord"),
        ("The Ashby Gas Company named a new secretary, Ada Quill, in May. The company said nothing for a week. "
         "Its secretary posted a notice at the works: \u201cThe gas will be cheaper by the winter.\u201d", "Quill"),
    ],
)
def test_an_organisations_officer_issuing_a_statement_is_its_speaker(text, speaker):
    assert first(text)["speaker"] == speaker


def test_receiving_a_document_is_no_speech_act():
    text = ("The Ashby Gas Company named a new director, Mr. Tobias Ord, in May. "
            "Its director received a letter on the Monday: \u201cThe gas will be cheaper by the winter.\u201d")
    assert first(text)["speaker"] != "Ord"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("We come now to the question that Mr. Tobias Ord put to the meeting in 1921: \u201cWho will pay for the "
         "new bridge?\u201d", "Ord"),
        ("I will end with the reply which Ada Quill gave the inspector, and which the town still repeats: "
         "\u201cThe children come first, the forms after.\u201d", "Quill"),
    ],
)
def test_the_subject_of_a_relative_clause_after_a_speech_noun_says_the_words(text, speaker):
    assert first(text)["speaker"] == speaker


def test_the_subject_of_a_relative_clause_after_another_noun_is_no_speaker():
    q = first("We come now to the bridge that Mr. Tobias Ord built in 1921, and which the town still "
              "repeats as a warning: \u201cWho will pay for the new bridge?\u201d")
    assert q["speaker"] != "Ord"


def test_the_first_persons_kin_shares_the_first_persons_surname():
    text = ("I grew up on the coast. I remember what my father said when the mill closed. "
            "He said, \u201cA town without a mill is a town without a future.\u201d")
    q = first(text, author="Hendrika Maas")
    assert (q["speaker"], q["speaker_kind"]) == ("Maas", "person")
    # no capitalized word opening a sentence is a person ("Partly, not wholly.")
    text = ("Mr. HALE. Partly, not wholly. The mill had closed by then. "
            "He said, \u201cA town without a mill is a town without a future.\u201d")
    assert first(text)["speaker"] != "Partly"


@pytest.mark.parametrize(
    "author, speaker, kind",
    [("Bureau of Fisheries", "Bureau of Fisheries", "organisation"), ("Walter Ames", "Ames", "person")],
)
def test_a_corporate_citation_author_speaks_as_an_organisation(author, speaker, kind):
    import pandas as pd

    text = "The catch fell every year. The decline was \u201cthe worst in the history of the fishery\u201d (Annual Report, 1931, p. 4)."
    doc = tm.parse(text, header=False)
    cites = pd.DataFrame({"citation_id": [0], "start": [text.index("(")], "end": [len(text) - 1], "author": [author]})
    q = find_quotations(doc.text, doc.paragraphs, doc.tokens, cites, doc_id="d").iloc[0]
    assert (q["speaker"], q["speaker_kind"], q["speaker_rule"]) == (speaker, kind, "citation_author")


@pytest.mark.parametrize("filler", [0, 60])  # a short window, and one long enough to be folded over its walls
def test_a_party_and_state_with_a_full_stop_is_an_appositive_not_a_sentence_end(filler):
    text = ("Rep. Ada Hale, D-Ore., called the plan \u201ca gift to the railways.\u201d" if not filler else
            "Rep. Ada Hale, D-Ore., spoke for an hour. " + "the river rose and fell all spring. " * filler
            + "\u201cThe plan is a gift to the railways,\u201d she said.")
    q = quotes(text).iloc[-1]
    assert q["speaker"] == "Hale"


def test_every_self_named_form_reads_its_examples():
    from textmine.quotations.speakers import SELF_NAMED_FORMS

    for rule, _, _, examples, counter_examples in SELF_NAMED_FORMS:
        assert examples, rule
        for text, speaker in examples:
            q = first(text)
            assert (q["speaker"], q["speaker_kind"], q["speaker_rule"]) == (speaker, "organisation", rule), (rule, text)
        for text in counter_examples:
            assert first(text)["speaker_rule"] != rule, (rule, text)


def test_a_resolution_read_by_a_named_speaker_is_still_the_speakers_when_a_cue_names_one():
    # a cue names the speaker: the resolution's own words are only a fallback
    q = first("Mrs. Ida Crane wrote to the board: \u201cResolved, That the village of Elm Ford will pave the square.\u201d")
    assert (q["speaker"], q["speaker_rule"]) == ("Crane", "same_sentence")


def test_it_after_a_document_and_then_an_organisation_is_the_organisation():
    text = ("A letter written by Tobias Ord reached the Fenwick Herald. \u201cThe mill will close,\u201d it wrote, "
            "\u201cand soon.\u201d")
    assert first(text)["speaker"] == "Fenwick Herald"


# ------------------------------------------------------------------ an unnamed source in the quotation's sentence
@pytest.mark.parametrize("marker", ["\u00b9\u2070", "\u00b2", "[10]"])
def test_an_unnamed_source_in_the_sentence_after_a_note_marker_stops_the_search(marker):
    text = (f"According to the Ashby Ledger, the school nearly closed in 1907.{marker} Her nephew\u2019s recollection, "
            "set down long afterward, is that Quill \u201cwent from door to door like a tax collector.\u201d")
    q = quotes(text).iloc[-1]
    assert q["speaker"] != "Ashby Ledger"


def test_a_named_possessor_of_a_recollection_is_the_speaker():
    q = first("Mr. Tobias Ord\u2019s recollection is that the school \u201cnever had a single book of its own.\u201d")
    assert q["speaker"] == "Ord"


def test_it_with_a_speech_verb_before_the_quotation_is_resolved_like_a_tag():
    text = ("The Fenwick Herald had opposed the mill for years. In May it said what many thought: "
            "\u201cThe mill will close before the winter.\u201d")
    assert first(text)["speaker"] == "Fenwick Herald"
    # an "it" that stands for nothing named: no speaker, and no guess from earlier text
    text = ("Mr. Tobias Ord spoke first. The meeting went on. In May it said what many thought: "
            "\u201cThe mill will close before the winter.\u201d")
    assert not isinstance(first(text)["speaker"], str)


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The Ashby Gas Company was strict. The company\u2019s rules, posted in every shed, forbade "
         "\u201csmoking, singing and idling\u201d at the works.", "Ashby Gas Company"),
        ("The Fenwick Harbour Commission met in June. The commission\u2019s report lists the pier among works "
         "to be put off \u201cuntil the money can be found.\u201d", "Fenwick Harbour Commission"),
    ],
)
def test_an_organisations_document_speaks_for_it(text, speaker):
    q = first(text)
    assert (q["kind"], q["speaker"], q["speaker_kind"]) == ("quotation", speaker, "organisation")


def test_a_persons_document_is_no_organisations():
    q = first("The clerk\u2019s diary is full of jokes: the mayor was \u201ca fat man in a thin coat.\u201d")
    assert q["speaker_kind"] != "organisation"


def test_spokespeople_speak_for_the_organisation_never_for_a_person_with_that_role():
    text = ("Treasury Secretary Hugo Lind spoke first. \u201cWe have asked the Treasury Department for a ruling,\u201d "
            "said the mayor. A Treasury spokesman said only that the Secretary \u201cwill not comment.\u201d")
    q = quotes(text).iloc[-1]
    assert (q["speaker"], q["speaker_kind"]) == ("Treasury Department", "organisation")
    # no longer name: the one word, as an organisation
    text = "Treasury Secretary Hugo Lind spoke first. A Treasury spokesman said only that he \u201cwill not comment.\u201d"
    q = quotes(text).iloc[-1]
    assert (q["speaker"], q["speaker_kind"]) == ("Treasury", "organisation")


def test_the_kin_of_an_unknown_first_person_is_nobody_named():
    text = ("Dear Anna, I wrote to the agent again. My brother replied at once. "
            "He said: \u201cThe land is not worth the tax on it.\u201d")
    assert not isinstance(first(text)["speaker"], str)
    assert first(text, author="Jacob Stroud")["speaker"] == "Stroud"


@pytest.mark.parametrize(
    "text, boundary",
    [
        ("The mill closed in the spring.\u201911 Mr. Ord spoke next.", True),
        ("The mill closed in the spring.11 Mr. Ord spoke next.", True),
        ("The mill closed in the spring.\u00b9\u2070 Mr. Ord spoke next.", True),
        ("The rate rose by 3.5 Percent in May.", False),
    ],
)
def test_note_markers_after_a_sentence_end_start_a_new_sentence(text, boundary):
    from textmine.quotations.context import note_boundaries

    assert bool(note_boundaries(text)) == boundary


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The testimony of Dr. Ada Marsh that the mill \u201cwas never safe after the flood\u201d was not contradicted.", "Marsh"),
        ("In the words of Tom Hale, the town was \u201ca place that forgot its river.\u201d", "Hale"),
        ("The statement of Mrs. Ruth Dale that the gate \u201cstood open all night\u201d went unanswered.", "Dale"),
    ],
)
def test_a_speech_noun_of_a_name_gives_the_speaker(text, speaker):
    q = first(text)
    assert q["kind"] == "quotation" and q["speaker"].split()[-1] == speaker


def test_the_question_of_a_name_is_no_speaker():
    q = first("The question of Tom Hale's wages was \u201csettled\u201d at last, the paper said nothing.")
    assert not (isinstance(q["speaker"], str) and q["speaker"].endswith("Hale"))
