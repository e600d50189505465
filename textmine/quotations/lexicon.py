"""The words the quotation engine reads: speech verbs, titles, pronouns, name parts.

Everything here is data; the engines (:mod:`.cues`, :mod:`.tags`,
:mod:`.speakers`, :mod:`.kinds`) build their patterns and checks from these
lists and never keep a second copy. Change a rule's vocabulary here.

==========================  ============================================
list                        used for
==========================  ============================================
:data:`SPEECH_VERBS`        speech tags (``“...,” Lenin explained``),
                            strong cues (``Lenin wrote``, ``said Lenin``)
:data:`SPEECH_PAST`         an unnamed speaker (``As one pamphleteer
                            wrote:``) stops the speaker search
:data:`IRREGULAR_PAST`      other past-tense verbs after a name (a weaker cue)
:data:`ADVERBS`, ``-ly``    skipped between a name and its verb
:data:`COPULA`              ``Lenin was ...``: a subject, good only for a pronoun
:data:`NOT_NAME`            words stripped from the ends of a name run
:data:`DETERMINERS`         a capitalized word after one is not a person
:data:`RELATIVE`            a name after one is in a relative clause
:data:`HONORIFICS`          ``Mr.``, ``Dr.``...: part of a name, not a stop
:data:`NAME_PARTICLES`      ``de``, ``van``...: inside a name
:data:`PRONOUNS`            ``he``/``she``, resolved to an earlier name
:data:`PRONOUN_EXCLUDES`    ``Mr.`` is never ``she``, ``Mrs.`` never ``he``
:data:`APPOSITIVE_WORDS`    ``Lenin, who was then ..., wrote``
:data:`COMPLEMENTIZERS`     ``said that ...``: reported speech, not a tag
:data:`ACCORDING_TO`        ``according to NAME``
:data:`SOURCE_DOCUMENTS`    ``a letter from NAME``, ``this is from NAME``: the
                            document's sender is the source
:data:`TITLE_CUES`          ``entitled “...”``: the quotation is a title
:data:`TITLE_NOUNS`         ``under its old title, “...”``: a title, even
                            with a note
:data:`FUNCTION_WORDS`      lower-case words inside a Title Case title
:data:`TIME_WORDS`          ``wrote that September``: ``that`` before one is
                            no complementizer
:data:`PERIODICAL_WORDS`    ``the Evening Ledger``: a name ending in one is a
                            periodical (also :data:`PERIODICAL_SUFFIXES`)
:data:`PERIODICAL_NOUNS`    ``the paper said``: stands for the last periodical
:data:`INSTITUTION_WORDS`   ``Congress``, ``the Board``: an organisation,
                            a speaker only before a speech verb
:data:`ORG_CONNECTORS`      ``the Board of Aldermen``: inside an
                            organisation's name
:data:`PREPOSITIONS`        a name right after one is no subject
                            (``the voters of Dover adopted``)
:data:`ROLE_ABBREVIATIONS`  ``Sen. Smith`` is ``the senator``
:data:`FIRST_PERSON`        ``I wrote``: the document's author
:data:`SPEECH_NOUNS`        ``Hale’s reply was short:``: the possessor speaks
:data:`SPOKESPEOPLE`        ``Harbour Board officials said``, ``according to
                            officials of the Board``: the organisation speaks
:data:`CORPORATE_ABBREVIATIONS`  ``Power Co.``: ends an organisation's name, no
                            sentence end
:data:`OBJECT_VERBS`        ``told Mr. Hale``: the name after one is the
                            addressee, not an inverted subject
:data:`OPEN_SPEECH_VERBS`   ``began``, ``went``, ``put``: speech only before
                            the words (or ``on``, ``it``:
                            :data:`OPEN_SPEECH_PARTICLES`)
:data:`AGREEMENT_VERBS`     ``I agreed with it``: before ``with``, no speech
:data:`SPEECH_ACT_VERBS`    ``issued a statement``, ``posted a notice``
:data:`DOCUMENT_NOUNS`      ``the company’s rules forbade``: the owner speaks
:data:`WRITING_VERBS`       ``the report, which Hale wrote``: ``it`` is Hale
:data:`ASKING_VERBS`        ``Dent asked Hale why. He answered``: the one
                            asked answers (a :data:`QUESTION_WORDS` word
                            after them)
:data:`KIN_NOUNS`           ``my father said``: the first person's surname
:data:`GENDERED_HONORIFICS` ``Mrs. Quill``: the text gives Quill ``she``
==========================  ============================================
"""

