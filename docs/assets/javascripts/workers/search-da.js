/* Danish search: a thin wrapper around Material's own search worker, which it loads unchanged.
 *
 * Material 9.8 has no hook for the query (the old `__search.transform` is gone), so the page's
 * configuration names this file as the search worker (docs/overrides/main.html); the fragment of its
 * address names Material's worker ("search-da.js#search.<hash>.min.js"). This file must live next to
 * Material's worker: Material finds its lunr language files relative to the worker's address.
 *
 * For every query it
 * - drops stop words and bare numbers when other words remain ("samtale efter 14 dage": samtale, dage),
 *   so they do not decide the ranking on their own;
 * - asks lunr, per word, for: the word as typed (prefix, like Material); its folded form in the folded
 *   fields the build adds (æ, ae and a meet, likewise ø/oe/o and å/aa/a; see macros/render/search_index.py);
 *   one typo (edit distance 1) for words of five letters or more; the word inside a longer compound;
 *   each with a lower boost, so exact matches rank first;
 * - scores a page by how well it covers the words (whole word > compound part > typo) and tells Material
 *   which words matched, so a forgiven word is not shown as missing.
 * Everything else (index building, highlighting, grouping, rendering) is Material's.
 */
(function () {
  "use strict"

  var SETUP = 0, QUERY = 2, RESULT = 3 // Material's message types (SearchMessageType)
  var FOLDS = [[/æ/g, "a"], [/ø/g, "o"], [/å/g, "a"], [/ae/g, "a"], [/oe/g, "o"], [/aa/g, "a"]]
  // Words of a question that say nothing about its subject, on top of lunr's Danish stop words.
  var QUESTION_WORDS = ("hvordan hvorfor hvornår hvem hvilke hvilken hvilket hvad kan får få gør gøre " +
    "vores jeres mere ud godt").split(" ")
  var TEXT = ["title", "text", "synonyms"]
  var FOLDED = ["title_folded", "folded", "synonyms"]
  var ALL = TEXT.concat(["title_folded", "folded"])
  var QUALITY = { exact: 1, compound: 0.6, typo: 0.5 } // how much a word counts, by how it was found

  function fold(word) {
    word = word.toLowerCase()
    for (var i = 0; i < FOLDS.length; i++)
      word = word.replace(FOLDS[i][0], FOLDS[i][1])
    return word
  }

  // Edit distance of at most one (a wrong, missing, extra or two swapped letters).
  function withinOne(a, b) {
    if (a === b) return true
    if (Math.abs(a.length - b.length) > 1) return false
    var i = 0
    while (i < a.length && i < b.length && a[i] === b[i]) i++
    if (a.length === b.length)
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
  }

  // A folded index word that starts with the folded query word but for one typo.
  function isTypo(folded, query) {
    var f0 = folded[0], f1 = folded[1], q0 = query[0], q1 = query[1]
    if (folded.length < query.length - 1 || (f0 !== q0 && f1 !== q1 && f1 !== q0 && f0 !== q1)) return false
    for (var n = query.length - 1; n <= query.length + 1; n++)
      if (folded.length >= n && withinOne(folded.slice(0, n), query)) return true
    return false
  }

  function isStopWord(word) {
    return QUESTION_WORDS.indexOf(word) >= 0 ||
      (self.lunr && lunr.da && !lunr.da.stopWordFilter(word))
  }

  // The query as the reader typed it -> the words to look for. null: leave the query to Material (it uses
  // lunr's own syntax, e.g. +word, -word, word~2, title:word, "a phrase").
  var separator = /[\s\-\/]+/  // replaced by the index's own at set-up
  function plan(query) {
    if (/(^|\s)[+-]\S|[~^:*"]/.test(query)) return null
    var words = query.toLowerCase().split(separator)
      .map(function (word) { return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "") })
      .filter(function (word) { return word.length > 0 })
    var content = words.filter(function (word) { return !isStopWord(word) && !/^\d+$/.test(word) })
    if (!content.length) content = words
    content = content.filter(function (word, i) { return content.indexOf(word) === i })
    if (!content.length) return null
    var numbers = words.filter(function (word) { return /^\d+$/.test(word) && content.indexOf(word) < 0 })
    return {
      words: content.map(function (word) { return { word: word, folded: fold(word) } }),
      phrase: fold(words.join(" ")),
      numbers: numbers,
      matched: {} // location -> {word: true|false}
    }
  }

  // The index's words that hold the query word after their start ("fraværssamtale" in
  // "sygefraværssamtale", "plan" in "handleplan"), shortest first. A scan of the word list: lunr's own
  // leading wildcard walks its whole token tree per query and took 200-600 ms here.
  var MAX_EXPANSIONS = 40
  function wordsOf(index) {
    return index.daTerms || (index.daTerms = Object.keys(index.invertedIndex))
  }

  function shortest(terms) {
    return terms.sort(function (a, b) { return a.length - b.length }).slice(0, MAX_EXPANSIONS)
  }

  function compoundsOf(index, w) {
    if (w.word.length < 4) return []
    return shortest(wordsOf(index).filter(function (term) {
      return term.indexOf(w.word) > 0 || term.indexOf(w.folded) > 0
    }))
  }

  // The index's words that the query word is one typo away from, also as the start of a longer word
  // ("fastholdelseskonsulnet" -> "fastholdelseskonsulenter"); lunr's fuzzy terms cannot also be prefixes.
  function typosOf(index, w) {
    if (w.word.length < 5) return []
    var found = []
    var terms = wordsOf(index)
    var folded = index.daFolded || (index.daFolded = terms.map(fold))
    for (var i = 0; i < terms.length; i++)
      if (folded[i].indexOf(w.folded) !== 0 && isTypo(folded[i], w.folded)) found.push(terms[i])
    return shortest(found)
  }

  function addClauses(index, query, plan) {
    var W = lunr.Query.wildcard
    plan.words.forEach(function (w) {
      query.term(w.word, { fields: TEXT, wildcard: W.TRAILING, boost: 10, usePipeline: false })
      query.term(w.folded, { fields: FOLDED, wildcard: W.TRAILING, boost: 10, usePipeline: false })
      typosOf(index, w).forEach(function (term) {
        query.term(term, { fields: ALL, boost: 2, usePipeline: false })
      })
      compoundsOf(index, w).forEach(function (term) {
        query.term(term, { fields: ALL, boost: 1, usePipeline: false })
      })
    })
    plan.numbers.forEach(function (number) {
      query.term(number, { fields: TEXT, boost: 0.1, usePipeline: false })
    })
  }

  // How one word was found among the terms lunr matched in a document: exact, compound, typo or not.
  function howFound(w, terms) {
    var best = 0
    for (var i = 0; i < terms.length && best < QUALITY.exact; i++) {
      var term = terms[i], folded = fold(term)
      if (term.indexOf(w.word) === 0 || folded.indexOf(w.folded) === 0) best = QUALITY.exact
      else if (w.word.length >= 4 && folded.indexOf(w.folded) > 0) best = Math.max(best, QUALITY.compound)
      else if (w.word.length >= 5 && isTypo(folded, w.folded)) best = Math.max(best, QUALITY.typo)
    }
    return best
  }

  // A page whose whole title is the query ("leder" -> the page "Leder") comes before pages that only use
  // the word. Titles (folded) by location, from the index Material is given.
  var TITLE_MATCH = 3
  var titles = {}
  function keepTitles(docs) {
    docs.forEach(function (doc) { titles[doc.location] = fold(doc.title.replace(/<[^>]*>/g, "")).trim() })
  }

  // lunr's search with the plan of the query under way (Material passes its own rewrite of the query).
  var current = null
  function patchLunr() {
    var search = lunr.Index.prototype.search
    lunr.Index.prototype.search = function (queryString) {
      var active = current
      if (!active) return search.call(this, queryString)
      var index = this
      var results = this.query(function (query) { addClauses(index, query, active) })
      results.forEach(function (result) {
        var terms = Object.keys(result.matchData.metadata)
        var found = {}, coverage = 0
        active.words.forEach(function (w) {
          var quality = howFound(w, terms)
          found[w.word] = quality > 0
          coverage += quality
        })
        coverage /= active.words.length
        active.matched[result.ref] = found
        result.score *= coverage * coverage
        if (titles[result.ref] === active.phrase) result.score *= TITLE_MATCH
      })
      return results.sort(function (a, b) { return b.score - a.score })
    }
  }

  // Material's result, with the words shown as found or missing as this search found them.
  function finish(message, plan) {
    if (!plan) return message
    message.data.items.forEach(function (group) {
      group.forEach(function (item) {
        var found = plan.matched[item.location]
        if (found) item.terms = found
      })
    })
    return message
  }

  /* ------------------------------------------------------------ wiring around Material's worker */

  var here = typeof document !== "undefined" && document.currentScript // the iframe-worker shim (file://)
    ? document.currentScript.src
    : self.location.href
  var material = new URL(here.split("#")[1].split("?")[0], here.split("#")[0]).href

  // Material's worker registers one message listener and answers with postMessage: both are caught here.
  var materialListeners = []
  var addListener = self.addEventListener
  self.addEventListener = function (type, listener, options) {
    if (type === "message") materialListeners.push(listener)
    else addListener.call(self, type, listener, options)
  }
  var post = self.postMessage
  var pending = [] // plans of the queries handed to Material, in order; Material answers in order
  self.postMessage = function (message) {
    if (message && message.type === RESULT) message = finish(message, pending.shift())
    return post.apply(self, [message].concat([].slice.call(arguments, 1)))
  }

  function deliver(data) {
    materialListeners.forEach(function (listener) { listener({ data: data }) })
  }

  // Queries typed faster than they are answered: only the newest one that waits is searched, so the
  // result for the last keystroke does not queue behind the stale ones.
  var waiting = null
  function search() {
    var message = waiting
    waiting = null
    var p = plan(message.data)
    pending.push(p)
    current = p
    try {
      deliver(p ? { type: QUERY, data: p.words.map(function (w) { return w.word }).join(" ") } : message)
    } finally {
      current = null
    }
  }

  var loaded = Promise.resolve(importScripts(material)).then(patchLunr)
  addListener.call(self, "message", function (event) {
    var message = event.data
    loaded.then(function () {
      if (message.type === SETUP) {
        separator = new RegExp(message.data.config.separator)  // mkdocs.yml: plugins.search.separator
        keepTitles(message.data.docs)
      }
      if (message.type !== QUERY) return deliver(message)
      if (waiting === null) setTimeout(search, 0)
      waiting = message
    })
  })
})()
