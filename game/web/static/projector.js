// The projector view: no secrets (no names, moves or deals), over /ws/projector.
"use strict";

live("/ws/projector", (data) => {
  if (data.type !== "projector") return;
  document.getElementById("flags").textContent = flagText(data.class);
  setTimer(data.class);
  const body = clear(document.querySelector("#tables tbody"));
  for (const t of data.tables) {
    const row = el("tr");
    row.appendChild(el("td", t.table));
    row.appendChild(el("td", t.joined + " of " + t.seats));
    row.appendChild(el("td", t.status));
    row.appendChild(el("td", t.phase ? t.phase + " · " + t.round : ""));
    const labels = ["Table", "Joined", "Status", "Phase · round"];
    Array.from(row.children).forEach((td, i) => { td.dataset.label = labels[i]; });
    body.appendChild(row);
  }
}, () => {});
