/// The script `serve` adds to every HTML page: it listens for server-sent
/// events, reloads after a rebuild, and shows a build error over the page
/// (as text, never as markup) until the next successful build.
enum LiveReloadScript {
    static let eventsPath = "/_archdoc/events"
    /// The script is a file of its own, not inline, so that the pages pass a
    /// Content-Security-Policy of `script-src 'self'`.
    static let scriptPath = "/_archdoc/live-reload.js"

    static let html = #"<script id="archdoc-live-reload" src="\#(scriptPath)"></script>"#

    static let script = """
        (function () {
          var overlay = null;
          function hide() { if (overlay) { overlay.remove(); overlay = null; } }
          function show(message) {
            hide();
            overlay = document.createElement("div");
            overlay.id = "archdoc-build-error";
            overlay.setAttribute("role", "alert");
            overlay.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:60vh;overflow:auto;z-index:9999;" +
              "background:#3b0d0d;color:#ffe9e9;font:13px/1.45 ui-monospace,monospace;padding:16px 20px;" +
              "box-shadow:0 4px 16px rgba(0,0,0,.4);white-space:pre-wrap";
            var title = document.createElement("strong");
            title.textContent = "archdoc: the architecture did not build; showing the last good site\\n\\n";
            var body = document.createElement("div");
            body.textContent = message;
            overlay.appendChild(title);
            overlay.appendChild(body);
            document.body.appendChild(overlay);
          }
          var events = null;
          function connect() {
            events = new EventSource("\(eventsPath)");
            events.addEventListener("reload", function () { location.reload(); });
            events.addEventListener("build-error", function (event) { show(event.data); });
          }
          // A page kept in the back-forward cache would keep its stream open,
          // and a browser allows six connections to a host: the seventh page
          // would wait for a minute. Close on leaving, reconnect on coming back.
          window.addEventListener("pagehide", function () { if (events) { events.close(); events = null; } });
          window.addEventListener("pageshow", function (event) { if (event.persisted || !events) { connect(); } });
          connect();
        })();

        """

    /// The page with the script added before `</body>` (or at the end).
    static func inject(into page: String) -> String {
        guard let body = page.range(of: "</body>", options: .backwards) else { return page + html }
        var result = page
        result.insert(contentsOf: html + "\n", at: body.lowerBound)
        return result
    }
}
