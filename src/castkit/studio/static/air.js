// The on-air clock: figures from the server every second; "Next" logs the next story's start.
"use strict";

(() => {
  const {api, el, listen, problem, allow, show} = studio;
  const put = (id, text) => { document.getElementById(id).textContent = text ?? "—"; };

  function render(state) {
    allow(state.may);
    put("now", state.now);
    put("current", state.current ? `${state.current.page} ${state.current.slug}` : "off air");
    put("into", state.current ? state.current.into : "—");
    put("est", state.current ? state.current.est : "—");
    put("story-over", state.current ? state.current.over : "");
    put("over-under", state.over_under);
    put("ends", state.projected_end);
    put("next", state.next ? `${state.next.page} ${state.next.slug}` : "end of show");
    put("hit", state.hit ? `HIT ${state.hit.page} ${state.hit.slug} at ${state.hit.hit}: arriving ${state.hit.arrive}, ${state.hit.over_under}` : "");
    document.getElementById("make-it").replaceChildren(...(state.to_make_it || []).map((s) => el("li", {}, s)));
    document.querySelector("#as-run tbody").replaceChildren(...state.as_run.map((r) =>
      el("tr", {}, el("td", {}, r.story), el("td", {}, r.planned), el("td", {}, r.actual), el("td", {}, r.diff))));
  }

  async function tick() {
    const answer = await api("GET", `/api/shows/${show}/air`);
    if (answer.ok) render(answer.data);
  }

  document.getElementById("go-next").addEventListener("click", async () => {
    const answer = await api("POST", `/api/shows/${show}/air/next`, {});
    if (answer.ok) render(answer.data); else problem(answer.data.error);
  });
  listen((message) => { if (message.kind === "air" || message.kind === "sheet") tick(); });
  tick();
  setInterval(tick, 1000);
})();
