import Vapor

/// The stylesheet, script and icon, compiled into the binary so Frontline serves them from any folder
/// and needs no CDN.
enum Assets {
    static func register(_ app: Application) {
        app.get("static", "app.css") { _ in serve(css, "text/css; charset=utf-8") }
        app.get("static", "app.js") { _ in serve(js, "text/javascript; charset=utf-8") }
        app.get("favicon.svg") { _ in serve(icon, "image/svg+xml") }
        app.get("favicon.ico") { _ in serve(icon, "image/svg+xml") }
    }

    static func serve(_ body: String, _ type: String) -> Response {
        let res = Response(status: .ok, body: .init(string: body))
        res.headers.replaceOrAdd(name: .contentType, value: type)
        res.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return res
    }

    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f5fbf"/><path d="M9 8h14v4H13v3h8v4h-8v6H9z" fill="#fff"/></svg>
        """

    static let js = """
        // Frontline: small enhancements only; every page works without this file.
        document.addEventListener('click', function (e) {
          var row = e.target.closest('tr[data-href]');
          if (row && !e.target.closest('a, button, input, select, label')) { window.location = row.dataset.href; }
        });
        document.addEventListener('submit', function (e) {
          var msg = (e.submitter && e.submitter.dataset.confirm) || e.target.dataset.confirm;
          if (msg && !window.confirm(msg)) { e.preventDefault(); }
        });
        document.addEventListener('change', function (e) {
          if (e.target.matches('form.filters select')) { e.target.form.submit(); }
          // A "select the page" box ticks or clears every box of its name.
          var all = e.target.dataset && e.target.dataset.checkAll;
          if (all) {
            document.querySelectorAll('input[type=checkbox][name="' + all + '"]').forEach(function (b) { b.checked = e.target.checked; });
          }
        });
        // A record picker: what is typed asks the one search, and the browser's list beside the box shows its answer.
        var pickTimer = null;
        document.addEventListener('input', function (e) {
          var box = e.target;
          if (!box.matches || !box.matches('input[data-pick]')) { return; }
          clearTimeout(pickTimer);
          var text = box.value.trim();
          if (text.length < 2 || /#[0-9]+$/.test(text)) { return; }
          pickTimer = setTimeout(function () {
            fetch('/search/pick?kind=' + encodeURIComponent(box.dataset.pick) + '&q=' + encodeURIComponent(text), { credentials: 'same-origin' })
              .then(function (r) { return r.ok ? r.json() : []; })
              .then(function (values) {
                var list = document.getElementById(box.getAttribute('list'));
                if (!list) { return; }
                list.replaceChildren.apply(list, values.map(function (v) { var o = document.createElement('option'); o.value = v; return o; }));
              }).catch(function () {});
          }, 200);
        });
        // The pipeline board: a card dropped on another column submits its own move form with that column's step;
        // a lost deal asks for the reason first. Without script the form on each card does the same.
        document.addEventListener('dragstart', function (e) {
          var card = e.target.closest && e.target.closest('.kanban-card[draggable]');
          if (!card) { return; }
          e.dataTransfer.setData('text/plain', card.id);
          e.dataTransfer.effectAllowed = 'move';
          card.classList.add('dragging');
        });
        document.addEventListener('dragend', function (e) {
          var card = e.target.closest && e.target.closest('.kanban-card');
          if (card) { card.classList.remove('dragging'); }
          document.querySelectorAll('.kanban-col.over').forEach(function (c) { c.classList.remove('over'); });
        });
        document.addEventListener('dragover', function (e) {
          var col = e.target.closest && e.target.closest('.kanban-col[data-action]');
          if (col) { e.preventDefault(); col.classList.add('over'); }
        });
        document.addEventListener('dragleave', function (e) {
          var col = e.target.closest && e.target.closest('.kanban-col');
          if (col && !col.contains(e.relatedTarget)) { col.classList.remove('over'); }
        });
        document.addEventListener('drop', function (e) {
          var col = e.target.closest && e.target.closest('.kanban-col[data-action]');
          if (!col) { return; }
          e.preventDefault();
          col.classList.remove('over');
          var card = document.getElementById(e.dataTransfer.getData('text/plain'));
          if (!card || card.closest('.kanban-col') === col) { return; }
          var form = card.querySelector('form.move-form');
          var action = col.dataset.action;
          if (!form) { return; }
          var send = function (extra) {
            Object.keys(extra).forEach(function (name) {
              var h = document.createElement('input');
              h.type = 'hidden'; h.name = name; h.value = extra[name];
              form.appendChild(h);
            });
            var choice = form.querySelector('select[name=action]');
            var opt = document.createElement('option');
            opt.value = action; opt.selected = true;
            choice.appendChild(opt);
            choice.value = action;
            col.querySelector('.kanban-cards').appendChild(card);
            form.submit();
          };
          // A loss asks, in the page's own dialog, why and to whom; cancelling it moves nothing.
          var dialog = col.dataset.dialog && document.getElementById(col.dataset.dialog);
          if (!dialog) { send({}); return; }
          var ask = dialog.querySelector('form');
          ask.reset();
          dialog.returnValue = '';
          dialog.onclose = function () {
            if (dialog.returnValue !== 'lose') { return; }
            send({ reason: ask.elements.reason.value, winner: ask.elements.winner.value });
          };
          dialog.showModal();
        });
        """

    static let css = """
        :root { --accent: #1f5fbf; --accent-weak: #e8f0fc; --text: #1f2329; --muted: #646a73; --line: #e4e6eb;
          --bg: #f5f6f7; --ok: #1f8f4e; --warn: #b26a00; --bad: #c4312b; --radius: 6px; }
        * { box-sizing: border-box; }
        html { font-size: 14px; }
        body { margin: 0; color: var(--text); background: var(--bg); line-height: 1.6;
          font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        .topbar { position: sticky; top: 0; z-index: 10; display: flex; align-items: center; gap: 12px; height: 52px; padding: 0 16px;
          background: #fff; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 600; font-size: 16px; color: var(--text); white-space: nowrap; }
        .brand svg { width: 22px; height: 22px; vertical-align: -5px; margin-right: 6px; }
        .search { flex: 1; max-width: 420px; }
        .search input { width: 100%; }
        .topbar .spacer { flex: 1; }
        .topbar .lang button, .topbar .linkbtn { white-space: nowrap; }
        .who { color: var(--muted); white-space: nowrap; }
        .inline { display: inline; margin: 0; }
        .linkbtn { background: none; border: 0; color: var(--accent); cursor: pointer; padding: 0 4px; font: inherit; }
        .nav-toggle { display: none; }
        .nav-button { display: none; cursor: pointer; font-size: 20px; padding: 0 4px; }
        .shell { display: flex; min-height: calc(100vh - 52px); }
        .sidenav { width: 200px; flex-shrink: 0; background: #fff; border-right: 1px solid var(--line); padding: 12px 0; }
        .sidenav h3 { margin: 12px 16px 4px; font-size: 12px; color: var(--muted); font-weight: normal; }
        .sidenav a { display: block; padding: 7px 20px; color: var(--text); }
        .sidenav a.active { background: var(--accent-weak); color: var(--accent); border-right: 3px solid var(--accent); }
        main { flex: 1; min-width: 0; padding: 20px 24px; }
        h1 { font-size: 20px; margin: 0 0 16px; font-weight: 600; }
        h2 { font-size: 16px; margin: 20px 0 10px; font-weight: 600; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: var(--radius); padding: 16px; margin-bottom: 16px; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 12px; }
        .stat { background: #fff; border: 1px solid var(--line); border-radius: var(--radius); padding: 12px 16px; }
        .stat b { display: block; font-size: 22px; font-variant-numeric: tabular-nums; }
        .stat span { color: var(--muted); }
        .cols { display: grid; grid-template-columns: minmax(0, 2fr) minmax(280px, 1fr); gap: 16px; align-items: start; }
        table.data { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: var(--radius); }
        table.data th, table.data td { padding: 8px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        table.data th { background: #fafbfc; font-weight: 600; white-space: nowrap; color: var(--muted); }
        table.data th a { color: inherit; }
        .nowrap, table.data td.num { white-space: nowrap; }
        table.data tr[data-href] { cursor: pointer; }
        table.data tr[data-href]:hover td { background: #f7f9fc; }
        .num, table.data th.num, table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .table-wrap { overflow-x: auto; }
        .filters, .bulk-bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-bottom: 12px; }
        .filters label, .bulk-bar label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
        .bulk-bar { padding: 8px; background: #f7f9fc; border: 1px solid var(--line); border-radius: var(--radius); }
        .tabs { display: flex; gap: 4px; margin-bottom: 8px; border-bottom: 1px solid var(--line); }
        .tabs a { padding: 6px 12px; color: var(--muted); border-bottom: 2px solid transparent; }
        .tabs a[aria-current] { color: inherit; font-weight: 600; border-bottom-color: #1f5fbf; }
        .overdue { color: #b42318; font-weight: 600; }
        .toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: space-between; margin-bottom: 12px; }
        .toolbar .actions { display: flex; gap: 8px; flex-wrap: wrap; }
        input, select, textarea { font: inherit; padding: 6px 8px; border: 1px solid #c9cdd4; border-radius: 4px; background: #fff; color: var(--text); }
        input:focus, select:focus, textarea:focus { outline: 2px solid var(--accent-weak); border-color: var(--accent); }
        textarea { width: 100%; min-height: 80px; }
        .btn { display: inline-block; padding: 6px 14px; border-radius: 4px; border: 1px solid #c9cdd4; background: #fff; color: var(--text);
          cursor: pointer; font: inherit; white-space: nowrap; }
        .btn:hover { text-decoration: none; border-color: var(--accent); color: var(--accent); }
        .btn.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
        .btn.primary:hover { filter: brightness(1.08); color: #fff; }
        .btn.danger { color: var(--bad); border-color: #f0c2c0; }
        form.stack .field { margin-bottom: 12px; }
        form.stack label { display: block; font-weight: 500; margin-bottom: 4px; }
        form.stack input:not([type=checkbox]), form.stack select { width: 100%; max-width: 480px; }
        .req::after { content: " *"; color: var(--bad); }
        .field.error input, .field.error select, .field.error textarea { border-color: var(--bad); }
        .err { color: var(--bad); font-size: 13px; margin-top: 2px; }
        .hint { color: var(--muted); font-size: 12px; }
        .alert { padding: 10px 14px; border-radius: 4px; margin-bottom: 12px; border: 1px solid; }
        .alert.bad { background: #fdf0ef; border-color: #f0c2c0; color: var(--bad); }
        .btn.back { background: #fff; border-style: dashed; color: var(--muted); }
        .btn.final { box-shadow: inset 0 0 0 2px rgba(255,255,255,.6); font-weight: 600; }
        .alert.ok { background: #eef8f2; border-color: #bfe3cd; color: var(--ok); }
        /* A save's message stays in sight wherever the page it returns to is scrolled (back to the record's log). */
        #notice { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); z-index: 50; margin: 0; max-width: calc(100vw - 32px); box-shadow: 0 4px 16px rgba(0,0,0,.15); }
        .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; line-height: 20px; background: #eef0f3; color: var(--muted); white-space: nowrap; }
        .badge.ok { background: #e6f4ec; color: var(--ok); }
        .badge.warn { background: #fdf3e1; color: var(--warn); }
        .badge.bad { background: #fdecea; color: var(--bad); }
        .badge.tier-A { background: #fdecea; color: var(--bad); }
        .badge.tier-B { background: #fdf3e1; color: var(--warn); }
        .header-card { display: flex; flex-wrap: wrap; gap: 16px; justify-content: space-between; align-items: start; }
        .header-card h1 { margin-bottom: 6px; }
        .meta { display: flex; flex-wrap: wrap; gap: 16px; color: var(--muted); }
        dl.props { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 6px 16px; margin: 0; }
        dl.props dt { color: var(--muted); }
        dl.props dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
        .cols > * { min-width: 0; }
        /* The customer page's side column: its tables keep to the column, names never broken a character a line. */
        .side table.data .opt { display: none; }
        .side table.data td, .side table.data th { word-break: keep-all; overflow-wrap: anywhere; }
        .side table.data td:first-child { min-width: 6em; }
        .timeline { list-style: none; margin: 0; padding: 0; }
        .timeline li { border-left: 2px solid var(--line); padding: 0 0 14px 14px; position: relative; }
        .timeline li::before { content: ""; position: absolute; left: -6px; top: 6px; width: 10px; height: 10px; border-radius: 50%; background: var(--accent); }
        .timeline .when { color: var(--muted); font-size: 12px; }
        .timeline p { margin: 4px 0; white-space: pre-wrap; }
        table.calendar { width: 100%; border-collapse: collapse; table-layout: fixed; background: #fff; }
        table.calendar th { padding: 6px; color: var(--muted); font-weight: normal; border-bottom: 1px solid var(--line); }
        table.calendar td { vertical-align: top; height: 92px; padding: 4px; border: 1px solid var(--line); overflow: hidden; }
        table.calendar td.cal-out { background: #f6f7f9; }
        table.calendar td.cal-today { outline: 2px solid var(--accent); outline-offset: -2px; }
        .cal-day { font-size: 12px; color: var(--muted); }
        .cal-item { display: block; font-size: 12px; margin-top: 2px; padding: 1px 4px; border-radius: 3px; background: #e8f0fe; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .cal-item.done { background: #e6f4ea; }
        .cal-item.cancelled { background: #eee; text-decoration: line-through; }
        .prose { white-space: pre-wrap; margin-top: 12px; line-height: 1.7; }
        .pager { display: flex; gap: 8px; align-items: center; justify-content: flex-end; margin-top: 10px; color: var(--muted); }
        .login { max-width: 380px; margin: 8vh auto; }
        .login .brand { display: block; text-align: center; margin-bottom: 16px; font-size: 20px; }
        .lang { display: flex; gap: 4px; }
        .lang button[aria-current] { font-weight: 600; color: var(--text); }
        .muted { color: var(--muted); }
        .checks { display: flex; flex-wrap: wrap; gap: 6px 16px; }
        .checks label { font-weight: normal; display: flex; gap: 4px; align-items: center; }
        pre.json { white-space: pre-wrap; word-break: break-all; font-size: 12px; margin: 0; max-width: 520px; }
        .alert.warn { background: #fff8e1; border-color: #f0c36d; }
        .inline-form { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
        .inline-form input { max-width: 180px; }
        tr.error td { background: #fff1f0; }
        .print-doc { background: #fff; padding: 24px; }
        .print-actions { margin-bottom: 16px; }
        .quote-sheet { max-width: 960px; margin: 0 auto; font-size: 13px; }
        .quote-sheet header { text-align: center; margin-bottom: 12px; }
        .quote-sheet h1 { letter-spacing: .5em; font-size: 24px; margin: 0 0 4px; }
        .quote-sheet table { width: 100%; border-collapse: collapse; margin: 8px 0; }
        .quote-sheet th, .quote-sheet td { border: 1px solid #444; padding: 4px 6px; }
        .quote-sheet .meta-table th { width: 12%; background: #f3f3f3; text-align: left; }
        .quote-sheet .lines th { background: #f3f3f3; }
        .quote-sheet .num { text-align: right; white-space: nowrap; }
        .quote-sheet .signatures { display: flex; justify-content: space-between; margin-top: 48px; }
        .quote-sheet .signatures div { width: 45%; border-top: 1px solid #444; padding-top: 6px; min-height: 60px; }
        ol.steps { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; padding: 0; margin: 8px 0 12px; counter-reset: step; }
        ol.steps li { padding: 4px 12px; border-radius: 12px; background: #eef1f5; color: var(--muted); font-size: 13px; }
        ol.steps li.done { background: #e3f4e8; color: #1e7a3c; }
        ol.steps li.now { background: var(--accent, #1f6feb); color: #fff; font-weight: 600; }
        @media (max-width: 760px) {
          .nav-button { display: inline-block; }
          .sidenav { display: none; position: absolute; z-index: 9; left: 0; top: 52px; bottom: 0; box-shadow: 2px 0 8px rgba(0,0,0,.1); }
          .nav-toggle:checked ~ .shell .sidenav { display: block; }
          .who, .brand span { display: none; }
          .topbar { gap: 8px; padding: 0 8px; }
          .topbar .spacer { display: none; }
          .search { flex: 1 1 auto; min-width: 140px; }
          main { padding: 12px; }
          .cols { grid-template-columns: 1fr; }
          table.data .opt { display: none; }
        }
        @media print {
          .topbar, .sidenav, .toolbar, .filters, .pager, form, .print-actions { display: none !important; }
          .print-doc { padding: 0; }
          body { background: #fff; }
          main { padding: 0; }
        }
        .kanban { display: flex; gap: 12px; overflow-x: auto; align-items: flex-start; padding-bottom: 8px; max-width: 100%; }
        dialog { border: 1px solid var(--line); border-radius: var(--radius); padding: 16px; width: min(420px, 92vw); }
        dialog::backdrop { background: rgba(0, 0, 0, .3); }
        .kanban-col { flex: 0 0 240px; background: #eef0f3; border-radius: var(--radius); padding: 8px; min-height: 160px; }
        .kanban-col.over { outline: 2px dashed var(--accent); background: var(--accent-weak); }
        .kanban-col h2 { font-size: 14px; margin: 2px 4px 2px; display: flex; justify-content: space-between; }
        .kanban-col .totals { font-size: 12px; color: var(--muted); margin: 0 4px 8px; }
        .kanban-cards { display: flex; flex-direction: column; gap: 8px; min-height: 60px; }
        .kanban-card { background: #fff; border: 1px solid var(--line); border-radius: var(--radius); padding: 8px 10px; cursor: grab; }
        .kanban-card.dragging { opacity: .5; }
        .kanban-card .title { font-weight: 600; display: block; }
        .kanban-card .meta { font-size: 12px; color: var(--muted); }
        .kanban-card form { margin: 6px 0 0; display: flex; gap: 4px; }
        .kanban-card select { flex: 1; min-width: 0; font-size: 12px; }
        .kanban-card .btn { padding: 2px 8px; font-size: 12px; }
        .hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
        """
}
