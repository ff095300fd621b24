// The marking banner: the highest classification the page has shown since it loaded, from the
// X-Shekara-Classification header of every API answer and the classification of every live object.
// It errs on the safe side: it never drops while the page stays open.
const ORDER = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET'];
let highest = 0;

export function raise(classification) {
  const i = ORDER.indexOf(classification);
  if (i <= highest && document.getElementById('marking-banner').textContent) return;
  highest = Math.max(highest, i);
  const banner = document.getElementById('marking-banner');
  banner.textContent = ORDER[highest];
  banner.dataset.classification = ORDER[highest];
}

const fetchFirst = window.fetch.bind(window);
window.fetch = async (...args) => {
  const res = await fetchFirst(...args);
  const c = res.headers.get('X-Shekara-Classification');
  if (c) raise(c);
  return res;
};

document.addEventListener('DOMContentLoaded', () => raise('UNCLASSIFIED'));
