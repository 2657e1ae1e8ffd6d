// The subtitle editor: the cue list (times and text editable, lint live on each cue), the
// waveform of the show's recording (peaks from the server), and the player (video, or audio
// over a black frame) with the cue over it.
"use strict";

(() => {
  const {api, el, listen, conflict, problem, debounce, allow, show, client} = studio;
  const body = document.querySelector("#cues tbody");
  const audio = document.getElementById("media");
  const canvas = document.getElementById("wave");
  const overlay = document.getElementById("overlay");
  let cues = [];
  let may = {cues: false};
  let wave = null;
  const drafts = new Map();  // cue id -> {start, end, text, version}: typed but not saved, and the version typing began at

  function problems(list) {
    return el("ul", {class: "lint"}, ...(list || []).map((p) => el("li", {dataset: {rule: p.rule}}, p.message)));
  }

  function render(data) {
    const active = document.activeElement;
    const focus = active && active.closest && active.closest("#cues tr") ? [active.closest("tr").dataset.id, active.className] : null;
    cues = data.cues;
    const lint = data.lint;
    document.getElementById("verdict").textContent = lint.verdict;
    document.getElementById("verdict").className = lint.clean ? "verdict clean" : "verdict";
    body.replaceChildren(...cues.map((cue, index) => {
      const draft = drafts.get(cue.id) || cue;
      return el("tr", {dataset: {id: cue.id, version: cue.version}},
        el("td", {}, el("button", {type: "button", class: "seek", title: "play from here"}, String(index + 1))),
        el("td", {}, el("input", {class: "start", value: draft.start, size: 12, disabled: !may.cues, "aria-label": `start of cue ${index + 1}`})),
        el("td", {}, el("input", {class: "end", value: draft.end, size: 12, disabled: !may.cues, "aria-label": `end of cue ${index + 1}`})),
        el("td", {}, el("textarea", {class: "text", rows: 2, cols: 40, value: draft.text, disabled: !may.cues, "aria-label": `text of cue ${index + 1}`})),
        el("td", {class: "problems"}, problems(lint.problems[cue.id])),
        el("td", {}, el("button", {type: "button", class: "save", disabled: !may.cues}, "Save")));
    }));
    if (focus) body.querySelector(`tr[data-id="${focus[0]}"] .${focus[1]}`)?.focus();
    drawWave();
  }

  function typed(tr) {
    return {start: tr.querySelector(".start").value, end: tr.querySelector(".end").value, text: tr.querySelector(".text").value};
  }

  async function load() {
    const answer = await api("GET", `/api/shows/${show}/cues`);
    if (!answer.ok) { problem(answer.data.error); return; }
    may = answer.data.may;
    allow({cues: may.cues && Boolean(answer.data.media)});
    if (answer.data.media && !audio.src) {
      audio.src = `/shows/${show}/media`;
      const peaks = await api("GET", `/api/shows/${show}/peaks`);
      if (peaks.ok) wave = peaks.data;
    }
    render(answer.data);
  }

  const lintDraft = debounce(async (tr) => {
    const id = Number(tr.dataset.id);
    const answer = await api("POST", `/api/shows/${show}/lint`, {id, ...typed(tr)});
    const cell = tr.querySelector(".problems");
    if (!answer.ok) { cell.replaceChildren(problems([{rule: "input", message: answer.data.error}])); return; }
    cell.replaceChildren(problems(answer.data.problems[id]));
    document.getElementById("verdict").textContent = answer.data.verdict;
  }, 150);

  async function save(tr) {
    const id = Number(tr.dataset.id);
    const version = drafts.has(id) ? drafts.get(id).version : Number(tr.dataset.version);
    const mine = typed(tr);
    const answer = await api("POST", `/api/shows/${show}/cues/${id}`, {...mine, version});
    if (answer.ok) { drafts.delete(id); render(answer.data); return; }
    if (answer.status === 409) {
      const number = cues.findIndex((c) => c.id === id) + 1;
      conflict(answer.data.conflict, `cue ${number}`, {lines: mine.text.split("\n")}, async (newer) => {
        const again = await api("POST", `/api/shows/${show}/cues/${id}`, {...mine, version: newer});
        if (again.ok) { drafts.delete(id); render(again.data); } else problem(again.data.error);
      }, () => { drafts.delete(id); load(); });
      drafts.delete(id);
      load();
    } else problem(answer.data.error);
  }

  body.addEventListener("input", (event) => {
    const tr = event.target.closest("tr");
    const id = Number(tr.dataset.id);
    drafts.set(id, {...typed(tr), version: drafts.has(id) ? drafts.get(id).version : Number(tr.dataset.version)});
    lintDraft(tr);
  });
  body.addEventListener("click", (event) => {
    const tr = event.target.closest("tr");
    if (event.target.classList.contains("save")) save(tr);
    if (event.target.classList.contains("seek")) {
      const cue = cues.find((c) => c.id === Number(tr.dataset.id));
      if (cue && audio.src) { audio.currentTime = cue.start_ms / 1000; audio.play(); }
    }
  });

  function drawWave() {
    const width = canvas.clientWidth * devicePixelRatio;
    const height = canvas.height;
    canvas.width = width;
    const g = canvas.getContext("2d");
    g.clearRect(0, 0, width, height);
    if (!wave) { g.fillStyle = "#889"; g.fillText("no audio for this show", 8, height / 2); return; }
    const total = wave.duration_ms;
    for (const cue of cues) {
      g.fillStyle = "rgba(80, 160, 255, 0.18)";
      g.fillRect(cue.start_ms / total * width, 0, (cue.end_ms - cue.start_ms) / total * width, height);
    }
    g.fillStyle = "#7fd18b";
    const per = wave.peaks.length / width;
    for (let x = 0; x < width; x++) {
      let peak = 0;
      for (let i = Math.floor(x * per); i < Math.floor((x + 1) * per); i++) peak = Math.max(peak, wave.peaks[i] || 0);
      const h = Math.max(1, peak * height);
      g.fillRect(x, (height - h) / 2, 1, h);
    }
    g.fillStyle = "#ffffff";
    for (const cut of wave.shots || []) g.fillRect(cut / total * width, 0, 1, height);  // shot changes
    if (audio.duration) {
      g.fillStyle = "#ff5050";
      g.fillRect(audio.currentTime * 1000 / total * width, 0, 2, height);
    }
  }

  canvas.addEventListener("click", (event) => {
    if (!wave || !audio.src) return;
    const box = canvas.getBoundingClientRect();
    audio.currentTime = (event.clientX - box.left) / box.width * wave.duration_ms / 1000;
  });

  function showCue() {
    const now = audio.currentTime * 1000;
    const cue = cues.find((c) => c.start_ms <= now && now < c.end_ms);
    overlay.textContent = cue ? cue.text : "";
    overlay.style.color = cue ? cue.colour : "";
    for (const tr of body.children) tr.classList.toggle("playing", cue !== undefined && Number(tr.dataset.id) === cue.id);
    drawWave();
  }
  audio.addEventListener("timeupdate", showCue);
  audio.addEventListener("seeked", showCue);
  window.addEventListener("resize", drawWave);

  document.getElementById("retime").addEventListener("click", async (event) => {
    const state = document.getElementById("retime-state");
    event.target.disabled = true;
    state.textContent = "aligning the script to the recording…";
    const answer = await api("POST", `/api/shows/${show}/retime`, {});
    event.target.disabled = false;
    if (!answer.ok) { state.textContent = ""; problem(answer.data.error); return; }
    state.textContent = `${answer.data.cues.length} cues timed from the recording`;
    document.getElementById("retime-notices").replaceChildren(...answer.data.notices.map((n) => el("li", {class: "badge"}, "⚠ ", n.where, ": ", n.message)));
    drafts.clear();
    render(answer.data);
  });

  listen((message) => { if ((message.kind === "cues" || message.kind === "media") && message.client !== client) load(); });
  load();
})();
