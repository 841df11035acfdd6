/**
 * The one stylesheet, served by us at /app/assets/style.css (no CDN, no
 * inline style: the pages' CSP allows styles from 'self' only). Colours
 * meet WCAG 2.1 AA contrast (4.5:1 for text) on white; a status is never
 * told by colour alone: each carries its word and an icon.
 */
export const STYLESHEET = `
:root { --ink: #1b1f24; --muted: #4a5563; --line: #c9ced6; --accent: #0b5cad; --bg: #ffffff; --soft: #f3f5f8;
  --good: #146c2e; --regular: #7a5200; --critical: #b3261e; --none: #4a5563; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 3px solid #ffbf47; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 8px; z-index: 10; }
header.top { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; justify-content: space-between; padding: 10px 20px; background: #0b2e59; color: #fff; }
header.top a, header.top button { color: #fff; }
header.top .brand { font-weight: 700; font-size: 1.15rem; text-decoration: none; }
header.top nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 0; padding: 0; }
header.top .who { font-size: .9rem; display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; }
header.top form { display: inline; margin: 0; }
header.top button { background: transparent; border: 1px solid #fff; border-radius: 4px; padding: 2px 10px; font: inherit; cursor: pointer; }
.travel { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; padding: 8px 20px; background: var(--soft); border-bottom: 1px solid var(--line); font-size: .92rem; }
.travel.past { background: #fff4ce; border-bottom: 2px solid #7a5200; }
.travel form { display: flex; flex-wrap: wrap; gap: 6px; align-items: end; margin: 0; }
main { padding: 16px 20px 40px; max-width: 1200px; }
h1 { font-size: 1.5rem; margin: .2em 0 .6em; }
h2 { font-size: 1.2rem; margin: 1.4em 0 .5em; }
label { display: block; font-weight: 600; font-size: .9rem; }
input, select, textarea, button { font: inherit; }
input, select, textarea { border: 1px solid #6b7280; border-radius: 4px; padding: 4px 6px; max-width: 100%; background: #fff; color: var(--ink); }
button.primary, .button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 6px 14px; cursor: pointer; text-decoration: none; display: inline-block; }
.filters { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: end; margin: 0 0 12px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0 0 12px; font-size: .93rem; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { font-weight: 700; white-space: nowrap; }
.status-good { color: var(--good); } .status-regular { color: var(--regular); } .status-critical { color: var(--critical); }
.status-not-reported, .status-not-due { color: var(--none); }
tr.unjustified { background: #fde8e7; }
.flag { color: var(--critical); font-weight: 700; }
.notice { border-left: 4px solid var(--accent); background: var(--soft); padding: 8px 12px; margin: 8px 0 16px; }
.notice.error { border-color: var(--critical); background: #fde8e7; }
.notice.ok { border-color: var(--good); background: #e6f4ea; }
input:invalid { border: 2px solid var(--critical); background: #fde8e7; }
.field-error { color: var(--critical); font-size: .88rem; font-weight: 600; display: block; }
.muted { color: var(--muted); font-size: .9rem; }
.warning { color: var(--regular); font-size: .9rem; white-space: nowrap; }
.muted.block { display: block; }
code, .hash { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; word-break: break-all; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.1em; margin: 0; }
ul.tree { padding-left: 0; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 12px 24px; }
.entry-row { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 0 0 12px; }
.entry-row fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 8px 16px; }
.entry-row legend { font-weight: 700; padding: 0; margin-bottom: 6px; }
.entry-row .wide { flex: 1 1 100%; }
.entry-row textarea { width: 100%; }
.signin { max-width: 560px; }
.signin input[type=password] { width: 100%; }
svg { max-width: 100%; height: auto; }
form.inline { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: end; margin: 0 0 6px; }
form.inline label { font-weight: 400; font-size: .85rem; flex: 1 1 100%; }
form.inline input { flex: 1 1 10em; min-width: 8em; }
/* An empty required reason is not an error until it is sent: the server says so, in words. */
form.inline input:invalid, #reason:invalid { border: 1px solid #6b7280; background: #fff; }
label.inline-label { display: inline; font-weight: 400; }
.pill { display: inline-block; border: 1px solid var(--line); border-radius: 12px; padding: 2px 10px; margin: 0 6px 6px 0; }
ul.links { padding-left: 1.1em; }
ul.links li { margin: 0 0 4px; }
ul.causes { margin: 0; padding-left: 1em; font-size: .88rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.legend { font-size: .85rem; }
@media (max-width: 600px) { main { padding: 12px; } header.top { padding: 8px 12px; } .travel { padding: 8px 12px; } th, td { padding: 4px 5px; } dl.facts { grid-template-columns: 1fr; }
  table.stack thead { display: none; } table.stack tr, table.stack th, table.stack td { display: block; width: auto; } table.stack tr { border-bottom: 2px solid var(--line); }
  table.stack td[data-label]::before { content: attr(data-label); display: block; font-weight: 600; font-size: .8rem; color: var(--muted); } }
`;