from __future__ import annotations

from ..stopwords import ENGLISH_STOP_WORDS

__all__ = [
    "SPEECH_VERB_BASES", "SPEECH_VERB_FORMS", "SPEECH_VERBS", "SPEECH_PAST", "IRREGULAR_PAST", "ADVERBS",
    "COPULA", "MONTHS", "NOT_NAME", "DETERMINERS", "RELATIVE", "HONORIFICS", "NAME_PARTICLES", "PRONOUNS",
    "PRONOUN_EXCLUDES", "APPOSITIVE_WORDS", "COMPLEMENTIZERS", "ACCORDING_TO", "TITLE_CUES", "FUNCTION_WORDS",
    "TIME_WORDS", "PERIODICAL_WORDS", "PERIODICAL_SUFFIXES", "PERIODICAL_NOUNS", "INSTITUTION_WORDS",
    "ORG_CONNECTORS", "PREPOSITIONS", "ROLE_ABBREVIATIONS", "FIRST_PERSON", "OBJECT_VERBS", "SPEECH_NOUNS", "SPOKESPEOPLE", "CORPORATE_ABBREVIATIONS", "ASKING_VERBS", "TITLE_NOUNS", "QUESTION_WORDS", "DOCUMENT_NOUNS", "WRITING_VERBS", "KIN_NOUNS", "SPEECH_ACT_VERBS", "AGREEMENT_VERBS", "GENDERED_HONORIFICS", "OPEN_SPEECH_VERBS", "OPEN_SPEECH_PARTICLES",
    "inflections",
]

#: Speech verbs by their base form; :func:`inflections` adds ``-s``, ``-ed``, ``-ing``.
SPEECH_VERB_BASES: tuple[str, ...] = tuple(
    """
say write explain state declare note observe remark add ask reply answer insist argue
claim stress emphasize emphasise warn recall conclude continue tell comment exclaim cry
shout announce proclaim maintain assert urge admit concede acknowledge complain protest
point remind suggest speak testify affirm contend report respond retort mutter whisper
sound summarize summarise describe characterize characterise predict advise demand assure
confess reason recount remember repeat reiterate formulate put declare begin go
object counter caution plead inform thunder scoff sneer concur agree call dub label brand
return rejoin murmur sigh interrupt resume venture gasp groan snap
aver lament opine allege quip grumble vow pledge boast muse
""".split()
)
#: Forms of speech verbs that :func:`inflections` does not make (irregular ones).
SPEECH_VERB_FORMS: tuple[str, ...] = tuple(
    "said says wrote written writes told tells spoke speaks began begins put puts went goes cried cries replied replies"
    " averred averring quipped quipping reads".split()  # "the note reads": "read" alone is too often passive
)


def inflections(base: str) -> set[str]:
    """*base* and its regular forms: ``note`` → note, notes, noted, noting.

    >>> sorted(inflections("cry"))
    ['cried', 'cries', 'cry', 'crying']
    """
    out = {base}
    if base.endswith("e"):
        out |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        out |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    else:
        out |= {base + "s", base + "ed", base + "ing", base + "es"}
    return out


#: Speech verbs (all forms) that make a speech tag or a strong cue.
SPEECH_VERBS: frozenset[str] = frozenset(set(SPEECH_VERB_FORMS).union(*(inflections(b) for b in SPEECH_VERB_BASES)))

