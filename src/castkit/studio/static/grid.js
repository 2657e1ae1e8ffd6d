// The producer's grid: the library's rundown sheet, editable. Typing previews the totals;
// leaving a cell saves it against the version it was read at; other pages follow by events.
"use strict";

(() => {
  const {api, el, listen, conflict, problem, debounce, allow, show, client} = studio;
  const body = document.querySelector("#grid tbody");
  let view = null;
  let may = {rundown: false};
  const drafts = new Map();  // "id:field" -> text typed but not saved yet

  const CELLS = [
    ["page"], ["slug", "input"], ["format", "select"], ["talent", "input"], ["block", "input"], ["rate", "input", "rate_wpm"],
    ["read"], ["runs"], ["est"], ["target", "input", "target_ms"], ["over_under"], ["hit", "input", "hit_ms"],
    ["front"], ["back"], ["cume"], ["float", "checkbox", "floated"],
  ];

  function cellText(row, key) {
    if (key === "runs") return (row.runs_estimated === "true" ? "~" : "") + row.runs;
    return row[key] ?? "";
  }

  function editor(row, key, kind, field) {
    field = field || key;
    const draftKey = `${row.id}:${field}`;
    if (kind === "checkbox") {
      return el("input", {type: "checkbox", checked: row.floated, disabled: !may.rundown, dataset: {field}, "aria-label": `float ${row.slug}`});
    }
    if (kind === "select") {
      const select = el("select", {disabled: !may.rundown, dataset: {field}, "aria-label": `format of ${row.slug}`});
      for (const name of view.formats) select.append(el("option", {value: name, selected: name === row.format}, name));
      return select;
    }
    const value = drafts.has(draftKey) ? drafts.get(draftKey) : row.edit[field];
    const placeholder = field === "rate_wpm" ? row.rate : "";
    return el("input", {value, placeholder, disabled: !may.rundown, size: Math.max(3, Math.min(18, String(value).length + 1)),
      dataset: {field}, "aria-label": `${field.replace(/_ms$|_wpm$/, "")} of ${row.slug}`});
  }

  function render(fresh) {
    view = fresh;
    const focused = document.activeElement;
    const focus = focused && focused.dataset && focused.dataset.field && focused.closest("tr")
      ? {id: focused.closest("tr").dataset.id, field: focused.dataset.field, start: focused.selectionStart} : null;
    for (const input of document.querySelectorAll("[data-show-field]")) {
      if (input !== focused) input.value = view.show.edit[input.dataset.showField];
      input.disabled = !may.rundown;
    }
    const rows = view.rows.map((row, index) => {
      const tr = el("tr", {dataset: {id: row.id, version: row.version}, class: row.floated ? "floated" : "", draggable: may.rundown});
      tr.append(el("td", {class: "handle", title: "drag to move"}, "⠿"));
      for (const [key, kind, field] of CELLS) {
        tr.append(el("td", {class: `c-${key}`}, kind ? editor(row, key, kind, field) : cellText(row, key)));
      }
      const notices = view.notices.filter((n) => n.story === row.id);
      tr.append(el("td", {class: "row-actions"},
        el("button", {type: "button", class: "up", disabled: !may.rundown || index === 0, title: "move up", "aria-label": `move ${row.slug} up`}, "↑"),
        el("button", {type: "button", class: "down", disabled: !may.rundown || index === view.rows.length - 1, title: "move down", "aria-label": `move ${row.slug} down`}, "↓"),
        el("button", {type: "button", class: "drop", disabled: !may.rundown, title: "drop from the running order", "aria-label": `drop ${row.slug}`}, "✕"),
        ...notices.map((n) => el("span", {class: "badge", title: n.message}, "⚠ ", n.message))));
      return tr;
    });
    body.replaceChildren(...rows);
    document.getElementById("totals").replaceChildren(...view.totals.map(([label, value]) =>
      el("span", {class: label === "OVER/UNDER" ? `total ou ${value.split(" ")[0].toLowerCase()}` : "total", dataset: {label}}, el("b", {}, label), " ", value)));
    document.getElementById("notices").replaceChildren(...view.notices.filter((n) => n.story === null).map((n) =>
      el("li", {class: "badge"}, "⚠ ", n.message)));
    if (focus) {
      const again = body.querySelector(`tr[data-id="${focus.id}"] [data-field="${focus.field}"]`);
      if (again) { again.focus(); if (again.setSelectionRange && focus.start !== null) again.setSelectionRange(focus.start, focus.start); }
    }
  }

  async function load() {
    const answer = await api("GET", `/api/shows/${show}/sheet`);
    if (!answer.ok) { problem(answer.data.error); return; }
    may = answer.data.may;
    allow(may);
    render(answer.data);
  }

  const preview = debounce(async (target, id, field, value) => {
    const answer = await api("POST", `/api/shows/${show}/preview`, {target, id, field, value});
    if (answer.ok) render(answer.data);
  }, 200);

  async function saveStory(tr, field, value, version) {
    const id = Number(tr.dataset.id);
    const label = `${field.replace(/_ms$|_wpm$/, "")} of ${view.rows.find((r) => r.id === id)?.slug ?? "the story"}`;
    const answer = await api("POST", `/api/shows/${show}/stories/${id}`, {field, value, version});
    if (answer.ok) { drafts.delete(`${id}:${field}`); render(answer.data); return; }
    if (answer.status === 409) {
      conflict(answer.data.conflict, label, value,
        (newer) => { saveStoryAt(id, field, value, newer); },
        () => { drafts.delete(`${id}:${field}`); load(); });
      drafts.delete(`${id}:${field}`);
      load();
    } else {
      problem(answer.data.error);
    }
  }

  async function saveStoryAt(id, field, value, version) {
    const tr = body.querySelector(`tr[data-id="${id}"]`) || el("tr", {dataset: {id}});
    await saveStory(tr, field, value, version);
  }

  async function saveShow(field, value) {
    const answer = await api("POST", `/api/shows/${show}/show`, {field, value, version: view.show.version});
    if (answer.ok) { render(answer.data); return; }
    if (answer.status === 409) {
      conflict(answer.data.conflict, field.replace(/_ms$|_wpm$/, ""), value, async (newer) => {
        const again = await api("POST", `/api/shows/${show}/show`, {field, value, version: newer});
        if (again.ok) render(again.data); else problem(again.data.error);
      }, load);
      load();
    } else problem(answer.data.error);
  }

  async function reorder(order) {
    const answer = await api("POST", `/api/shows/${show}/order`, {order, version: view.show.version});
    if (answer.ok) { render(answer.data); return; }
    if (answer.status === 409) {
      conflict(answer.data.conflict, "the running order", "your move", null, null);
      load();
    } else problem(answer.data.error);
  }

  function order() { return view.rows.map((r) => r.id); }

  body.addEventListener("input", (event) => {
    const input = event.target;
    if (input.type === "checkbox" || !input.dataset.field) return;
    const tr = input.closest("tr");
    drafts.set(`${tr.dataset.id}:${input.dataset.field}`, input.value);
    preview("story", Number(tr.dataset.id), input.dataset.field, input.value);
  });
  body.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.dataset.field) return;
    const tr = input.closest("tr");
    const value = input.type === "checkbox" ? input.checked : input.value;
    saveStory(tr, input.dataset.field, value, Number(tr.dataset.version));
  });
  body.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const tr = button.closest("tr");
    const id = Number(tr.dataset.id);
    const ids = order();
    const at = ids.indexOf(id);
    if (button.classList.contains("up") || button.classList.contains("down")) {
      const to = at + (button.classList.contains("up") ? -1 : 1);
      [ids[at], ids[to]] = [ids[to], ids[at]];
      reorder(ids);
    } else if (button.classList.contains("drop")) {
      saveStory(tr, "dropped", true, Number(tr.dataset.version));
    }
  });
  let dragged = null;
  body.addEventListener("dragstart", (event) => {
    const tr = event.target.closest("tr");
    dragged = Number(tr.dataset.id);
    event.dataTransfer.setData("text/plain", String(dragged));
    event.dataTransfer.effectAllowed = "move";
  });
  body.addEventListener("dragover", (event) => { if (dragged !== null) event.preventDefault(); });
  body.addEventListener("drop", (event) => {
    event.preventDefault();
    const tr = event.target.closest("tr");
    if (!tr || dragged === null) return;
    const target = Number(tr.dataset.id);
    const ids = order().filter((i) => i !== dragged);
    const box = tr.getBoundingClientRect();
    const at = ids.indexOf(target) + (event.clientY > box.top + box.height / 2 ? 1 : 0);
    ids.splice(at, 0, dragged);
    dragged = null;
    reorder(ids);
  });
  for (const input of document.querySelectorAll("[data-show-field]")) {
    input.addEventListener("input", () => preview("show", Number(show), input.dataset.showField, input.value));
    input.addEventListener("change", () => saveShow(input.dataset.showField, input.value));
  }
  document.getElementById("add-break").addEventListener("click", async () => {
    const answer = await api("POST", `/api/shows/${show}/break`, {});
    if (answer.ok) render(answer.data); else problem(answer.data.error);
  });

  listen((message) => { if (message.kind === "sheet" && message.client !== client) load(); });
  load();
})();
