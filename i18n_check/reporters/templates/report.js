// The filter box: hides every [data-filter] block whose text does not hold all the words typed.
// `#filter=words` in the address fills it, so a filtered view can be shared as a link.
(function () {
  var box = document.getElementById("filter");
  var count = document.getElementById("filter-count");
  var blocks = Array.prototype.slice.call(document.querySelectorAll("[data-filter]"));
  var texts = blocks.map(function (el) { return el.textContent.toLowerCase(); });
  function apply() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    blocks.forEach(function (el, i) {
      var keep = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      el.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = words.length ? shown + " of " + blocks.length + " rows match" : "";
  }
  box.addEventListener("input", apply);
  var hash = window.location.hash;
  if (hash.indexOf("#filter=") === 0) {
    box.value = decodeURIComponent(hash.slice(8).replace(/\+/g, " "));
    apply();
  }
})();
