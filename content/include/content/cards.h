// Review cards from a guideline: each bullet of its 要点 section is one key-point card, each
// numbered item of its 自测 section one self-check card (the question in front, the answer behind).
//
// A card's id is what its review history is kept under, so it must survive the edits instructors
// make. By default it is the item's position: `<doc_id>#要点-3`, `<doc_id>#自测-2` (from 1).
// Editing an item's text never changes its id, so a typo fixed keeps the learner's history; but
// inserting or reordering items moves the history with the position, to whatever item is there now.
// An item that must keep its history wherever it moves ends with an Obsidian-style block id,
// written after a space at the end of one of its paragraphs: `- 种子要去找，不是培养。 ^find-seeds`.
// Its id is then `<doc_id>#^find-seeds`, and the ` ^find-seeds` is not part of the card's text.
// A name is ASCII letters, digits and '-'. A name used twice in one document counts only on its
// first item (the later ones keep their positions, and lint_cards reports them), so two cards never
// share one history.
#pragma once
#include <string>
#include <vector>

#include "content/diagnostic.h"
#include "content/document.h"

namespace linli {

class Library;

struct Card {
    enum class Kind { KeyPoint, SelfCheck };
    std::string id;      // `<doc_id>#要点-<n>`, `<doc_id>#自测-<n>` or `<doc_id>#^name`
    std::string doc_id;
    Kind kind = Kind::KeyPoint;
    int ordinal = 0;     // the item's place in its section, from 1
    std::string front;   // key point: "《title》· 要点 3/5"; self-check: the question
    std::string back;    // key point: the point; self-check: the answer without "答："
    int line = 0;        // the item's first file line
};

// The cards of one guideline, key points first, each section in document order. The document must
// be whole (a library loaded on demand: Library::whole()); other kinds of document give none.
std::vector<Card> cards_of(const Document& guideline);

// Every guideline's cards, in library order; bodies left for later are read through Library::whole().
std::vector<Card> all_cards(const Library& lib);

// What keeps a guideline from giving good cards, at file:line: a 自测 item without its 答： paragraph
// (error), a block id used twice in the document (error), a 要点 or 自测 section that is missing or
// has no items (warning), an item left empty (warning), a `^name` with no space before it (warning:
// it reads as text, not as an id). Nothing for other kinds of document.
std::vector<Diagnostic> lint_cards(const Document& guideline);

}  // namespace linli
