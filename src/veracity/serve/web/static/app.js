// veracity pages, progressively enhanced: every page works without this file; with it the reader links text to
// claims, and graphs and the map are drawn. Served by the app; the CSP allows no inline script, so all behaviour
// lives here. Text from articles is only ever set as textContent, never as HTML.
"use strict";

function readerLinks() {
  const text = document.getElementById("text");
  if (!text) return;
  const pieces = Array.from(text.querySelectorAll(".piece[data-claims]"));
  function select(ids, scroll) {
    document.querySelectorAll(".selected").forEach((el) => el.classList.remove("selected"));
    pieces.forEach((p) => {
      if (p.dataset.claims.split(" ").some((id) => ids.includes(id))) p.classList.add("selected");
    });
    ids.forEach((id, i) => {
      const item = document.getElementById("a-" + id);
      if (!item) return;
      item.classList.add("selected");
      if (scroll && i === 0) item.scrollIntoView({ block: "nearest" });
    });
  }
  pieces.forEach((p) => p.addEventListener("click", () => select(p.dataset.claims.split(" "), true)));
  document.querySelectorAll(".doc-claim").forEach((li) =>
    li.addEventListener("mouseenter", () => select([li.dataset.claim], false)));
  if (location.hash.startsWith("#a-")) select([location.hash.slice(3)], true);
}

function edgeColour(kind) {
  return kind === "claim" ? "#1f5fa8" : kind.indexOf("den") >= 0 ? "#b3261e" : "#444";
}

function pageOf(id) {
  if (id.startsWith("event:")) return "/events/" + encodeURIComponent(id);
  if (id.startsWith("actor:") || id.startsWith("place:")) return "/actors/" + encodeURIComponent(id);
  return null;
}

function drawGraph(box, data) {
  const elements = data.nodes.map((n) => ({ data: { id: n.id, label: n.name, kind: n.kind } }));
  data.edges.forEach((e, i) => elements.push({ data: {
    id: "e" + i, source: e.source, target: e.target, label: e.predicate, kind: e.kind,
    colour: edgeColour(e.kind), proposition: e.proposition, width: 1 + Math.min(6, e.support.evidence) } }));
  box.classList.add("ready");
  const cy = window.cytoscape({ container: box, elements: elements, layout: { name: "cose", animate: false, nodeRepulsion: () => 90000, idealEdgeLength: () => 110, padding: 20 },
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#8aa4c2",
        "text-valign": "bottom", "text-wrap": "wrap", "text-max-width": 120 } },
      { selector: "node[kind = 'event']", style: { shape: "diamond", "background-color": "#d08c84" } },
      { selector: "node[id = '" + data.root.replace(/'/g, "") + "']", style: { "background-color": "#1f5fa8" } },
      { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", width: "data(width)",
        "line-color": "data(colour)", "target-arrow-color": "data(colour)", label: "data(label)", "font-size": 8 } },
      { selector: "edge[kind = 'claim']", style: { "line-style": "dashed" } },
    ] });
  cy.on("tap", "edge", (ev) => { location.href = "/propositions/" + encodeURIComponent(ev.target.data("proposition")); });
  cy.on("tap", "node", (ev) => { const to = pageOf(ev.target.id()); if (to) location.href = to; });
}

function graphs() {
  document.querySelectorAll(".graph[data-network]").forEach((box) => {
    if (!window.cytoscape) return;
    fetch(box.dataset.network, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((data) => drawGraph(box, data))
      .catch(() => box.classList.remove("ready"));
  });
}

function popup(props) {
  const div = document.createElement("div");
  const title = document.createElement(props.kind === "event" ? "a" : "b");
  title.textContent = props.name;
  if (props.kind === "event") title.href = "/events/" + encodeURIComponent(props.id);
  div.appendChild(title);
  const info = document.createElement("div");
  info.textContent = [props.kind, props.date, props.place].filter(Boolean).join(" · ");
  div.appendChild(info);
  return div;
}

function drawMap(box) {
  const L = window.L;
  box.classList.add("ready");
  const map = L.map(box, { worldCopyJump: true, attributionControl: false }).setView([33, 67], 4);
  Promise.all([fetch(box.dataset.basemap).then((r) => r.json()), fetch(box.dataset.places).then((r) => r.json())])
    .then(([topo, places]) => {
      const land = window.topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, { style: { color: "#8c9aa8", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
      const layer = L.geoJSON(places, { pointToLayer: (f, at) => L.circleMarker(at, {
        radius: f.properties.kind === "event" ? 7 : 4, color: f.properties.kind === "event" ? "#b3261e" : "#1f5fa8",
        weight: 1, fillOpacity: 0.7 }) });
      layer.eachLayer((m) => m.bindPopup(popup(m.feature.properties)));
      layer.addTo(map);
    });
}

function maps() {
  const box = document.getElementById("map");
  if (box && window.L && window.topojson) drawMap(box);
}

document.addEventListener("DOMContentLoaded", () => { readerLinks(); graphs(); maps(); });
