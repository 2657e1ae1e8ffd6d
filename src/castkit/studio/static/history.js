// History: undo any edit nobody has changed since.
"use strict";

(() => {
  const {api, conflict, problem, show} = studio;
  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button.undo");
    if (!button) return;
    const answer = await api("POST", `/api/shows/${show}/undo/${button.dataset.edit}`, {});
    if (answer.ok) { location.reload(); return; }
    if (answer.status === 409) conflict(answer.data.conflict, `edit #${button.dataset.edit}`, "the value before it", null, null);
    else problem(answer.data.error);
  });
})();
