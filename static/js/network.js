/* The network view: fetch a person's circle from the API and draw it with
   cytoscape.js. Clicking a person opens their page; the graph can be exported. */
(function () {
  var form = document.getElementById("network-filters");
  var status = document.getElementById("network-status");
  var personId = String(form.dataset.person);
  var cy = null;
  var lastData = null;

  function query() {
    var params = new URLSearchParams();
    var kinds = Array.prototype.filter.call(form.elements.kinds, function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    params.set("kinds", kinds.join(","));
    params.set("depth", form.elements.depth.value);
    if (form.elements.start.value) params.set("start", form.elements.start.value);
    if (form.elements.end.value) params.set("end", form.elements.end.value);
    params.set("format", "json");
    return form.dataset.api + "?" + params.toString();
  }

  function draw(data) {
    lastData = data;
    var elements = data.nodes.map(function (n) {
      // The API's url is the JSON record; readers go to the page, which /persons/<id>/ redirects to.
      return { data: { id: String(n.id), label: n.name, url: "/persons/" + n.id + "/",
                       centre: String(n.id) === personId } };
    }).concat(data.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: String(e.source), target: String(e.target), kind: e.kind,
                       label: e.label || e.type, weight: e.weight || 1 } };
    }));
    if (cy) cy.destroy();
    cy = cytoscape({
      container: document.getElementById("cy"),
      elements: elements,
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 10, "background-color": "#3a6ea5",
                                     "text-wrap": "wrap", "text-max-width": 90 } },
        { selector: "node[?centre]", style: { "background-color": "#b22222", "width": 40, "height": 40 } },
        { selector: "edge", style: { "width": 1.5, "line-color": "#999", "curve-style": "bezier" } },
        { selector: "edge[kind = 'family']", style: { "line-color": "#2e7d32" } },
        { selector: "edge[kind = 'political']", style: { "line-color": "#c62828" } },
        { selector: "edge[kind = 'literary']", style: { "line-color": "#6a1b9a" } },
        { selector: "edge[kind = 'co-mention']", style: { "line-style": "dotted" } }
      ],
      layout: { name: data.nodes.length > 60 ? "circle" : "cose", animate: false }
    });
    cy.on("tap", "node", function (event) {
      var url = event.target.data("url");
      if (url) window.location.href = url;
    });
    window.serge_cy = cy;  // for tests and curious readers
    status.textContent = data.nodes.length + " persons, " + data.edges.length + " ties. Click a person to open their page.";
  }

  function load() {
    status.textContent = "Loading the network…";
    fetch(query(), { headers: { "Accept": "application/json" } })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) {
            var detail = body && typeof body === "object" ? Object.values(body).join(" ") : "";
            throw new Error("The network could not be loaded (" + response.status + "). " + detail);
          }
          if (!body.nodes || !body.edges) throw new Error("The network service answered in an unexpected form.");
          return body;
        });
      })
      .then(draw)
      .catch(function (error) { status.textContent = error.message; });
  }

  function download(name, blob) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); load(); });
  document.getElementById("export-png").addEventListener("click", function () {
    if (cy) download("network-" + personId + ".png", cy.png({ output: "blob", full: true, bg: "#fff" }));
  });
  document.getElementById("export-json").addEventListener("click", function () {
    if (lastData) download("network-" + personId + ".json",
      new Blob([JSON.stringify(lastData, null, 2)], { type: "application/json" }));
  });
  load();
})();
