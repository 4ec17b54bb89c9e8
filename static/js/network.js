/* The network view: fetch a person's circle from the API and draw it with
   cytoscape.js (vendored in static/vendor/cytoscape). The person is placed in the
   middle of a force-directed (cose) layout; node size follows the number of ties;
   the most connected are labelled, the others on hover or focus; a tie shows its
   evidence when clicked. The filters live in the page's URL, so a view can be
   shared; the back button returns to the previous view. */
(function () {
  var form = document.getElementById("network-filters");
  var status = document.getElementById("network-status");
  var detail = document.getElementById("network-detail");
  var personId = String(form.dataset.person);
  var LABELLED = 15;          // the most connected persons always carry their name
  var COSE_LIMIT = 400;       // above this, a concentric layout (cose gets slow and tangled)
  var COLOURS = {
    family: "#2e7d32", political: "#c62828", correspondence: "#1565c0", literary: "#6a1b9a",
    professional: "#ef6c00", personal: "#00838f", "co-mention": "#9e9e9e"
  };
  var cy = null;
  var lastData = null;

  function boxes() { return Array.prototype.slice.call(form.elements.kinds); }

  function filters() {
    var params = new URLSearchParams();
    params.set("kinds", boxes().filter(function (b) { return b.checked; }).map(function (b) { return b.value; }).join(","));
    params.set("depth", form.elements.depth.value);
    if (form.elements.start.value) params.set("start", form.elements.start.value);
    if (form.elements.end.value) params.set("end", form.elements.end.value);
    return params;
  }

  // The URL's filters (if any) into the form: a shared link draws the same view.
  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    if (params.has("kinds")) {
      var kinds = params.get("kinds").split(",");
      boxes().forEach(function (b) { b.checked = kinds.indexOf(b.value) >= 0; });
    }
    if (params.has("depth") && /^[123]$/.test(params.get("depth"))) form.elements.depth.value = params.get("depth");
    form.elements.start.value = /^\d{4}$/.test(params.get("start") || "") ? params.get("start") : "";
    form.elements.end.value = /^\d{4}$/.test(params.get("end") || "") ? params.get("end") : "";
  }

  function apiUrl() {
    var params = filters();
    params.set("format", "json");
    return form.dataset.api + "?" + params.toString();
  }

  function text(tag, content, className) {
    var element = document.createElement(tag);
    element.textContent = content;  // never innerHTML: names and quotes are user text
    if (className) element.className = className;
    return element;
  }

  function showTie(edge) {
    var data = edge.data();
    detail.textContent = "";
    detail.appendChild(text("h2", edge.source().data("label") + " — " + data.label + " — " + edge.target().data("label")));
    detail.appendChild(text("p", "Kind of tie: " + data.kind + (data.certainty && data.certainty !== "certain" ? " (" + data.certainty + ")" : "")));
    var list = document.createElement("ul");
    (data.citations || []).forEach(function (c) {
      var item = document.createElement("li");
      item.appendChild(text("q", c.quote || ""));
      item.appendChild(text("span", " — " + c.source + (c.locator ? ", " + c.locator : ""), "dates"));
      list.appendChild(item);
    });
    if (!list.children.length) list.appendChild(text("li", data.kind === "co-mention"
      ? "Named together in " + data.weight + " paragraph" + (data.weight === 1 ? "" : "s") + " of the sources."
      : "No source cited."));
    detail.appendChild(list);
    detail.hidden = false;
  }

  function draw(data) {
    lastData = data;
    var degree = {};
    data.edges.forEach(function (e) {
      degree[e.source] = (degree[e.source] || 0) + 1;
      degree[e.target] = (degree[e.target] || 0) + 1;
    });
    var ranked = data.nodes.map(function (n) { return n.id; })
      .sort(function (a, b) { return (degree[b] || 0) - (degree[a] || 0); });
    var major = {};
    ranked.slice(0, LABELLED).forEach(function (id) { major[id] = true; });
    var maxDegree = Math.max(1, degree[ranked[0]] || 1);
    var big = data.nodes.length > COSE_LIMIT;
    var elements = data.nodes.map(function (n) {
      var centre = String(n.id) === personId;
      var element = {
        data: { id: String(n.id), label: n.name, url: "/persons/" + n.id + "/", centre: centre,
                degree: degree[n.id] || 0 },
        classes: major[n.id] || centre ? "major" : ""
      };
      return element;
    }).concat(data.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: String(e.source), target: String(e.target), kind: e.kind,
                       label: e.label || e.type, weight: e.weight || 1, certainty: e.certainty,
                       citations: e.citations || [] } };
    }));
    var style = [
      { selector: "node", style: { "label": "", "font-size": 13, "background-color": "#3a6ea5",
        "width": "mapData(degree, 0, " + maxDegree + ", 10, 34)", "height": "mapData(degree, 0, " + maxDegree + ", 10, 34)",
        "text-wrap": "wrap", "text-max-width": 110, "text-valign": "bottom", "text-margin-y": 2,
        "text-background-color": "#fff", "text-background-opacity": 0.75, "text-background-padding": 1 } },
      { selector: "node.major, node.hover", style: { "label": "data(label)" } },
      { selector: "node.hover", style: { "z-index": 10, "font-weight": "bold" } },
      { selector: "node[?centre]", style: { "background-color": "#b22222", "width": 46, "height": 46,
                                            "font-size": 14, "font-weight": "bold" } },
      { selector: "edge", style: { "width": 1.2, "line-color": "#999", "curve-style": "haystack", "opacity": 0.7 } },
      { selector: "edge.hover", style: { "width": 3, "opacity": 1 } },
      { selector: "edge[kind = 'co-mention']", style: { "line-style": "dotted" } }
    ];
    Object.keys(COLOURS).forEach(function (kind) {
      style.push({ selector: "edge[kind = '" + kind + "']", style: { "line-color": COLOURS[kind] } });
    });
    if (cy) cy.destroy();
    cy = cytoscape({
      container: document.getElementById("cy"),
      elements: elements,
      style: style,
      minZoom: 0.1,
      maxZoom: 4,
      layout: big
        ? { name: "concentric", animate: false, concentric: function (n) { return n.data("centre") ? 1e6 : n.data("degree"); },
            levelWidth: function () { return Math.max(1, maxDegree / 6); } }
        : { name: "cose", animate: false, randomize: true, nodeRepulsion: function () { return 40000; },
            idealEdgeLength: function () { return 120; }, numIter: 1500, fit: true, padding: 20 }
    });
    // The person tied to everyone settles in the middle of the force-directed layout;
    // the view is then centred on them.
    var centre = cy.getElementById(personId);
    var others = cy.nodes().not(centre);
    if (centre.nonempty() && !big && others.length >= 3) {
      var box = others.boundingBox({ includeLabels: false });
      var middle = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
      var crowded = others.some(function (n) {
        var p = n.position();
        return Math.abs(p.x - middle.x) < 30 && Math.abs(p.y - middle.y) < 30;
      });
      if (!crowded) centre.position(middle);  // never on top of another person
      cy.fit(undefined, 20);
    }
    cy.on("tap", "node", function (event) {
      var url = event.target.data("url");
      if (url) window.location.href = url;
    });
    cy.on("tap", "edge", function (event) { showTie(event.target); });
    cy.on("mouseover", "node", function (event) {
      event.target.addClass("hover");
      event.target.connectedEdges().addClass("hover");
    });
    cy.on("mouseout", "node", function (event) {
      event.target.removeClass("hover");
      event.target.connectedEdges().removeClass("hover");
    });
    window.serge_cy = cy;  // for tests and curious readers
    status.textContent = data.nodes.length + " persons, " + data.edges.length + " ties; the " +
      Math.min(LABELLED, data.nodes.length) + " most connected are named (point at the others for their name). " +
      "Click a person to open their page, a tie for its evidence.";
  }

  function load() {
    status.textContent = "Loading the network…";
    ["gexf", "graphml"].forEach(function (format) {  // the exports follow the filters
      var params = filters();
      params.set("format", format);
      document.getElementById("export-" + format).href = form.dataset.api + "?" + params.toString();
    });
    detail.hidden = true;
    fetch(apiUrl(), { headers: { "Accept": "application/json" } })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (!response.ok) {
            var problem = body && typeof body === "object" ? Object.values(body).join(" ") : "";
            throw new Error("The network could not be loaded (" + response.status + "). " + problem);
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

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = "?" + filters().toString();
    if (query !== window.location.search) window.history.pushState(null, "", query);
    load();
  });
  window.addEventListener("popstate", function () { readUrl(); load(); });
  document.getElementById("export-png").addEventListener("click", function () {
    if (cy) download("network-" + personId + ".png", cy.png({ output: "blob", full: true, bg: "#fff" }));
  });
  document.getElementById("export-json").addEventListener("click", function () {
    if (lastData) download("network-" + personId + ".json",
      new Blob([JSON.stringify(lastData, null, 2)], { type: "application/json" }));
  });
  readUrl();
  load();
})();
