/* A person's places on a map drawn with Leaflet (vendored in static/vendor/leaflet)
   over Natural Earth's country outlines (static/vendor/world-atlas): no tile
   server, so the map works offline. Markers are numbered in the order of the life
   and joined by a dashed line; the list under the map says the same in words. */
(function () {
  var element = document.getElementById("life-map");
  if (!element || !window.L) return;
  var places = JSON.parse(element.dataset.places || "[]");
  if (!places.length) return;
  var map = L.map(element, { attributionControl: true, zoomSnap: 0.5, worldCopyJump: false });
  map.attributionControl.setPrefix("");
  map.attributionControl.addAttribution("Outlines: Natural Earth · Coordinates: GeoNames");
  fetch(element.dataset.world)
    .then(function (response) { return response.json(); })
    .then(function (world) {
      var land = topojson.feature(world, world.objects.countries);
      L.geoJSON(land, { interactive: false, style: { color: "#9a9a9a", weight: 0.6, fillColor: "#ecebe4", fillOpacity: 1 } })
        .addTo(map).bringToBack();
    })
    .catch(function () { /* the markers still say where */ });
  var points = [];
  places.forEach(function (place) {
    var point = [place.lat, place.lon];
    points.push(point);
    var marker = L.marker(point, {
      icon: L.divIcon({ className: "map-number", html: String(place.order), iconSize: [22, 22] }),
      title: place.name,
      alt: place.order + ". " + place.name
    }).addTo(map);
    var popup = document.createElement("div");
    var title = document.createElement("b");
    title.textContent = place.order + ". " + place.name;  // textContent: names are user text
    popup.appendChild(title);
    place.what.forEach(function (what) {
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(what));
    });
    marker.bindPopup(popup);
  });
  L.polyline(points, { color: "#b22222", weight: 1.5, dashArray: "4 4", opacity: 0.7, interactive: false }).addTo(map);
  map.fitBounds(L.latLngBounds(points).pad(0.15), { maxZoom: 6 });
  window.serge_map = map;  // for tests
})();
