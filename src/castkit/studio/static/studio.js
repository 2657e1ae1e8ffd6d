// castkit studio: what every page's script shares — JSON calls with the CSRF token, the
// show's event stream, elements built with text only (never HTML), and conflict notes.
"use strict";

const studio = (() => {
  const csrf = document.querySelector('meta[name="csrf"]').content;
  const show = document.body.dataset.show;
  const client = Math.random().toString(36).slice(2);

  async function api(method, url, body) {
    const options = {method, credentials: "same-origin", headers: {"X-CSRF-Token": csrf}};
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify({...body, client});
    }
    const response = await fetch(url, options);
    let data = {};
    try { data = await response.json(); } catch (error) { data = {error: response.statusText}; }
    return {ok: response.ok, status: response.status, data};
  }

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "class") node.className = value;
      else if (key in node) node[key] = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function listen(handler) {
    const source = new EventSource(`/api/shows/${show}/events`);
    source.onmessage = (event) => handler(JSON.parse(event.data));
    return source;
  }

  function shown(value) {
    if (value === null || value === undefined || value === "") return "(empty)";
    if (typeof value === "object" && Array.isArray(value.lines)) return value.lines.join(" / ");
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  // A refused save: who changed it, what it holds now, what you typed. Nothing is lost:
  // "Use mine" saves yours on top of the newer version, "Keep theirs" drops yours.
  function conflict(info, label, mine, useMine, keepTheirs) {
    const box = document.getElementById("conflicts");
    const by = info.by ? ` by ${info.by}` : "";
    const at = info.at ? ` at ${new Date(info.at).toLocaleTimeString()}` : "";
    const note = el("div", {class: "conflict", role: "alert"},
      el("strong", {}, "Not saved: "), `${label} was changed${by}${at}. Now: `,
      el("q", {class: "theirs"}, shown(info.current)), ". Yours: ", el("q", {class: "mine"}, shown(mine)), ". ");
    const close = () => note.remove();
    if (useMine) note.append(el("button", {type: "button", class: "use-mine", onclick: () => { close(); useMine(info.version); }}, "Use mine"), " ");
    note.append(el("button", {type: "button", class: "keep-theirs", onclick: () => { close(); if (keepTheirs) keepTheirs(); }}, "Keep theirs"));
    box.append(note);
  }

  function problem(message) {
    const box = document.getElementById("conflicts");
    const note = el("div", {class: "problem", role: "alert"}, message,
      " ", el("button", {type: "button", onclick: () => note.remove()}, "OK"));
    box.append(note);
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  }

  function allow(may) {
    for (const node of document.querySelectorAll("[data-needs]")) node.disabled = !may[node.dataset.needs];
  }

  return {api, el, listen, conflict, problem, debounce, allow, show, client};
})();
