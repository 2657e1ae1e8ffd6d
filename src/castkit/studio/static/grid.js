// The producer's grid: the library's rundown sheet, editable. Typing previews the totals;
// leaving a cell saves it against the version it was read at; other pages follow by events.
"use strict";

(() => {
  const {api, el, listen, conflict, problem, debounce, allow, show, client} = studio;
  const body = document.querySelector("#grid tbody");
  let view = null;
  let may = {rundown: false};
  const drafts = new Map();  // "id:field" -> {value, version}: typed but not saved, and the version typing began at

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
    const value = drafts.has(draftKey) ? drafts.get(draftKey).value : row.edit[field];
    const placeholder = field === "rate_wpm" ? row.rate : "";
    return el("input", {value, placeholder, disabled: !may.rundown, size: Math.max(3, Math.min(18, String(value).length + 1)),
      dataset: {field}, "aria-label": `${field.replace(/_ms$|_wpm$/, "")} of ${row.slug}`});
  }

  function buildRow(row) {
    const tr = el("tr", {dataset: {id: row.id, version: row.version}, draggable: may.rundown});
    tr.append(el("td", {class: "handle", title: "drag to move"}, "⠿"));
    for (const [key, kind, field] of CELLS) {
      tr.append(el("td", {class: `c-${key}`}, kind ? editor(row, key, kind, field) : cellText(row, key)));
    }
    tr.append(el("td", {class: "row-actions"},
      el("button", {type: "button", class: "up", title: "move up", "aria-label": `move ${row.slug} up`}, "↑"),
      el("button", {type: "button", class: "down", title: "move down", "aria-label": `move ${row.slug} down`}, "↓"),
      el("button", {type: "button", class: "drop", title: "drop from the running order", "aria-label": `drop ${row.slug}`}, "✕"),
      el("span", {class: "row-notices"})));
    return tr;
  }

  // Rows are updated in place while the running order stays the same, so a cell being typed
  // in keeps its focus and its text when someone else's change arrives.
  function update(tr, row, index) {
    tr.dataset.version = row.version;
    tr.className = row.floated ? "floated" : "";
    tr.draggable = may.rundown;
    CELLS.forEach(([key, kind, field], k) => {
      const cell = tr.children[k + 1];
      if (!kind) { cell.textContent = cellText(row, key); return; }
      const input = cell.firstChild;
      field = field || key;
      input.disabled = !may.rundown;
      if (kind === "checkbox") input.checked = row.floated;
      else if (kind === "select") input.value = row.format;
      else if (!drafts.has(`${row.id}:${field}`) && input !== document.activeElement) input.value = row.edit[field];
      if (kind === "input") input.placeholder = field === "rate_wpm" ? row.rate : "";
    });
    const [up, down, drop, notes] = tr.lastChild.children;
    up.disabled = !may.rundown || index === 0;
    down.disabled = !may.rundown || index === view.rows.length - 1;
    drop.disabled = !may.rundown;
    notes.replaceChildren(...view.notices.filter((n) => n.story === row.id).map((n) => el("span", {class: "badge", title: n.where}, "⚠ ", n.message)));
  }

  function render(fresh) {
    view = fresh;
    for (const input of document.querySelectorAll("[data-show-field]")) {
      if (input !== document.activeElement && !drafts.has(`show:${input.dataset.showField}`)) input.value = view.show.edit[input.dataset.showField];
      input.disabled = !may.rundown;
    }
    const ids = view.rows.map((r) => String(r.id)).join();
    if ([...body.children].map((tr) => tr.dataset.id).join() !== ids) body.replaceChildren(...view.rows.map(buildRow));
    view.rows.forEach((r, index) => update(body.children[index], r, index));
    document.getElementById("totals").replaceChildren(...view.totals.map(([label, value]) =>
      el("span", {class: label === "OVER/UNDER" ? `total ou ${value.split(" ")[0].toLowerCase()}` : "total", dataset: {label}}, el("b", {}, label), " ", value)));
    document.getElementById("notices").replaceChildren(...view.notices.filter((n) => n.story === null).map((n) =>
      el("li", {class: "badge"}, "⚠ ", n.where, ": ", n.message)));
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

  async function saveStory(id, field, value, version) {
    const label = `${field.replace(/_ms$|_wpm$/, "")} of ${view.rows.find((r) => r.id === id)?.slug ?? "the story"}`;
    const answer = await api("POST", `/api/shows/${show}/stories/${id}`, {field, value, version});
    if (answer.ok) { render(answer.data); return; }
    if (answer.status === 409) {
      conflict(answer.data.conflict, label, value, (newer) => saveStory(id, field, value, newer), load);
      load();
    } else {
      problem(answer.data.error);
      load();
    }
  }

  async function saveShow(field, value, version) {
    const answer = await api("POST", `/api/shows/${show}/show`, {field, value, version});
    if (answer.ok) { render(answer.data); return; }
    if (answer.status === 409) {
      conflict(answer.data.conflict, field.replace(/_ms$|_wpm$/, ""), value, (newer) => saveShow(field, value, newer), load);
      load();
    } else {
      problem(answer.data.error);
      load();
    }
  }

  // A typed value is saved once, on Enter or on leaving the cell, against the version the
  // row had when typing began: a change someone made meanwhile makes it a conflict, never an overwrite.
  function commit(input) {
    const tr = input.closest("tr");
    const key = tr ? `${tr.dataset.id}:${input.dataset.field}` : `show:${input.dataset.showField}`;
    const draft = drafts.get(key);
    if (!draft) return;
    drafts.delete(key);
    if (tr) saveStory(Number(tr.dataset.id), input.dataset.field, draft.value, draft.version);
    else saveShow(input.dataset.showField, draft.value, draft.version);
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

  function typed(input, key, version) {
    const draft = drafts.get(key);
    drafts.set(key, {value: input.value, version: draft ? draft.version : version});
  }

  body.addEventListener("input", (event) => {
    const input = event.target;
    if (input.tagName !== "INPUT" || input.type === "checkbox" || !input.dataset.field) return;
    const tr = input.closest("tr");
    typed(input, `${tr.dataset.id}:${input.dataset.field}`, Number(tr.dataset.version));
    preview("story", Number(tr.dataset.id), input.dataset.field, input.value);
  });
  body.addEventListener("keydown", (event) => { if (event.key === "Enter" && event.target.dataset.field) commit(event.target); });
  body.addEventListener("focusout", (event) => { if (event.target.dataset.field) commit(event.target); });
  body.addEventListener("change", (event) => {
    const input = event.target;
    if (input.type !== "checkbox" && input.tagName !== "SELECT") return;
    const tr = input.closest("tr");
    saveStory(Number(tr.dataset.id), input.dataset.field, input.type === "checkbox" ? input.checked : input.value, Number(tr.dataset.version));
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
      saveStory(id, "dropped", true, Number(tr.dataset.version));
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
    input.addEventListener("input", () => {
      typed(input, `show:${input.dataset.showField}`, view.show.version);
      preview("show", Number(show), input.dataset.showField, input.value);
    });
    input.addEventListener("keydown", (event) => { if (event.key === "Enter") commit(input); });
    input.addEventListener("blur", () => commit(input));
  }
  document.getElementById("add-break").addEventListener("click", async () => {
    const answer = await api("POST", `/api/shows/${show}/break`, {});
    if (answer.ok) render(answer.data); else problem(answer.data.error);
  });

  listen((message) => { if (message.kind === "sheet" && message.client !== client) load(); });
  load();
})();
