import Markup
import Foundation
import Reports

/// What `folio preview` adds to a page it serves: a small bar (the last render's time and what it
/// recomputed, or the running cell and its progress) and a script that listens to the server's
/// events and reloads the page, keeping its scroll position. Only served pages carry them; the
/// reports on disk stay exactly as `folio render` writes them, without any script.
enum PreviewPage {
    /// Path of the server-sent event stream the script listens to. Reports never link under `/_folio/`.
    static let eventsPath = "/_folio/events"

    /// `html` (a report or the index) with the bar and script inserted before `</body>`.
    static func decorate(_ html: String, version: Int, bar: String) -> String {
        let addition = self.bar(bar) + script(version: version)
        guard let end = html.range(of: "</body>", options: .backwards) else { return html + addition }
        return html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: addition)
    }

    /// The page shown instead of a report while the notebooks do not check: the diagnostics as
    /// `folio check` prints them (file:line:column, the source line and a caret), and a link to the
    /// last good report when there is one.
    static func diagnostics(_ text: String, lastGood: String?, version: Int) -> String {
        let link = lastGood.map { "<p><a id=\"folio-last-good\" href=\"\(Markup.escape($0))\">Show the last good report</a></p>" }
            ?? "<p>There is no earlier report to show: no render has succeeded yet.</p>"
        let body = """
        <h1>The notebook does not check</h1>
        <p>Nothing was run. Fix the problems below and save; the page follows.</p>
        <pre id="folio-diagnostics">\(Markup.escape(text))</pre>
        \(link)
        """
        return decorate(standalone(title: "Notebook does not check", body: body), version: version,
                        bar: "Not rendered: the notebook does not check")
    }

    /// Shown for a page whose first render has not finished; it reloads when the render ends.
    static func waiting(version: Int) -> String {
        decorate(standalone(title: "Rendering", body: "<p>The first render is running; this page follows when it ends.</p>"),
                 version: version, bar: "Rendering…")
    }

    /// A page of the preview's own (not a report), in the reports' typeface and colour scheme.
    private static func standalone(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(Markup.escape(title)) — Folio preview</title>
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
        pre { font: 14px/1.4 ui-monospace, monospace; padding: 1rem; overflow-x: auto; border-left: 4px solid #c62828; background: color-mix(in srgb, #c62828 8%, transparent); }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>
        """
    }

    private static func bar(_ text: String) -> String {
        """
        <div id="folio-preview" style="position:fixed;right:0.75rem;bottom:0.75rem;z-index:10;max-width:32rem;\
        padding:0.35rem 0.7rem;border-radius:0.4rem;font:13px/1.4 system-ui,sans-serif;\
        background:#222c;color:#fff;pointer-events:none">Preview · <span id="folio-preview-status">\(Markup.escape(text))</span></div>
        """
    }

    /// The reload script. It restores the scroll position saved before the reload, shows status
    /// events in the bar, and reloads when the server's version differs from the page's (on
    /// connecting too, so a render missed while disconnected is not lost). A `?last-good` view
    /// reloads to the plain address, which then shows whatever the new render produced.
    private static func script(version: Int) -> String {
        """
        <script>
        (function () {
          var version = \(version), key = "folio-preview-scroll:" + location.pathname;
          var saved = sessionStorage.getItem(key);
          if (saved !== null) { sessionStorage.removeItem(key); window.scrollTo(0, Number(saved)); }
          var status = document.getElementById("folio-preview-status");
          var events = new EventSource("\(eventsPath)");
          function follow(e) {
            if (Number(e.data) === version) return;
            events.close();
            sessionStorage.setItem(key, String(window.scrollY));
            location.replace(location.pathname);
          }
          events.addEventListener("version", follow);
          events.addEventListener("reload", follow);
          events.addEventListener("status", function (e) { status.textContent = e.data; });
        })();
        </script>
        """
    }
}
