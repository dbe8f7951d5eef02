// The studio's little JavaScript: live build progress (Server-Sent Events), chapter seeking, voice preview.
"use strict";

function followBuild(box) {
  const id = box.dataset.job;
  const bar = document.getElementById("bar");
  const text = document.getElementById("status-text");
  const list = document.getElementById("events");
  const source = new EventSource(`/api/builds/${id}/events`);
  let seen = 0;
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    seen += 1;
    if (seen > list.children.length) {
      const item = document.createElement("li");
      item.textContent = event.text;
      list.appendChild(item);
    }
    text.textContent = event.text;
    bar.style.width = `${Math.round(100 * event.progress)}%`;
  };
  source.addEventListener("end", () => {
    source.close();
    window.location.reload();  // the page renders the result (player, chapters, fit) or the error
  });
}

function chapters() {
  const audio = document.getElementById("player");
  if (!audio) return;
  document.querySelectorAll("button.chapter").forEach((button) => {
    button.addEventListener("click", () => {
      audio.currentTime = parseFloat(button.dataset.start);
      audio.play();
    });
  });
  audio.addEventListener("timeupdate", () => {
    let current = null;
    document.querySelectorAll("button.chapter").forEach((b) => {
      if (parseFloat(b.dataset.start) <= audio.currentTime + 0.05) current = b;
      b.classList.remove("playing");
    });
    if (current) current.classList.add("playing");
  });
}

function preview() {
  const button = document.getElementById("preview");
  if (!button) return;
  button.addEventListener("click", async () => {
    const engine = document.getElementById("engine").value;
    const voiceBox = document.getElementById("voice");
    const chosen = voiceBox.selectedOptions[0];
    const voice = chosen && chosen.dataset.engine === engine ? voiceBox.value : "";
    const audio = document.getElementById("preview-audio");
    const note = document.getElementById("preview-note");
    const url = `/api/voices/preview?engine=${encodeURIComponent(engine)}&voice=${encodeURIComponent(voice)}`;
    button.disabled = true;
    note.textContent = "Đang tạo giọng mẫu…";
    try {
      // Fetched first, so that a voice that cannot speak here (no Internet, no model) says why.
      const response = await fetch(url);
      if (!response.ok) {
        let message = "";
        try { message = (await response.json()).error; } catch (e) { message = ""; }
        audio.hidden = true;
        note.textContent = message || "Không nghe thử được giọng này.";
        return;
      }
      if (audio.dataset.url) URL.revokeObjectURL(audio.dataset.url);
      audio.dataset.url = URL.createObjectURL(await response.blob());
      audio.src = audio.dataset.url;
      audio.hidden = false;
      note.textContent = "";
      audio.play();
    } catch (e) {
      note.textContent = "Không kết nối được với studio; hãy thử lại.";
    } finally {
      button.disabled = false;
    }
  });
}

function filePicker() {
  const input = document.getElementById("upload-file");
  if (!input) return;
  input.addEventListener("change", () => {
    document.getElementById("file-name").textContent = input.files.length ? input.files[0].name : "Chưa chọn tệp nào";
  });
}

window.addEventListener("pageshow", (event) => {
  // Back to a page the browser kept: its forms may be sent again.
  if (!event.persisted) return;
  document.querySelectorAll("form[data-sent]").forEach((form) => {
    delete form.dataset.sent;
    form.querySelectorAll("button").forEach((b) => { b.disabled = false; });
  });
});

function submitOnce() {
  // A double click on "Tạo bản tin" or "Ghi sổ" sends the form once, not twice.
  document.querySelectorAll("form[method=post]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      // After the browser has read the form (a button's own name and value go with it).
      setTimeout(() => form.querySelectorAll("button").forEach((b) => { b.disabled = true; }), 0);
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  submitOnce();
  filePicker();
  const bar = document.getElementById("bar");
  if (bar) bar.style.width = `${Math.round(100 * parseFloat(bar.dataset.progress))}%`;
  const box = document.getElementById("build");
  if (box && (box.dataset.status === "queued" || box.dataset.status === "running")) followBuild(box);
  chapters();
  preview();
});
