"""Quotations: spans, kinds, speakers, citations and groups.

:func:`find_quotations` finds every quotation of a text as a careful reader
would; :func:`quotation_spans` gives only where they are (the same spans,
without kinds, speakers or citations); :func:`quote_marks` shows how each quote mark was read, and
:func:`detect_quote_style` which convention a text follows.

Quote styles
------------
``style`` names the outer and inner marks:

=================== ============ ============
style               outer        inner
=================== ============ ============
``double``          “ ... ”      ‘ ... ’
``single``          ‘ ... ’      “ ... ”   (British)
``straight``        " ... "      ' ... '   (plain-text e-books)
``straight_single`` ' ... '      " ... "
``guillemets``      « ... »      ‹ ... ›
=================== ============ ============

``style="auto"`` (default) picks, per document: guillemets if any ``«``;
else curly marks if any, ``single`` when opening ``‘`` outnumber opening
``“`` (otherwise ``double``; on a tie, whichever opens first); else
straight marks, ``straight_single`` when opening-position ``'`` outnumber
``"`` (otherwise ``straight``). The detected style is in the ``style``
column.

Reading the marks
-----------------
* An apostrophe-like mark (``’`` or ``'``) between two letters or digits is an
  apostrophe (``Lenin’s``); one before a digit after a space is an elision
  (``’90s``).
* Where opening and closing marks are the same character (straight quotes),
  a mark after a space or an opening bracket/dash and before a non-space can
  open; a mark after a non-space and before a space, punctuation or the end
  can close.
* An open quotation closes at the first closing candidate before the next
  mark that can only open. A closing ``’``/``'`` after a letter and before a
  lower-case word is weak (it may be a possessive: ``workers’ state``): a
  strong candidate is preferred, then a weak one not after ``s``, then one
  after ``s`` (``cells’ secretaries``).
* A paragraph that ends inside a quotation continues it when the next
  paragraph begins with an opening mark (the multi-paragraph convention);
  otherwise the quotation is unclosed (``closed == False``): it ends at the
  end of its paragraph (or before the next opening mark in the same
  paragraph) and a warning is issued (at most 100 such warnings per call,
  then one that counts the rest). Unbalanced marks never raise.
* A quotation encloses a letter or digit: a pair such as ``“ ”`` or an
  unclosed mark with nothing but spaces or punctuation before the next mark
  is not a quotation (its marks are strays; a warning says so). In a run of
  marks with no letter or digit between any two (``" " " "``), the marks
  inside the run are strays before pairing; the first may still close the
  quotation before it and the last open the one after
  (:func:`~textmine.quotations.marks.wordless_inside`).
* Reading a paragraph from its start, once the quotations it opened and left
  unclosed outnumber those it closed by more than
  :data:`~textmine.quotations.pairing.MAX_UNCLOSED` (100), the paragraph is
  not read for quotations: its marks are strays and one warning names it
  (no prose reads that way; a quotation carried in from the paragraph
  before and closed there is kept).
* Inner marks inside a quotation are nested quotations; they are not rows
  (see :func:`quote_marks`, ``role == "inner_open"``/``"inner_close"``).
* Inner marks *outside* every quotation are read as quotations too, when
  they pair up within a paragraph (texts that mix conventions, e.g. ‘...’
  for terms and “...” for a letter); an unpaired one there is an apostrophe
  or stray mark, never an unclosed quotation.

Kinds (first rule that applies)
-------------------------------
The rows of :data:`textmine.quotations.kinds.KIND_RULES` (``in_citation``,
``title_cue``, ``title_case``, ``title_noun``, ``sourced``, ``introduced``,
``speech_verb_comma``, ``cued``, ``long``, ``term``; ``echo`` after the
speakers), each with examples:

0. ``title`` (rule ``in_citation``): the quotation lies inside a citation
   (a note or a reference entry), begins with a capital or a digit, is not
   introduced by ``:`` and has fewer than 25 words (``5. Ann Lowe, “The Dry
   Years,” Prairie Quarterly 3 (1950): 4``); a lower-case phrase quoted in a
   note (the “last straw”) is read by the rules below.
1. ``title``: the quotation sits inside the author's sentence (not after
   ``:``, not paragraph-initial, no citation, no speech tag) and either
   follows a title cue word (``entitled``, ``titled``, ``article``,
   ``essay``, ``pamphlet``, ``speech``, ``report``, ``book``...) or is in
   Title Case with at least four words (every word but short function words
   capitalized). Shorter Title Case names (‘New Economic Policy’, “Third
   Period”) stay terms.
   A capitalized quotation right after a title noun (``title``,
   ``heading``, ``headline``, ``caption``: ``under its old title, “Dust and
   Dollars.”``) is a ``title`` (rule ``title_noun``) even when a note or a
   citation documents it.
2. ``quotation``: a citation follows it; or a speech tag follows it or it is
   part of a group; or it is a block quotation (it opens its paragraph and
   runs to its end, a citation aside, or over several paragraphs); or it is
   introduced by ``:`` and has three or more words or a capital first word
   (so the list in ``two words: “peace” and “bread”`` stays terms), or by
   ``,`` after a speech verb; or (rule ``cued``) a speech cue with a
   subject precedes it in its sentence (``Hale said the plan was “not worth
   a penny”``, ``According to the Ledger, ...``, ``a spokesman said only
   that ...``, ``the company’s rules forbade ...``; not a naming verb such
   as ``called``, not right after an article, two words or more); or it
   has at least ``min_words`` words
   (default 6).
3. ``quotation`` (rule ``echo``): a phrase of two or more words found verbatim
   in the neighbouring source quotation (the previous or next one, within one
   paragraph), i.e. the author borrowing the source's own words.
4. ``term`` otherwise: a short quoted word or phrase inside the author's
   sentence (a scare quote or a named concept).

Speakers (``speaker_rule``; first that applies, for ``quotation`` only)
-----------------------------------------------------------------------
The search windows are the rows of
:data:`textmine.quotations.speakers.SPEAKER_WINDOWS`; the words they read
are :mod:`textmine.quotations.lexicon`'s.

A cue is a person name (capitalized words, not after ``the``/``a``; surname
kept) followed by an optional appositive (``, who was then ...,``, ``,
asked about the fire at the meeting,``), up to
three adverbs and a verb: a speech verb (``said``, ``wrote``, ``explained``,
``stressed``...) scores 3, another past-tense verb (``-ed`` or a common
irregular form) scores 2 (and so do ``began``, ``went``, ``put``,
``continued`` unless the words, ``,``, ``:``, ``on`` or ``it`` follow); ``according to NAME`` scores 4; ``said NAME``
scores 3; ``he``/``she`` + verb is resolved by the rows of
:data:`textmine.quotations.pronouns.PRONOUN_RULES`: after ``asked X`` or
``asked him`` in its sentence or the one before, to the one asked
(``asked_object``), after ``my father``/``my mother``... to the first
person's surname (``first_person_kin``), else to the last named subject or, when the text's
honorifics (``Mrs.``, ``Miss``, ``Mr.``) give that subject no gender or
another, a person named after it whom they give the pronoun's gender
(``known_gender``), else to the nearest earlier named subject, else, with
no named subject, to the last person named at all (``last_named``; within the
paragraph and the two before it; ``Mr.`` is never ``she``,
``Mrs.``/``Ms.``/``Miss`` never ``he``). Text inside quotations and
citations is never searched. In a window, ``according to X`` wins, otherwise
the cue nearest the quotation (scores 2 and 3 alike; score 1, a name before
``was``/``had``..., only resolves pronouns). A window whose only speech verb
has no named subject (``As one pamphleteer wrote:``, ``“...,” cried his
wife``, ``her nephew’s recollection is that``) names an unknown speaker:
the search stops there.

Organisations and periodicals speak only through a speech verb (``the
Morning Chronicle said``, ``said the Board of Aldermen``, ``Congress
declared``, ``Harbour Board officials said``, ``A Treasury spokesman
said``: never a person with that role), under their full names (a
short form such as ``the Ledger`` or ``the Bureau`` takes the last longer
name that ends or starts with it; for spokespeople, also one written
inside a quotation); ``speaker_kind`` says which
(``person``, ``organisation``, ``periodical``, ``author``). ``I`` + speech
verb is the document's author (``author=``, from the header), or in a
transcript the speaker label of the turn (``Mr. OSGOOD.``). A first name
used alone takes the one full name the text gives it. A name the text
introduces after a periodical noun (``Our own paper, Het Volk,``) is a
periodical wherever it is named. ``his``/``her`` +
a speech noun (``Her reply was short:``) is a pronoun; ``was told by X``,
``in the words of X`` and ``X’s verdict`` name X.

* ``speech_tag``: a tag right after the quotation (``“...,” Lenin
  explained.``, ``“...,” said Smith``, across a hard-wrapped line), also
  for the parts it joins (``“...,” according to Smith.`` gives
  ``according_to``);
* ``description``: a tag that describes its speaker (``“...,” the
  director explained``, ``the paper remarked``, ``it wrote``), resolved by
  :data:`textmine.quotations.referents.REFERENT_RULES` to the last person
  named with that role (``the director, Mr. Hale``, ``Mayor Ann Cole``,
  ``Harbour Board officials`` for ``the officials``, the writer of the
  document just named for ``it`` (``the report, which Hale wrote``),
  ``Sen. Crowe`` for ``the senator``), the last periodical, or the
  organisation whose name ends in the noun (``the commission``; ``the
  company`` for a ``Co.``); the same descriptions before a reporting verb
  in the windows (``the commission said``, ``the company, which ...,
  said``, ``its director issued a statement``, ``it said``, ``it posted a
  notice``, ``the company’s rules forbade``; ``it`` also stands for the
  organisation a ``the company`` just before it names);
* ``same_sentence``: a cue in the quotation's sentence, before it;
* ``according_to``: ``According to X`` in the same or a preceding sentence;
* ``previous_sentence``: a cue in one of the two preceding sentences of the
  paragraph;
* ``previous_paragraph``: for a quotation opening its paragraph, a cue in the
  last two sentences of the previous paragraph (``As Leon Trotsky ...
  wrote ...:``);
* ``resolution``: with no cue, a quotation in a form that names its own
  author (:data:`textmine.quotations.speakers.SELF_NAMED_FORMS`:
  ``“Resolved, That the village of Elm Ford will ...”``), that body;
* ``citation_author``: the author (surname) of the attached citation (a
  corporate author, ``Soil Erosion Service``, under its full name as an
  organisation);
* ``previous_part``: a later part of a group without its own tag;
* ``echo``: the speaker of the quotation whose words are echoed;
* ``carried_over``: the speaker of the previous quotation documented by the
  same source (an Ibid. chain), in the same or the next paragraph.

Citations and groups
--------------------
``citation_id`` is the citation that starts at most 4 characters after the
closing mark, or after the speech tag that follows it, with only spaces and
punctuation between (``...world” (Ibid.).``, ``...world.” (Ibid.)``,
``...,” the chairman wrote (Letter of ...)``); or that ends the quotation
inside its closing mark (``...world (Ibid.).”``); or the note whose marker
directly follows it (``...world.”[3]``). Two quotations of one paragraph
separated only by a speech tag share ``group_id`` (the first part's
``quote_id``), unless the second part has its own tag naming someone else
(dialogue). A speech tag is 2 to 10 words right after the closing mark with a
speech verb (or ``according to``) and no ``that``/``whether``; after a
quotation ending in ``.`` the next words start a new sentence, not a tag.

Pipeline
--------
:func:`find_quotations` runs these passes over one list of
:class:`~textmine.quotations.record.Quotation` records, each pass filling
its own fields (:mod:`textmine.quotations.pipeline`):

======================  ==========================================  ===========================
pass                    what it decides                             module
======================  ==========================================  ===========================
marks                   which marks can open or close               :mod:`~.quotations.marks`
pairing, continuation   the spans, across paragraphs                :mod:`~.quotations.pairing`
contents, surroundings  words, token counts, block, sentence prefix :mod:`~.quotations.context`
speech tags, groups     ``“...,” Lenin explained, “...”``           :mod:`~.quotations.tags`
citation links          ``citation_id``, inside a citation          :mod:`~.quotations.links`
kinds                   quotation, term or title (a rule table)     :mod:`~.quotations.kinds`
speakers                ``speaker``, ``speaker_rule``,              :mod:`~.quotations.speakers`,
                        ``speaker_kind``; descriptions              :mod:`~.quotations.referents`
echoes, carry-over      borrowed words; Ibid. chains                kinds, speakers
======================  ==========================================  ===========================

The words the rules read (speech verbs, title cues, pronouns, honorifics,
function words) are data in :mod:`textmine.quotations.lexicon`; names are
read by :mod:`textmine.quotations.names`, speaker cues by
:mod:`textmine.quotations.cues`.

Time and caps
-------------
Every pass is linear in the length of the text (or n log n where it
sorts), whatever the input: a text of nothing but ``"`` marks, megabytes
of ``" "``, tens of thousands of unclosed marks in one paragraph, or
run-on text with thousands of quotations in one sentence. A storm of marks
without words between them costs one check per gap (its inner marks are set
aside before they are read), and a paragraph of unpaired marks stops being
read at :data:`~textmine.quotations.pairing.MAX_UNCLOSED`, so neither makes
a record per mark. The closing mark
of a quotation is chosen from candidates kept by strength
(:class:`~textmine.quotations.marks.Closers`); a sentence prefix, its last
word and its note boundaries are read without rescanning
(:mod:`~textmine.quotations.context`); cues are scanned once per piece of
text between walls and long windows are folded over those pieces
(:mod:`~textmine.quotations.cues`). The windows the rules read are fixed
and documented where the rule is: a speech tag lies within
:data:`~textmine.quotations.tags.TAG_WINDOW` (120) characters of its
quotation; a cue reads :data:`~textmine.quotations.cues.LOOKBACK` (20)
characters before its name; a pronoun looks back to the start of the
paragraph two before its quotation's; a title cue is a word of at most
:data:`~textmine.quotations.context.MAX_PREV_WORD` (40) letters. Within
those, the answers are exactly those of reading each window whole.

Known limits
------------
Pronouns carry no gender beyond the honorifics (``she`` may stand for
``Dr. Martin Hale``), and the addressee of ``asked X ... He answered`` is
not preferred over the earlier subject. A speaker named only in a note is
not read from the note.

Block quotations set off only by indentation (no marks) are not found. Names
are recognised by capitalization, so a capitalized common noun or place
followed by a past-tense verb can pass for a person, and pronouns are
resolved by position (and ``Mr.``/``Mrs.``), not by meaning. Short quoted
words are terms unless a citation, speech tag, colon or echo marks them as
someone's words; a scare quote with a citation attached counts as a
quotation.
"""

from __future__ import annotations

from .lexicon import SPEECH_VERBS
from .pairing import quotation_spans, quote_marks
from .pipeline import find_quotations
from .record import QUOTATION_COLUMNS, SPAN_COLUMNS
from .styles import STYLES, QuoteStyle, detect_quote_style

__all__ = [
    "find_quotations",
    "quotation_spans",
    "quote_marks",
    "detect_quote_style",
    "QuoteStyle",
    "STYLES",
    "SPEECH_VERBS",
    "QUOTATION_COLUMNS",
    "SPAN_COLUMNS",
]
