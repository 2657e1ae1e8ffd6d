// The prompter: rolls each story's copy at its presenter's read rate (words per minute).
"use strict";

(() => {
  const box = document.getElementById("prompter");
  const roll = document.getElementById("roll");
  const speed = document.getElementById("speed");
  let rolling = false;
  let last = null;
  let carried = 0;

  function current() {
    const top = box.scrollTop + box.clientHeight / 3;
    let found = null;
    for (const block of box.querySelectorAll(".copy")) if (block.offsetTop - box.offsetTop <= top) found = block;
    return found || box.querySelector(".copy");
  }

  function step(now) {
    if (!rolling) return;
    const block = current();
    if (block && last !== null) {
      const words = block.textContent.trim().split(/\s+/).length;
      const seconds = words / Number(block.dataset.wpm) * 60;
      carried += block.offsetHeight / seconds * (now - last) / 1000 * Number(speed.value) / 100;
      const whole = Math.floor(carried);
      box.scrollTop += whole;
      carried -= whole;
    }
    last = now;
    requestAnimationFrame(step);
  }

  roll.addEventListener("click", () => {
    rolling = !rolling;
    roll.textContent = rolling ? "Hold" : "Roll";
    last = null;
    if (rolling) requestAnimationFrame(step);
  });
  speed.addEventListener("input", () => { document.getElementById("speed-value").textContent = `${speed.value} %`; });
})();
