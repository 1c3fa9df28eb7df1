// alms-tui serve: what textual-serve's template did in inline scripts.
// The websocket address comes from the page's own address, so the page works
// behind a reverse proxy (wss: under https:) without the server knowing its name.
(function () {
  "use strict";
  var scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  document.querySelectorAll(".textual-terminal").forEach(function (terminal) {
    terminal.dataset.sessionWebsocketUrl = scheme + "//" + window.location.host + "/ws";
  });
  // "Start" and "Restart" open the page again (the token is in the cookie).
  document.querySelectorAll("button.restart").forEach(function (button) {
    button.addEventListener("click", function () {
      var params = new URLSearchParams(window.location.search);
      params.delete("delay");
      var query = params.toString();
      window.location.href = window.location.pathname + (query ? "?" + query : "");
    });
  });
})();
