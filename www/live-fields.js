// Live reading of one amount and one date field: every keystroke goes to the wasm core, and the
// page only shows what the core returned (no arithmetic, no parsing in JavaScript).
import init, { validateAmount, parseWareki, version } from './pkg/yoken.js';

await init();

const show = (out, text, ok) => {
  out.textContent = text; // always text, never HTML
  out.classList.toggle('ok', ok);
  out.classList.toggle('error', !ok);
};

const lang = () => (document.documentElement.lang === 'en' ? 'en' : 'ja');

function bind(inputId, outId, check) {
  const input = document.getElementById(inputId);
  const out = document.getElementById(outId);
  const update = () => {
    if (input.value.trim() === '') { show(out, '', true); input.removeAttribute('aria-invalid'); return; }
    const { text, ok } = check(input.value);
    show(out, text, ok);
    input.setAttribute('aria-invalid', String(!ok));
  };
  input.addEventListener('input', update);
  update();
}

bind('amount', 'amount-out', (value) => {
  const r = validateAmount(value, 'thousand_yen');
  if (!r.ok) return { ok: false, text: r.error.message[lang()] };
  return { ok: true, text: r.note ? `${r.display}（${r.note[lang()]}）` : r.display };
});

bind('date', 'date-out', (value) => {
  const r = parseWareki(value);
  if (!r.ok) return { ok: false, text: r.error.message[lang()] };
  return { ok: true, text: `${r.wareki}（${r.iso}、${r.fiscal_year}）` };
});

document.getElementById('version').textContent = version();
