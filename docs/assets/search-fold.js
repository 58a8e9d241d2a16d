// Diacritic-insensitive search, the query's half (macros/hooks/search_tuning.py adds the folded
// words to the index). mkdocs-material 9 has no setting for a search transform, so this wraps
// the one call through which the page hands a query to the theme's search worker (message
// type 2 of its worker protocol, pinned with the theme's version) and adds each word's folded
// form: "återkoppling" is searched as "återkoppling aterkoppling", so the original word is
// still highlighted. No request, no storage.
(() => {
  const QUERY = 2;
  // The same rule as fold() in macros/hooks/search_tuning.py.
  const fold = (word) => word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      const words = message.data.split(/\s+/).filter(Boolean);
      const extra = words.map(fold).filter((folded, i) => folded !== words[i].toLowerCase());
      if (extra.length) message = { ...message, data: `${message.data} ${extra.join(" ")}` };
    }
    return post.call(this, message, ...rest);
  };
})();
