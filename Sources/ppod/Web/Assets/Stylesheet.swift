/// The interface's one stylesheet, served by ppod (no asset from anywhere else). Colours are chosen
/// for WCAG 2.2 AA contrast; print rules lay a page out on A4 with the protective marking in the
/// top and bottom margin of every sheet.
enum Stylesheet {
    static let css = """
        :root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #b1b4b6; --brand: #0b3d91; --link: #0b4fb3;
                --focus: #ffbf47; --breach: #8a1c1c; --soft: #f3f2f1; }
        * { box-sizing: border-box; }
        html { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 15px; color: var(--ink); background: #fff; }
        body { margin: 0; line-height: 1.45; }
        a { color: var(--link); }
        a:focus, button:focus, input:focus, select:focus, pre:focus { outline: 3px solid var(--focus); outline-offset: 0; }
        .skip-link { position: absolute; left: -9999px; top: 0; background: var(--focus); color: #000; padding: 0.5rem 1rem; }
        .skip-link:focus { left: 0; z-index: 10; }
        .marking { background: #000; color: #fff; text-align: center; font-weight: bold; letter-spacing: 0.08em; padding: 0.15rem; }
        .site-header { background: var(--brand); color: #fff; display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding: 0.5rem 1.5rem; }
        .brand { font-weight: bold; font-size: 1.25rem; }
        .brand-sub { font-weight: normal; font-size: 0.9rem; }
        .nav { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; }
        .nav a { color: #fff; text-decoration: none; padding: 0.25rem 0; border-bottom: 3px solid transparent; }
        .nav a:hover { border-bottom-color: #fff; }
        .nav a[aria-current="page"] { border-bottom-color: var(--focus); font-weight: bold; }
        .sign-out { margin-left: auto; display: flex; align-items: center; gap: 0.75rem; }
        .who { font-size: 0.9rem; }
        main { padding: 1rem 1.5rem 2rem; max-width: 1400px; }
        h1 { font-size: 1.6rem; margin: 0.5rem 0 0.75rem; }
        h2 { font-size: 1.3rem; margin: 1.5rem 0 0.5rem; }
        h3 { font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }
        h4 { font-size: 1rem; margin: 1rem 0 0.3rem; }
        .facts { color: var(--muted); }
        .digest { font-family: "DejaVu Sans Mono", monospace; font-size: 0.8rem; color: var(--muted); word-break: break-all; }
        .muted { color: var(--muted); font-weight: normal; }
        .note { background: var(--soft); padding: 0.5rem 0.75rem; border-left: 4px solid var(--line); }
        .problem { color: var(--breach); font-weight: bold; }
        section.problem { border: 2px solid var(--breach); padding: 0 1rem; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; }
        caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
        th, td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        thead th { border-bottom: 2px solid var(--ink); }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.breached td { color: var(--breach); font-weight: bold; }
        tr.total th, tr.total td { border-top: 2px solid var(--ink); font-weight: bold; font-size: 1.1rem; }
        .records { display: block; font-size: 0.85rem; }
        .filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: flex-end; background: var(--soft); padding: 0.75rem; margin: 0.5rem 0 1rem; }
        .field { display: flex; flex-direction: column; gap: 0.2rem; }
        label { font-weight: bold; }
        .notice { background: #e6f4ea; border-left: 4px solid #00703c; padding: 0.5rem 0.75rem; font-weight: bold; }
        .decision-form { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.75rem 1.25rem; background: var(--soft); padding: 0.75rem; }
        .decision-form .wide { grid-column: 1 / -1; }
        textarea { font: inherit; padding: 0.35rem 0.5rem; border: 2px solid var(--ink); width: 100%; }
        tr.superseded td { text-decoration: line-through; color: var(--muted); }
        input, select, button { font: inherit; padding: 0.35rem 0.5rem; border: 2px solid var(--ink); border-radius: 0; background: #fff; color: var(--ink); }
        button { background: #00703c; color: #fff; border-color: #00703c; cursor: pointer; font-weight: bold; }
        .sign-out button { background: #fff; color: var(--brand); border-color: #fff; }
        .sign-in { display: flex; flex-direction: column; gap: 0.5rem; max-width: 30rem; }
        .power { flex-basis: 100%; }
        .power summary { cursor: pointer; font-weight: bold; color: var(--link); }
        .power-fields { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; align-items: flex-end; margin-top: 0.5rem; }
        .field.checkbox { flex-direction: row; align-items: center; gap: 0.4rem; }
        .field.checkbox input { width: 1.25rem; height: 1.25rem; }
        .pager { display: flex; gap: 1.5rem; margin: 0.5rem 0; }
        .severity-high { color: var(--breach); }
        .tag { display: inline-block; background: var(--soft); border: 1px solid var(--line); padding: 0 0.4rem; margin: 0.1rem 0; }
        pre { background: var(--soft); padding: 0.75rem; overflow-x: auto; font-size: 0.85rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .marking-bottom { margin-top: 2rem; }
        @page {
          size: A4;
          margin: 16mm 12mm 16mm 12mm;
          @top-center { content: "OFFICIAL-SENSITIVE"; font-family: "DejaVu Sans", Arial, sans-serif; font-weight: bold; font-size: 10pt; }
          @bottom-center { content: "OFFICIAL-SENSITIVE — page " counter(page) " of " counter(pages); font-family: "DejaVu Sans", Arial, sans-serif; font-weight: bold; font-size: 9pt; }
        }
        @media print {
          html { font-size: 9pt; }
          .marking, .site-header, .skip-link, .no-print, .filters, .pager, .actions, .print-button { display: none; }
          main { padding: 0; max-width: none; }
          h1 { font-size: 14pt; margin: 0 0 4pt; }
          h2 { font-size: 11pt; margin: 8pt 0 3pt; }
          th, td { padding: 1.5pt 4pt; }
          table { margin: 2pt 0 6pt; page-break-inside: auto; }
          tr { page-break-inside: avoid; }
          a { color: var(--ink); text-decoration: none; }
          .records { font-size: 7.5pt; }
          section.duties, section.timeline { page-break-before: always; }
        }

        """
}

/// The interface's one script: the print button (no inline script anywhere, as the policy forbids it).
enum Script {
    static let js = """
        document.addEventListener("DOMContentLoaded", function () {
          document.querySelectorAll("[data-print]").forEach(function (button) {
            button.addEventListener("click", function () { window.print(); });
          });
        });

        """
}
