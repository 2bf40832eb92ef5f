/* Draws every .tourism-map__canvas from the JSON next to it (see tourism/includes/map.html).
   Without tiles the map draws the offline base layer: the two cities' districts, tinted by city,
   with their names in the page's language (static/tourism/map/districts.geojson, fetched from
   this site). Markers are numbered where the page numbers its places; a map of a trip shows one
   day at a time (the radio buttons above it) and fits the view to that day. */
(function () {
  "use strict";

  // Leaflet takes a string as HTML: a place's name or label goes in as text, in an element.
  function asText(text) {
    var span = document.createElement("span");
    span.textContent = text || "";
    return span;
  }

  function pinIcon(label, faded) {
    if (faded) {
      return L.divIcon({ className: "map-pin map-pin--faded", html: "", iconSize: [14, 14], iconAnchor: [7, 7] });
    }
    var size = label ? 30 : 24; // numbers stay readable; every marker is a 24 px target at least
    return L.divIcon({
      className: "map-pin" + (label ? " map-pin--numbered" : ""),
      html: asText(label), iconSize: [size, size], iconAnchor: [size / 2, size / 2]
    });
  }

  // --- The base layer -----------------------------------------------------------------------

  // A district's name, centred on its label point, shown only where the district is wide and
  // tall enough on screen for it (the small central districts get theirs when zoomed in).
  var DistrictLabel = L.Layer.extend({
    initialize: function (latlng, text, bounds) {
      this._latlng = latlng;
      this._text = text;
      this._bounds = bounds;
    },
    onAdd: function (map) {
      this._element = L.DomUtil.create("div", "map-district-label", map.getPane("districtLabels"));
      this._inner = L.DomUtil.create("span", "", this._element);
      this._inner.textContent = this._text;
      map.on("zoomend viewreset", this._update, this);
      this._update();
    },
    onRemove: function (map) {
      map.off("zoomend viewreset", this._update, this);
      L.DomUtil.remove(this._element);
    },
    _update: function () {
      var map = this._map;
      L.DomUtil.setPosition(this._element, map.latLngToLayerPoint(this._latlng));
      var corner = map.latLngToLayerPoint(this._bounds.getNorthWest());
      var other = map.latLngToLayerPoint(this._bounds.getSouthEast());
      var fits = this._inner.offsetWidth < (other.x - corner.x) * 0.8 &&
        this._inner.offsetHeight < (other.y - corner.y) * 0.5;
      this._element.classList.toggle("map-district-label--hidden", !fits);
    }
  });

  function drawBaseLayer(map, base) {
    map.createPane("districts");
    map.createPane("districtLabels");
    return fetch(base.url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (districts) {
        L.geoJSON(districts, {
          pane: "districts",
          interactive: false,
          style: function (feature) {
            return { className: "map-district map-district--" + feature.properties.city };
          },
          onEachFeature: function (feature, layer) {
            var name = base.names[feature.properties.key];
            var point = feature.properties.label;
            if (name) {
              new DistrictLabel(L.latLng(point[1], point[0]), name, layer.getBounds()).addTo(map);
            }
          }
        }).addTo(map);
      })
      .catch(function () { map.getContainer().classList.add("tourism-map__canvas--no-base"); });
  }

  function drawTiles(map, tiles) {
    tiles.layers.forEach(function (url, index) {
      L.tileLayer(url, {
        subdomains: tiles.subdomains,
        attribution: index === 0 ? tiles.attribution : "",
        maxZoom: 18
      }).addTo(map);
    });
  }

  // --- Markers, routes and groups -------------------------------------------------------------

  function followOnEnter(element, url) {
    // Leaflet answers Enter on a marker only with a popup: a link must follow it too.
    element.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { window.location.href = url; }
    });
  }

  function popupContent(point) {
    var box = document.createElement("p");
    box.className = "map-popup";
    if (point.label) {
      var number = asText(point.label);
      number.className = "map-label";
      box.appendChild(number);
      box.appendChild(document.createTextNode(" "));
    }
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    box.appendChild(link);
    return box;
  }

  function addMarker(map, point) {
    var marker = L.marker([point.lat, point.lon], {
      icon: pinIcon(point.label), title: point.name, keyboard: true, riseOnHover: true
    }).addTo(map);
    marker.bindTooltip(asText(point.name));
    var element = marker.getElement();
    element.setAttribute("aria-label", point.name);
    if (point.url) {
      // A tap or a click opens the name and its link (a tap cannot hover for the tooltip).
      marker.bindPopup(popupContent(point), { closeButton: true, autoPanPadding: [16, 16] });
      followOnEnter(element, point.url);
      element.setAttribute("role", "link");
    } else {
      element.removeAttribute("role");
      element.removeAttribute("tabindex");
    }
    return marker;
  }

  function boundsOf(points, routes) {
    var corners = points.map(function (point) { return [point.lat, point.lon]; });
    routes.forEach(function (route) { corners = corners.concat(route.line); });
    return corners;
  }

  function fit(map, corners) {
    if (corners.length === 1) {
      map.setView(corners[0], 15);
    } else if (corners.length) {
      map.fitBounds(corners, { padding: [28, 28], maxZoom: 16 });
    } else {
      map.setView([30.1, 105.3], 7); // between the two cities
    }
  }

  function groupKeys(points) {
    var keys = [];
    points.forEach(function (point) {
      if (keys.indexOf(point.group) === -1) { keys.push(point.group); }
    });
    return keys;
  }

  // Shows one group (a trip's day) in full: its numbered markers and its route; the others
  // stay as small grey dots and thin lines for orientation, out of the keyboard's way.
  function showGroup(map, drawn, group) {
    var shown = drawn.points.filter(function (point) { return point.group === group; });
    var routes = drawn.routes.filter(function (route) { return route.group === group; });
    drawn.markers.forEach(function (marker, index) {
      var point = drawn.points[index];
      var active = point.group === group;
      marker.setIcon(pinIcon(point.label, !active));
      var element = marker.getElement();
      element.setAttribute("aria-label", point.name);
      element.setAttribute("aria-hidden", active ? "false" : "true");
      element.tabIndex = active ? 0 : -1;
      marker.setZIndexOffset(active ? 1000 : 0);
      if (active) { marker.bindTooltip(asText(point.name)); } else { marker.unbindTooltip(); }
    });
    drawn.lines.forEach(function (line, index) {
      var active = drawn.routes[index].group === group;
      line.setStyle({ color: active ? "#8a1c1c" : "#6b6b6b", weight: active ? 4 : 2, dashArray: active ? null : "4 6" });
      if (active) { line.bringToFront(); }
    });
    fit(map, boundsOf(shown, routes));
  }

  function connectGroupChoice(canvas, map, drawn) {
    var choice = document.querySelector("[data-map-groups='" + canvas.id + "']");
    if (!choice) { return; }
    choice.hidden = false;
    choice.addEventListener("change", function (event) {
      if (event.target.name === canvas.id + "-group") { showGroup(map, drawn, event.target.value); }
    });
  }

  function draw(canvas) {
    if (canvas.dataset.drawn || typeof L === "undefined") { return; }
    canvas.dataset.drawn = "1";
    var data = JSON.parse(document.getElementById(canvas.dataset.mapSource).textContent);
    canvas.hidden = false;
    var map = L.map(canvas, { scrollWheelZoom: false, attributionControl: Boolean(data.tiles) });
    if (data.tiles) {
      drawTiles(map, data.tiles);
    } else {
      canvas.classList.add("tourism-map__canvas--plain");
    }
    L.control.scale({ imperial: false }).addTo(map);
    var groups = groupKeys(data.points);
    var first = groups[0];
    // The view first: Leaflet puts markers into the page only once the map has one.
    var grouped = groups.length > 1;
    fit(map, grouped ? boundsOf(
      data.points.filter(function (point) { return point.group === first; }),
      data.routes.filter(function (route) { return route.group === first; })
    ) : boundsOf(data.points, data.routes));
    if (data.base) { drawBaseLayer(map, data.base); }
    var drawn = {
      points: data.points,
      routes: data.routes,
      lines: data.routes.map(function (route) {
        return L.polyline(route.line, { color: "#8a1c1c", weight: 4, className: "map-route" }).addTo(map);
      }),
      markers: data.points.map(function (point) { return addMarker(map, point); })
    };
    if (grouped) {
      showGroup(map, drawn, first);
      connectGroupChoice(canvas, map, drawn);
    }
  }

  function drawAll() { document.querySelectorAll(".tourism-map__canvas").forEach(draw); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
