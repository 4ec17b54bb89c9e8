/* "Cite this page": copy a citation to the clipboard, with a fallback for
   browsers (or insecure origins) that have no navigator.clipboard. */
(function () {
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "absolute";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (!button) return;
    var source = document.getElementById(button.dataset.copyTarget);
    var status = button.parentNode.querySelector(".copy-status");
    copy(source.textContent).then(function () {
      status.textContent = "Copied.";
    }, function () {
      status.textContent = "Could not copy: select the text and press Ctrl+C.";
    });
  });
})();
