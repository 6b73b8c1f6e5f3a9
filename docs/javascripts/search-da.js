/* Search with no result: say what to try instead and lead to the explorer of recommendations.
 * Material writes "Ingen resultater" into the result's meta line; the hint goes right below it while the
 * list is empty and the query is not. (The query handling itself is in assets/javascripts/workers/search-da.js.) */
(function () {
  "use strict"
  var input = document.querySelector("[data-md-component=search-query]")
  var result = document.querySelector("[data-md-component=search-result]")
  if (!input || !result) return
  var meta = result.querySelector(".md-search-result__meta")
  var list = result.querySelector(".md-search-result__list")
  var config = JSON.parse(document.getElementById("__config").textContent)
  var explorer = new URL(config.base.replace(/\/?$/, "/") + "anbefalinger/index.html", location.href).href

  var hint = document.createElement("div")
  hint.className = "search-da-hint"
  hint.hidden = true
  hint.innerHTML =
    "<p>Prøv et kortere ord eller et andet ord for det samme, fx <q>samtale</q> i stedet for " +
    "<q>sygefraværssamtalen</q>, eller skriv kun det vigtigste ord i dit spørgsmål.</p>" +
    "<p>Eller find anbefalinger efter rolle, fase og område: " +
    "<a href=\"" + explorer + "\">Find anbefalinger</a>.</p>"
  meta.insertAdjacentElement("afterend", hint)

  function update() {
    hint.hidden = !(input.value.trim() && list.children.length === 0 &&
      meta.textContent.trim() === config.translations["search.result.none"])
  }
  new MutationObserver(update).observe(result, { childList: true, subtree: true, characterData: true })
  input.addEventListener("input", update)
})()
