import { render } from 'preact';
import { isHexColor, readableOn } from '../shared/color';
import { HostBridge } from './bridge';
import { parseHost } from './hostOrigin';
import { App } from './components/App';
import { syncHost } from './hostSync';
import { ChatStore } from './state/chatStore';
import { createSession } from './state/session';
import { socketTransport } from './state/socketTransport';
import { browserStorage, keys } from './state/storage';
import { strings } from './strings';
import './styles.css';

const params = new URLSearchParams(location.search);
const siteKey = params.get('site') ?? '';
const bridge = new HostBridge(parseHost(params.get('host')));
const root = document.getElementById('app')!;

function applyAccent(color: string | undefined): void {
  if (!isHexColor(color)) return;
  document.documentElement.style.setProperty('--accent', color);
  document.documentElement.style.setProperty('--on-accent', readableOn(color));
}

if (!siteKey) {
  root.textContent = strings.unavailable;
} else {
  const storage = browserStorage();
  const store = new ChatStore({ siteKey, storage, createSession, connect: socketTransport });
  syncHost(store, bridge);
  store.subscribe(() => applyAccent(store.getState().config?.accentColor));

  bridge.listen((m) => {
    if (m.type === 'open' || m.type === 'close') store.setHostOpen(m.type === 'open');
  });
  // Standing alone (opened directly, as in development) the chat is always "open".
  if (!bridge.embedded) store.setHostOpen(true);
  // Read receipts go out only while the visitor can actually see the chat.
  const attention = () =>
    store.setFocused(document.visibilityState === 'visible' && document.hasFocus());
  for (const e of ['focus', 'blur']) window.addEventListener(e, attention);
  document.addEventListener('visibilitychange', attention);
  attention();
  // Another tab read the messages: refresh this tab's badge.
  window.addEventListener('storage', (e) => {
    if (e.key === keys.seen(siteKey)) store.refreshUnread();
  });

  const minimize = bridge.embedded ? () => bridge.post({ type: 'close' }) : undefined;
  render(<App store={store} onMinimize={minimize} />, root);
  bridge.post({ type: 'ready' });
  void store.start();
}
