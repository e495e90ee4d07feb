// amsh dashboard: small enhancements; every action also works without this script.
(function () {
  "use strict";

  // Confirmation and refusal pages open in a dialog over the current page.
  function dialog() {
    var d = document.getElementById("amsh-dialog");
    if (!d) {
      d = document.createElement("dialog");
      d.id = "amsh-dialog";
      d.setAttribute("aria-modal", "true");
      d.addEventListener("click", function (e) { if (e.target === d) { d.close(); } });
      document.body.appendChild(d);
    }
    return d;
  }

  function openInDialog(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      return response.text().then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var content = page.querySelector("[data-dialog-content]");
        if (!content) { window.location.href = url; return; }
        var d = dialog();
        d.replaceChildren(document.importNode(content, true));
        d.querySelectorAll("a.button").forEach(function (a) {
          if (a.textContent.trim() === "Back") {
            a.addEventListener("click", function (e) { e.preventDefault(); d.close(); });
          }
        });
        d.showModal();
        var focus = d.querySelector("[autofocus]") || d.querySelector("button, a");
        if (focus) { focus.focus(); }
      });
    }).catch(function () { window.location.href = url; });
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest("a[data-dialog]");
    if (link && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      openInDialog(link.href);
    }
  });

  document.addEventListener("submit", function (e) {
    var form = e.target.closest("form[data-dialog-form]");
    if (form && form.method.toLowerCase() === "get") {
      e.preventDefault();
      var query = new URLSearchParams(new FormData(form)).toString();
      openInDialog(form.action + (query ? "?" + query : ""));
    }
  });

  // Live filtering of the images table as the name is typed.
  document.querySelectorAll("input[data-live-filter]").forEach(function (input) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var form = input.form;
        var url = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
        fetch(url, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(input.dataset.liveFilter);
          var current = document.querySelector(input.dataset.liveFilter);
          if (fresh && current) {
            current.replaceWith(document.importNode(fresh, true));
            history.replaceState(null, "", url);
          }
        });
      }, 250);
    });
  });

  // Choosing an outcome filters at once.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
