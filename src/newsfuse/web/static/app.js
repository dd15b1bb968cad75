// newsfuse web: a little vanilla JS, all optional (every page works without it).
// Citation markers open on click/tap (hover and focus work by CSS alone); downloads of an
// ad-hoc analysis are built from the JSON embedded in the page; "+ Another article" adds a
// paste box; Print prints.
(function () {
  "use strict";

  function closeAll(except) {
    document.querySelectorAll(".cite.open").forEach(function (el) {
      if (el !== except) {
        el.classList.remove("open");
        el.querySelector(".cite-mark").setAttribute("aria-expanded", "false");
      }
    });
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest(".cite-mark") : null;
    if (!mark) {
      if (!event.target.closest || !event.target.closest(".cite-pop")) closeAll(null);
      return;
    }
    var cite = mark.parentElement;
    var open = !cite.classList.contains("open");
    closeAll(cite);
    cite.classList.toggle("open", open);
    mark.setAttribute("aria-expanded", open ? "true" : "false");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    closeAll(null);
    var active = document.activeElement;
    if (active && active.classList.contains("cite-mark")) active.blur();
  });

  function setupPrint() {
    document.querySelectorAll(".js-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function setupDownloads() {
    var data = document.getElementById("report-data");
    if (!data) return;
    var parsed = JSON.parse(data.textContent);
    document.querySelectorAll(".js-download").forEach(function (link) {
      var json = link.dataset.format === "json";
      var body = json ? JSON.stringify(parsed.report, null, 2) : parsed.markdown;
      var type = json ? "application/json" : "text/markdown";
      link.href = URL.createObjectURL(new Blob([body], { type: type }));
      link.download = "newsfuse-report." + (json ? "json" : "md");
      link.hidden = false;
    });
  }

  function setupAddBox() {
    var button = document.querySelector(".js-add-box");
    var boxes = document.querySelector(".boxes");
    if (!button || !boxes) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var all = boxes.querySelectorAll("fieldset.box");
      var copy = all[all.length - 1].cloneNode(true);
      copy.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
      copy.querySelector("legend").textContent = "Article " + (all.length + 1);
      boxes.appendChild(copy);
      copy.querySelector("textarea").focus();
    });
  }

  setupPrint();
  setupDownloads();
  setupAddBox();
})();