#: Past-tense verbs without ``-ed``: after a name they make a cue of strength 2.
IRREGULAR_PAST: frozenset[str] = frozenset(
    """wrote said spoke told sought gave made took saw thought held put went came began became
    knew felt found left meant brought stood kept led won fought taught drew chose rose sent
    set struck tried got paid laid lost heard read ran sat understood wrote""".split()
)
#: Speech verbs in the past tense: one with no named subject is an unnamed speaker.
SPEECH_PAST: frozenset[str] = frozenset(w for w in SPEECH_VERBS if w.endswith("ed") or w in IRREGULAR_PAST)

#: Words skipped between a name and its verb (as are words ending in ``-ly``).
ADVERBS: frozenset[str] = frozenset(
    """once again later then also had has have was still even already never always soon often
    would could himself herself subsequently further first finally famously thus too
    publicly privately bluntly""".split()
)
#: Auxiliaries and copulas: ``Stephenson was confident`` names a subject (for a pronoun), not a speaker.
COPULA: frozenset[str] = frozenset("was were is are had has have would could will".split())
#: Month and weekday names and abbreviations, lower case (never names).
MONTHS: frozenset[str] = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday""".split()
)
#: Words stripped from either end of a run of capitalized words (lower case, without a full stop).
NOT_NAME: frozenset[str] = ENGLISH_STOP_WORDS | MONTHS | frozenset(
    """according however although though yet also mr mrs ms miss lady madame mme dr prof comrade thus hence indeed
    moreover furthermore nevertheless meanwhile instead despite whereas like unlike
    although""".split()
)
#: A capitalized word right after one of these is a thing, not a person (``the Party said``).
DETERMINERS: frozenset[str] = frozenset(("the", "a", "an", "this", "that", "its", "his", "her", "their", "our"))
#: A name right after one of these is the subject of a relative clause (``which Soviet Russia hoped``).
RELATIVE: frozenset[str] = frozenset("which that whom whose where whereby".split())
#: Honorifics written with a full stop, which stays inside the name (``Mr. Jones``).
HONORIFICS: tuple[str, ...] = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Capt", "Sen", "Rep", "Gov", "Lt", "Sgt", "Rev", "St")
#: Lower-case particles inside a name (``Charles de Gaulle``).
NAME_PARTICLES: tuple[str, ...] = ("de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "ter", "bin", "ibn")
#: Pronouns that stand for an earlier named speaker, as written (both cases).
PRONOUNS: tuple[str, ...] = ("he", "she", "He", "She")
#: pronoun → first words of a name it can never stand for (``Mr. Smith`` is not ``she``).
PRONOUN_EXCLUDES: dict[str, frozenset[str]] = {
    "he": frozenset("Mrs. Ms. Miss Lady Madame Mme.".split()),
    "she": frozenset(("Mr.",)),
}
#: Honorifics that say a person's gender (the pronoun that stands for them).
GENDERED_HONORIFICS: dict[str, str] = {
    "Mr.": "he", "Mrs.": "she", "Ms.": "she", "Miss": "she", "Lady": "she", "Madame": "she", "Mme.": "she",
    "Sir": "he", "Lord": "he",
}
PRONOUN_EXCLUDES["his"] = PRONOUN_EXCLUDES["he"]
PRONOUN_EXCLUDES["her"] = PRONOUN_EXCLUDES["she"]
#: Words that can open an appositive between a name and its verb (``Lenin, who was then ..., wrote``).
APPOSITIVE_WORDS: tuple[str, ...] = ("who", "whom", "which", "then", "the", "a", "an", "himself", "herself", "one", "later", "now", "still", "once")
#: A tag with one of these reports speech (``he said that ...``): not a speech tag.
COMPLEMENTIZERS: frozenset[str] = frozenset(("that", "whether", "if", "how", "why"))
#: The two words of an ``according to NAME`` cue.
ACCORDING_TO: tuple[str, str] = ("according", "to")
#: Documents whose sender is the source of what they say (``a letter from the Harbour Board, which says
#: “...”``; ``This is from the Evening Ledger of May 2:``): before ``from NAME``, in the singular or plural.
SOURCE_DOCUMENTS: frozenset[str] = frozenset(
    """letter telegram cable wire message statement memorandum memo note resolution editorial report
    petition circular dispatch despatch communication notice bulletin release""".split()
)
#: A quotation right after one of these words (in the author's sentence) is a title.
TITLE_CUES: frozenset[str] = frozenset(
    """entitled titled article essay pamphlet speech report book poem chapter lecture address
    headline editorial resolution manifesto novel play song column letter thesis theses
    paper heading title caption""".split()
)
#: Nouns that name the title that follows them even when a note documents it (``under its old title, “...”``,
#: ``under the heading “...”``).
TITLE_NOUNS: frozenset[str] = frozenset("title heading headline caption".split())
#: Words that may stay lower case in a Title Case title (articles, conjunctions, prepositions).
FUNCTION_WORDS: frozenset[str] = frozenset(
    """a an the and or nor but of in on at to for by with from as vs via into upon per since after before
    under over through between against during without about among""".split()
)

#: ``that`` right before one of these is a demonstrative (``she wrote that September``), not a complementizer.
TIME_WORDS: frozenset[str] = MONTHS | frozenset(
    """day night morning afternoon evening week weekend month year season spring summer autumn fall
    winter time occasion afternoon""".split()
)
#: The last word of a periodical's name (``the Ashby Evening Ledger``, ``The Times``), common
#: newspaper and journal title words of the English-language press.
PERIODICAL_WORDS: frozenset[str] = frozenset(
    """Times Courier News Journal Record Ledger Advertiser Sentinel Clarion Gazette Herald Chronicle
    Post Tribune Observer Guardian Mercury Express Mail Telegraph Review Quarterly Weekly Monthly
    Magazine Bulletin Courant Standard Star Globe Examiner Register Dispatch Despatch Inquirer
    Monitor Leader Argus Spectator Economist Intelligencer Press Reporter Echo
    Pioneer Banner Beacon Enquirer Transcript Nation Worker Gazetteer""".split()
)
#: Endings of periodical names in languages that write "paper" into the name (``Dagblad``, ``Tageblatt``).
PERIODICAL_SUFFIXES: tuple[str, ...] = ("blad", "blatt", "zeitung", "tidning", "tidende", "avis")
#: Common nouns that stand for the last periodical named (``“...,” the paper remarked``).
PERIODICAL_NOUNS: frozenset[str] = frozenset(
    "paper newspaper journal weekly daily magazine editorial editorialist review gazette".split()
)
#: Capitalized words that name an institution, not a person: such a name is an organisation and a
#: speaker only as the subject of a speech verb (``Congress declared``, not ``Congress passed``).
INSTITUTION_WORDS: frozenset[str] = frozenset(
    """Congress Parliament Government Council Committee Subcommittee Board Senate House Ministry
    Department Bureau Commission Company Corporation Society Association Union Party Court
    Administration Office Management Cabinet Assembly League Federation Institute Agency Service
    Secretariat Directorate Presidium Politburo Soviet Guild Grange Trust Bank Authority
    Conference Convention Executive Legislature Chamber Corps Navy Army""".split()
)
#: Lower-case words that may join the capitalized words of an organisation's name.
ORG_CONNECTORS: tuple[str, ...] = ("of", "and", "for", "the", "on", "&")
#: A capitalized word right after one of these is an object, not the subject of what follows.
PREPOSITIONS: frozenset[str] = frozenset("of in at from for with on upon into among between".split())
#: Abbreviated titles (without their full stop) and the role noun a description uses for them.
ROLE_ABBREVIATIONS: dict[str, str] = {
    "Sen": "senator", "Rep": "representative", "Gov": "governor", "Gen": "general", "Col": "colonel",
    "Capt": "captain", "Dr": "doctor", "Prof": "professor", "Sec": "secretary", "Supt": "superintendent",
    "Rev": "reverend", "Cmdr": "commander", "Adm": "admiral", "Lt": "lieutenant", "Sgt": "sergeant",
}
#: First-person pronouns that speak (``I wrote``): the author of the document.
FIRST_PERSON: tuple[str, ...] = ("I",)
#: Speech verbs whose next name is their object (``he told the Courier``, ``called Smith a liar``): a name
#: after one is no inverted subject (as it is after ``said`` or ``asked``).
OBJECT_VERBS: frozenset[str] = frozenset().union(
    *(inflections(b) for b in "tell inform remind assure advise warn urge call dub label brand thank".split())
) | frozenset("told labelled".split())
#: Nouns for what someone said or wrote: after a possessive name (``Hale’s verdict was brief:``) the
#: possessor is the speaker. Nouns for views and documents (``view``, ``diary``, ``letter``) are left out:
#: ``Trotsky never changed his view:`` has its own subject.
SPEECH_NOUNS: frozenset[str] = frozenset(
    """verdict reply answer words comment comments response retort remark remarks judgement judgment
    advice message warning testimony statement report explanation complaint protest summary question
    recollection recollections""".split()
)
#: Speech verbs that say words only when the words follow (``he began: “...”``, ``she went on, “...”``,
#: ``he put it this way:``); before other words they are other verbs (``since the war began had``).
OPEN_SPEECH_VERBS: frozenset[str] = frozenset(
    "begin begins began beginning go goes went going put puts putting continue continues continued continuing".split()
)
#: The words after an :data:`OPEN_SPEECH_VERBS` verb that keep it a speech verb (``went on``, ``put it``).
OPEN_SPEECH_PARTICLES: frozenset[str] = frozenset(("on", "it"))
#: Speech verbs of agreeing: before ``with`` (``I agreed with it``) they say no words of their own.
AGREEMENT_VERBS: frozenset[str] = frozenset().union(*(inflections(b) for b in ("agree", "concur")), {"concurred", "concurring"})
#: Verbs that make a speech act with a speech noun or document as object (``issued a statement``,
#: ``posted a notice``, ``gave its answer``); not receiving ones (``received a letter``).
SPEECH_ACT_VERBS: frozenset[str] = frozenset(
    "issued posted sent published released circulated gave made delivered signed addressed".split()
)
#: Kin of the first person who share its surname (``my father``), with the pronoun that stands for them.
KIN_NOUNS: dict[str, str] = {
    "father": "he", "mother": "she", "brother": "he", "sister": "she", "son": "he", "daughter": "she",
    "grandfather": "he",
}
#: Past-tense verbs of writing a document (``the report, which Hale wrote``, ``a letter signed by Hale``).
WRITING_VERBS: tuple[str, ...] = ("wrote", "drafted", "composed", "signed", "penned", "prepared")
#: Documents an organisation owns and speaks through (``the company’s rules forbade``, ``the
#: committee’s report lists``): :data:`SOURCE_DOCUMENTS`, :data:`SPEECH_NOUNS` and these.
DOCUMENT_NOUNS: frozenset[str] = SOURCE_DOCUMENTS | SPEECH_NOUNS | frozenset(
    "rules regulations bylaws minutes charter constitution reports letters resolutions".split()
)
#: Words that put a question after the one asked (``asked Hale whether``, ``asked him about``).
QUESTION_WORDS: frozenset[str] = frozenset("whether if why what how when where who which about".split())
#: Verbs of asking someone: in ``Dent asked Hale why. He answered:`` the pronoun is the one asked.
ASKING_VERBS: tuple[str, ...] = ("asked", "questioned")
#: People who speak for an organisation: ``Harbour Board officials said``, ``according to officials of the
#: Harbour Board``: the organisation is the speaker.
SPOKESPEOPLE: frozenset[str] = frozenset(
    "officials official spokesmen spokesman spokeswoman spokesperson aides sources leaders representatives".split()
)
#: Abbreviations that end a company's name (``the Cedar Run Power Co., which ...``), written with a full
#: stop that ends no sentence.
CORPORATE_ABBREVIATIONS: tuple[str, ...] = ("Co", "Inc", "Ltd", "Corp", "Bros")
