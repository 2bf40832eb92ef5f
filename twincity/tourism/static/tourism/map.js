/* Draws every .tourism-map__canvas from the JSON next to it (see tourism/includes/map.html).
   Without tiles the map is a plain background with markers, the route and a scale. */
(function () {
  "use strict";

  // Leaflet takes a string as HTML: a place's name or label goes in as text, in an element.
  function asText(text) {
    var span = document.createElement("span");
    span.textContent = text || "";
    return span;
  }

  function pinIcon(label) {
    return L.divIcon({ className: "map-pin", html: asText(label), iconSize: [28, 28], iconAnchor: [14, 14] });
  }

  function draw(canvas) {
    if (canvas.dataset.drawn || typeof L === "undefined") { return; }
    canvas.dataset.drawn = "1";
    var data = JSON.parse(document.getElementById(canvas.dataset.mapSource).textContent);
    canvas.hidden = false;
    var map = L.map(canvas, { scrollWheelZoom: false, attributionControl: Boolean(data.tiles) });
    if (data.tiles) {
      L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);
    } else {
      canvas.classList.add("tourism-map__canvas--plain");
    }
    L.control.scale({ imperial: false }).addTo(map);
    // The view first: Leaflet puts markers into the page only once the map has one.
    var bounds = data.points.map(function (point) { return [point.lat, point.lon]; });
    var route = data.route || [];
    bounds = bounds.concat(route);
    if (bounds.length === 1) {
      map.setView(bounds[0], 15);
    } else if (bounds.length) {
      map.fitBounds(bounds, { padding: [28, 28], maxZoom: 16 });
    } else {
      map.setView([30.1, 105.3], 7); // between the two cities
    }
    if (route.length > 1) {
      L.polyline(route, { color: "#8a1c1c", weight: 4, className: "map-route" }).addTo(map);
    }
    data.points.forEach(function (point) { addMarker(map, point); });
  }

  function addMarker(map, point) {
    var marker = L.marker([point.lat, point.lon], {
      icon: pinIcon(point.label), title: point.name, keyboard: true, riseOnHover: true
    }).addTo(map);
    marker.bindTooltip(asText(point.name));
    var element = marker.getElement();
    element.setAttribute("aria-label", point.name);
    if (point.url) {
      var follow = function () { window.location.href = point.url; };
      marker.on("click", follow);
      // Leaflet answers Enter on a marker only with a popup: a link must follow it too.
      element.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { follow(); }
      });
      element.setAttribute("role", "link");
    } else {
      element.removeAttribute("role");
      element.removeAttribute("tabindex");
    }
  }

  function drawAll() { document.querySelectorAll(".tourism-map__canvas").forEach(draw); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
