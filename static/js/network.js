/* The network view: fetch a person's circle from the API and draw it with
   cytoscape.js (vendored in static/vendor/cytoscape). The person is placed in the
   middle of a force-directed (cose) layout; node size follows the number of ties;
   the most connected are labelled, the others on hover or focus; a tie shows its
   evidence when clicked. The filters live in the page's URL, so a view can be
   shared; the back button returns to the previous view. A time slider over the
   years of the dated ties shows only the ties of one year (?year=, in the URL too);
   at its leftmost position, all ties, dated or not. */
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
  var slider = document.getElementById("net-year");
  var sliderShown = document.getElementById("net-year-shown");
  var sliderBox = document.getElementById("net-time");
  var wantedYear = "";        // the year asked for in the URL, applied once the ties are drawn

  // The years of a tie from its EDTF start and end ("1923", "1936-05", "../1940"):
  // an open end is open; a tie with neither is undated.
  function yearOf(edtf) {
    var match = /(^|[^0-9])(\d{4})/.exec(edtf || "");
    return match ? parseInt(match[2], 10) : null;
  }
  function span(data) {
    var start = yearOf(data.start), end = yearOf(data.end);
    if (start === null && end === null) return null;
    return [start === null ? -Infinity : start, end === null ? Infinity : end];
  }
  function allYears() { return !slider.value || Number(slider.value) <= Number(slider.min); }

  // Show only the ties of the chosen year (and the persons they join, the centre always).
  function applyYear() {
    if (!cy) return;
    var all = allYears();
    sliderShown.textContent = all ? "all years" : slider.value;
    cy.batch(function () {
      cy.elements().removeClass("faded");
      if (all) return;
      var year = Number(slider.value);
      var kept = cy.collection();
      cy.edges().forEach(function (edge) {
        var s = edge.data("span");
        if (s && s[0] <= year && year <= s[1]) kept = kept.union(edge);
        else edge.addClass("faded");
      });
      cy.nodes().forEach(function (node) {
        if (!node.data("centre") && node.connectedEdges().intersection(kept).empty()) node.addClass("faded");
      });
    });
    var shown = cy.edges().not(".faded").length;
    window.serge_year = all ? "" : slider.value;  // for tests
    if (!all) status.textContent = shown + " of " + cy.edges().length + " ties in " + slider.value +
      " (undated ties are hidden while a year is chosen).";
  }
  function yearToUrl() {
    var params = new URLSearchParams(window.location.search);
    if (allYears()) params.delete("year"); else params.set("year", slider.value);
    var query = params.toString() ? "?" + params.toString() : window.location.pathname;
    if (query !== window.location.search) window.history.replaceState(null, "", query);
  }
  // The slider runs over the years of the dated ties drawn; hidden when none is dated.
  function setUpSlider(edges) {
    var years = [];
    edges.forEach(function (e) {
      var s = span(e);
      if (s) [s[0], s[1]].forEach(function (y) { if (isFinite(y)) years.push(y); });
    });
    sliderBox.hidden = !years.length;
    if (!years.length) return;
    var first = Math.min.apply(null, years), last = Math.max.apply(null, years);
    slider.min = first - 1;  // the leftmost position: all years
    slider.max = last;
    var wanted = Number(wantedYear);
    slider.value = wantedYear && wanted >= first && wanted <= last ? wanted : first - 1;
    slider.setAttribute("aria-valuetext", allYears() ? "all years" : slider.value);
  }

  function boxes() { return Array.prototype.slice.call(form.elements.kinds); }

  function filters() {
    var params = new URLSearchParams();
    params.set("kinds", boxes().filter(function (b) { return b.checked; }).map(function (b) { return b.value; }).join(","));
    params.set("depth", form.elements.depth.value);
    if (form.elements.start.value) params.set("start", form.elements.start.value);
    if (form.elements.end.value) params.set("end", form.elements.end.value);
    if (!allYears()) params.set("year", slider.value);
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
    wantedYear = /^\d{4}$/.test(params.get("year") || "") ? params.get("year") : "";
  }

  function apiUrl() {
    var params = filters();
    params.delete("year");  // the year is chosen among the ties loaded, not by the API
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
                       citations: e.citations || [], span: span(e) } };
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
      { selector: "edge[kind = 'co-mention']", style: { "line-style": "dotted" } },
      { selector: ".faded", style: { "display": "none" } }
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
      // Never on top of another person: whoever the random layout left near the
      // middle steps aside (outwards, 60 px from it), a few times at most, since
      // stepping aside can widen the others' box and so move its middle.
      var middleOf = function () {
        var box = others.boundingBox({ includeLabels: false });
        return { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
      };
      var middle = middleOf();
      for (var round = 0; round < 5; round++) {
        var near = others.filter(function (n) {
          var p = n.position();
          return Math.abs(p.x - middle.x) < 30 && Math.abs(p.y - middle.y) < 30;
        });
        if (near.empty()) break;
        near.forEach(function (n, i) {
          var p = n.position(), dx = p.x - middle.x, dy = p.y - middle.y;
          var length = Math.sqrt(dx * dx + dy * dy);
          if (length < 1) { dx = Math.cos(i + round); dy = Math.sin(i + round); length = 1; }
          n.position({ x: middle.x + (dx / length) * 60, y: middle.y + (dy / length) * 60 });
        });
        middle = middleOf();
      }
      centre.position(middle);
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
    setUpSlider(data.edges);
    applyYear();
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
  slider.addEventListener("input", function () {
    slider.setAttribute("aria-valuetext", allYears() ? "all years" : slider.value);
    wantedYear = allYears() ? "" : slider.value;
    applyYear();
    yearToUrl();
  });
  document.getElementById("net-year-all").addEventListener("click", function () {
    slider.value = slider.min;
    wantedYear = "";
    slider.dispatchEvent(new Event("input"));
  });
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
