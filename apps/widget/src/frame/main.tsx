import { render } from 'preact';
import { readableAccent, isHexColor } from '../shared/color';
import { HostBridge } from './bridge';
import { chime, unlockAudio } from './chime';
import { parseHost } from './hostOrigin';
import { App } from './components/App';
import { syncHost } from './hostSync';
import { isRtl, loadStrings } from './language';
import { ChatStore } from './state/chatStore';
import { socketTransport } from './state/socketTransport';
import { browserStorage, keys } from './state/storage';
import { applyStrings, strings } from './strings';
import './styles.css';

const params = new URLSearchParams(location.search);
const siteKey = params.get('site') ?? '';
const host = parseHost(params.get('host'));
const bridge = new HostBridge(host);
const root = document.getElementById('app')!;
const html = document.documentElement;

let accent: string | undefined;
function applyAccent(color: string | undefined): void {
  if (color === accent || !isHexColor(color)) return;
  accent = color;
  // Darkened where needed so that text on it (and it as text) passes WCAG AA.
  const { fill, on, ink } = readableAccent(color);
  html.style.setProperty('--accent', fill);
  html.style.setProperty('--on-accent', on);
  html.style.setProperty('--accent-ink', ink);
  html.style.setProperty(
    '--sheen',
    on === '#ffffff' ? 'rgb(0 0 0 / 0.1)' : 'rgb(255 255 255 / 0.14)',
  );
}

if (!siteKey) {
  root.textContent = strings.unavailable;
} else {
  const storage = browserStorage();
  // The token now lives with loader.js; an older frame's copy is of no use to anyone.
  storage.remove(keys.legacyToken(siteKey));
  const store = new ChatStore({
    siteKey,
    storage,
    connect: socketTransport,
    browserLanguages: () => navigator.languages ?? [navigator.language],
    loadLanguage: async (language) => {
      applyStrings(language, await loadStrings(language));
      html.lang = language;
      html.dir = isRtl(language) ? 'rtl' : 'ltr';
      document.title = strings.frameTitle;
    },
    signal: (s) => {
      if (s.type === 'chime') chime();
      else if (s.type === 'open') bridge.post({ type: 'open' });
      else bridge.post(s);
    },
  });
  syncHost(store, bridge);
  store.subscribe(() => applyAccent(store.getState().config?.accentColor));

  bridge.listen((m) => {
    if (m.type === 'open' || m.type === 'close') store.setHostOpen(m.type === 'open');
    else if (m.type === 'init') store.init(m.token, m.language);
    else if (m.type === 'language') store.setLanguage(m.language);
  });
  // Standing alone (opened directly, as in development) the chat is always "open".
  if (!bridge.embedded) store.setHostOpen(true);
  // Read receipts go out only while the visitor can actually see the chat; sounds and the
  // agent's "send to page" depend on whether the tab is in front.
  const attention = () =>
    store.setAttention(document.visibilityState === 'visible', document.hasFocus());
  for (const e of ['focus', 'blur']) window.addEventListener(e, attention);
  document.addEventListener('visibilitychange', attention);
  attention();
  for (const e of ['pointerdown', 'keydown']) window.addEventListener(e, unlockAudio);
  // Another tab read the messages: refresh this tab's badge.
  window.addEventListener('storage', (e) => {
    if (e.key === keys.seen(siteKey)) store.refreshUnread();
  });

  const minimize = bridge.embedded ? () => bridge.post({ type: 'close' }) : undefined;
  // A page of the site opens in the host page itself (loader.js checks the origin again).
  const openPage = (url: string) => {
    if (!bridge.embedded || !host) return false;
    try {
      if (new URL(url).origin !== host) return false;
    } catch {
      return false;
    }
    bridge.post({ type: 'navigate', url });
    return true;
  };
  render(<App store={store} onMinimize={minimize} onOpenPage={openPage} />, root);
  bridge.post({ type: 'ready' });
}
